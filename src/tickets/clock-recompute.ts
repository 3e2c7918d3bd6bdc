import type { Knex } from 'knex';
import { effectiveProfile } from './contract-terms.ts';
import type { IntakeContextRepository } from './intake-context.repository.ts';
import type { StoredClock } from './ticket-clock.repository.ts';
import { computeTicketClocks } from './ticket-clocks.ts';
import type { TicketEventRepository } from './ticket-event.repository.ts';
import type { TicketRecord } from './ticket.repository.ts';
import { loadWorkingCalendar } from './working-calendar.ts';

/**
 * The clocks a stored ticket runs given its whole history, under its contract's current terms
 * and the site's working calendar. Undefined for a ticket without a contract (one not taken in
 * through intake), whose stored clocks are then left as they are.
 */
export function createClockRecompute(deps: {
  context: IntakeContextRepository;
  events: TicketEventRepository;
}) {
  return async function recomputeClocks(ticket: TicketRecord, trx: Knex): Promise<StoredClock[] | undefined> {
    if (!ticket.contractId) return undefined;
    // One after the other: a transaction is one connection, which runs one query at a time.
    const contract = await deps.context.contract(ticket.contractId, trx);
    const site = await deps.context.site(ticket.siteId, trx);
    const history = await deps.events.list(ticket.id, trx);
    if (!contract || !site) return undefined;
    return computeTicketClocks({
      ticket: { ...ticket, needsSpareUnit: ticket.spareUnitModelId !== null },
      profile: effectiveProfile(contract),
      calendar: await loadWorkingCalendar(trx, site.timeZone),
      events: history.map((event) => ({ type: event.type, at: event.at })),
    });
  };
}

export type ClockRecompute = ReturnType<typeof createClockRecompute>;
