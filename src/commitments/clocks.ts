import { z } from 'zod';
import { addElapsedMinutes, addWorkingDays, holidayDataStatus, type WorkingCalendar } from './calendar.ts';
import type {
  ClockCalendar,
  ClockName,
  EffectiveProfile,
  FaultLevel,
  TicketKind,
  Tier,
  TierClockName,
} from './catalog.schema.ts';
import { CommitmentError } from './errors.ts';
import { MINUTE_MS, formatInZone, toEpochMs, type Instant } from './zoned-time.ts';

/** Ticket events that stop clocks or start the report clock (the lifecycle of product.md). */
export const TicketEvent = z.enum([
  'acknowledged',
  'assigned',
  'en-route',
  'on-site',
  'spare-unit-delivered',
  'resolved',
  'report-filed',
  'closed',
]);
export type TicketEvent = z.infer<typeof TicketEvent>;

/** An event from the ticket's history; other event types may be passed and are ignored. */
export interface TicketEventRecord {
  type: TicketEvent | (string & {});
  at: Instant;
}

interface ClockRule {
  /** Ticket kinds the clock applies to. */
  kinds: readonly TicketKind[];
  /** `reported`: at the report; `on-site-repair-resolved`: the first resolution after an on-site visit. */
  startsOn: 'reported' | 'on-site-repair-resolved';
  /** The event that stops the clock: the promise is kept when it happens by the due time. */
  stoppedBy: TicketEvent;
  /** Runs only when the fault needs a spare unit or spare part on site. */
  needsSpareUnit?: true;
}

/**
 * Which clocks a ticket starts, when they start and which event stops them, in the order the
 * lifecycle meets them. The figures and calendars come from the profile; this table is the part
 * of the rules that no contract changes.
 */
export const CLOCK_RULES: Readonly<Record<ClockName, ClockRule>> = {
  acknowledge: {
    kinds: ['fault', 'question', 'remote', 'complex'],
    startsOn: 'reported',
    stoppedBy: 'acknowledged',
  },
  arrange: { kinds: ['fault', 'remote', 'complex'], startsOn: 'reported', stoppedBy: 'assigned' },
  onsite: { kinds: ['fault'], startsOn: 'reported', stoppedBy: 'on-site' },
  spareUnit: {
    kinds: ['fault'],
    startsOn: 'reported',
    stoppedBy: 'spare-unit-delivered',
    needsSpareUnit: true,
  },
  resolve: { kinds: ['fault'], startsOn: 'reported', stoppedBy: 'resolved' },
  report: { kinds: ['fault'], startsOn: 'on-site-repair-resolved', stoppedBy: 'report-filed' },
  answer: { kinds: ['question'], startsOn: 'reported', stoppedBy: 'resolved' },
  remote: { kinds: ['remote'], startsOn: 'reported', stoppedBy: 'resolved' },
  complex: { kinds: ['complex'], startsOn: 'reported', stoppedBy: 'resolved' },
};

export interface ComputeClocksInput {
  reportedAt: Instant;
  level: FaultLevel;
  tier: Tier;
  /** The site's zone (a catalog zone id); required for faults, which have an on-site clock. */
  zone?: string;
  profile: EffectiveProfile;
  needsSpareUnit: boolean;
  kind: TicketKind;
  calendar: WorkingCalendar;
  events?: readonly TicketEventRecord[];
}

export interface CommitmentClock {
  clock: ClockName;
  calendar: ClockCalendar;
  /** ISO-8601 in the calendar's time zone offset, like `due` and `stoppedAt`. */
  startedAt: string;
  due: string;
  /** Elapsed minutes from start to due (nights, weekends and holidays included). */
  budgetMinutes: number;
  /** The profile's at-risk share, carried so that clockStatus needs nothing else. */
  atRiskShare: number;
  stoppedBy: TicketEvent;
  /** When the stopping event happened (its first occurrence), or null while the clock runs. */
  stoppedAt: string | null;
  /** Working-days clocks only: how firmly the holidays between start and due are known. */
  holidayData?: 'official' | 'provisional' | 'missing';
}

function roundMinutes(ms: number): number {
  const minutes = Math.round(ms / (MINUTE_MS / 100)) / 100;
  return minutes === 0 ? 0 : minutes;
}

