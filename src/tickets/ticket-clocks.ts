import {
  clockStatus,
  computeClocks,
  defaultCatalog,
  type EffectiveProfile,
  type FaultLevel,
  type TicketEventRecord,
  type TicketKind,
  type Tier,
  type WorkingCalendar,
} from '../commitments/index.ts';
import type { StoredClock } from './ticket-clock.repository.ts';
import type { TicketClockView } from './ticket.schemas.ts';

/**
 * The bridge between stored tickets and the pure commitment clocks: which catalog zone a site's
 * zone is, the clocks a ticket runs given its history, and where each stands at a given time.
 */

/**
 * The network's zone kinds are the commitment catalog's zone ids; older data may still name the Beijing
 * region's "2 h / 12 h / 48 h" zones, which the catalog calls by district. A custom zone (or a
 * site without a zone) is promised only what the profile promises in any zone.
 */
const CATALOG_ZONE_OF_KIND: Readonly<Record<string, string>> = {
  ...Object.fromEntries(defaultCatalog().zones.map((zone) => [zone.id, zone.id])),
  '2h': 'beijing-urban',
  '12h': 'beijing-suburban',
  '48h': 'beijing-outside',
};

/** A zone id no profile lists, so the profile's any-zone figure applies. */
export const NO_CATALOG_ZONE = 'no-catalog-zone';

export const catalogZoneOf = (zoneKind: string | null): string =>
  (zoneKind && CATALOG_ZONE_OF_KIND[zoneKind]) ?? NO_CATALOG_ZONE;

export interface ClockSubject {
  kind: TicketKind;
  level: number;
  tier: Tier;
  zoneKind: string | null;
  reportedAt: Date;
  /** A spare unit is on its way (asked for at intake, or three strikes): its clock runs. */
  needsSpareUnit: boolean;
}

/** Every clock the ticket runs now, its stop taken from the history (throws CommitmentError). */
export function computeTicketClocks(input: {
  ticket: ClockSubject;
  profile: EffectiveProfile;
  calendar: WorkingCalendar;
  events: readonly TicketEventRecord[];
}): StoredClock[] {
  const { ticket } = input;
  return computeClocks({
    reportedAt: ticket.reportedAt,
    level: ticket.level as FaultLevel,
    tier: ticket.tier,
    zone: catalogZoneOf(ticket.zoneKind),
    profile: input.profile,
    needsSpareUnit: ticket.needsSpareUnit,
    kind: ticket.kind,
    calendar: input.calendar,
    events: input.events,
  }).map((clock) => ({
    clock: clock.clock,
    calendar: clock.calendar,
    startsAt: new Date(clock.startedAt),
    dueAt: new Date(clock.due),
    budgetMinutes: clock.budgetMinutes,
    atRiskShare: clock.atRiskShare,
    stoppedAt: clock.stoppedAt === null ? null : new Date(clock.stoppedAt),
  }));
}

/** Where each stored clock stands at `now`. */
export function evaluateClocks(clocks: readonly StoredClock[], now: Date): TicketClockView[] {
  return clocks.map((clock) => {
    const state = clockStatus(
      { due: clock.dueAt.toISOString(), budgetMinutes: clock.budgetMinutes, atRiskShare: clock.atRiskShare },
      clock.stoppedAt,
      now,
    );
    return {
      clock: clock.clock,
      calendar: clock.calendar,
      startsAt: clock.startsAt.toISOString(),
      due: clock.dueAt.toISOString(),
      budgetMinutes: clock.budgetMinutes,
      stoppedAt: clock.stoppedAt ? clock.stoppedAt.toISOString() : null,
      status: state.status,
      remainingMinutes: state.remainingMinutes,
    };
  });
}

/** The earliest due time among the clocks still running, or null when none runs. */
export function nextDueAt(clocks: readonly StoredClock[]): string | null {
  const running = clocks.filter((clock) => clock.stoppedAt === null).map((clock) => clock.dueAt.getTime());
  return running.length ? new Date(Math.min(...running)).toISOString() : null;
}