function onsiteFigure(input: ComputeClocksInput): number | null {
  if (input.zone === undefined) {
    throw new CommitmentError('invalid-input', 'a fault needs the site zone', [
      { path: 'zone', message: 'required for a fault' },
    ]);
  }
  const { byZone, anyZone } = input.profile.clocks.onsite;
  const figures = byZone[input.zone] ?? anyZone;
  if (!figures) {
    throw new CommitmentError('unknown-zone', `profile ${input.profile.profileId} has no on-site figure`, [
      { path: 'zone', message: `${input.zone} is not a zone of ${input.profile.profileId}` },
    ]);
  }
  return figures[String(input.level) as keyof typeof figures];
}

function firstEventMs(events: readonly { type: string; ms: number }[], type: TicketEvent, from = -Infinity) {
  const times = events.filter((e) => e.type === type && e.ms >= from).map((e) => e.ms);
  return times.length ? Math.min(...times) : null;
}

/**
 * Every clock the ticket runs under its profile, with its due time. A clock whose figure is null
 * for the ticket's tier (or zone and level) is not promised and is left out; the report clock is
 * left out until the repair after an on-site visit is resolved, because only then does it start.
 */
export function computeClocks(input: ComputeClocksInput): CommitmentClock[] {
  const { calendar, profile } = input;
  const reportedMs = toEpochMs(input.reportedAt, 'reportedAt');
  const events = (input.events ?? []).map((event, index) => ({
    type: event.type,
    ms: toEpochMs(event.at, `events.${index}.at`),
  }));
  const firstOnSite = firstEventMs(events, 'on-site');
  const repairResolved = firstOnSite === null ? null : firstEventMs(events, 'resolved', firstOnSite);
  const format = (ms: number) => formatInZone(ms, calendar.timeZone);

  const clocks: CommitmentClock[] = [];
  for (const [name, rule] of Object.entries(CLOCK_RULES) as [ClockName, ClockRule][]) {
    if (!rule.kinds.includes(input.kind) || (rule.needsSpareUnit && !input.needsSpareUnit)) continue;
    const figure =
      name === 'onsite' ? onsiteFigure(input) : profile.clocks[name as TierClockName].byTier[input.tier];
    const startMs = rule.startsOn === 'reported' ? reportedMs : repairResolved;
    if (figure === null || startMs === null) continue;

    const clockCalendar = profile.clocks[name].calendar;
    const dueMs =
      clockCalendar === '7x24'
        ? addElapsedMinutes(new Date(startMs), figure).getTime()
        : addWorkingDays(calendar, new Date(startMs), figure).getTime();
    const stoppedMs = firstEventMs(events, rule.stoppedBy);
    clocks.push({
      clock: name,
      calendar: clockCalendar,
      startedAt: format(startMs),
      due: format(dueMs),
      budgetMinutes: roundMinutes(dueMs - startMs),
      atRiskShare: profile.atRiskShare,
      stoppedBy: rule.stoppedBy,
      stoppedAt: stoppedMs === null ? null : format(stoppedMs),
      ...(clockCalendar === 'working-days'
        ? { holidayData: holidayDataStatus(calendar, new Date(startMs), new Date(dueMs)) }
        : {}),
    });
  }
  return clocks;
}

export type ClockState = 'met' | 'at-risk' | 'breached' | 'running';

export interface ClockStatus {
  status: ClockState;
  /** Minutes from the stop (or from now, while running) to the due time; negative when late. */
  remainingMinutes: number;
}

/**
 * Where a clock stands. Stopped: met when stopped at or before the due time, else breached.
 * Running: breached once now is past the due time, at risk while less than the at-risk share of
 * the budget is left, else running. Minutes have two decimals.
 */
export function clockStatus(
  clock: Pick<CommitmentClock, 'due' | 'budgetMinutes' | 'atRiskShare'>,
  stoppedAt: Instant | null,
  now: Instant,
): ClockStatus {
  const dueMs = toEpochMs(clock.due, 'clock.due');
  if (stoppedAt !== null) {
    const remaining = dueMs - toEpochMs(stoppedAt, 'stoppedAt');
    return { status: remaining >= 0 ? 'met' : 'breached', remainingMinutes: roundMinutes(remaining) };
  }
  const remaining = dueMs - toEpochMs(now, 'now');
  const atRiskMs = clock.atRiskShare * clock.budgetMinutes * MINUTE_MS;
  const status = remaining < 0 ? 'breached' : remaining < atRiskMs ? 'at-risk' : 'running';
  return { status, remainingMinutes: roundMinutes(remaining) };
}
