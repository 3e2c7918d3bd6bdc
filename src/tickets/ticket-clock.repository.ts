import type { Knex } from 'knex';
import type { ClockCalendar, ClockName } from '../commitments/index.ts';

/** A commitment clock as stored with its ticket: the figures computed at intake, and its stop. */
export interface StoredClock {
  clock: ClockName;
  calendar: ClockCalendar;
  startsAt: Date;
  dueAt: Date;
  budgetMinutes: number;
  atRiskShare: number;
  stoppedAt: Date | null;
}

interface ClockRow {
  ticket_id: string;
  clock: ClockName;
  calendar: ClockCalendar;
  starts_at: Date;
  due_at: Date;
  budget_minutes: number;
  at_risk_share: number;
  stopped_at: Date | null;
}

const toClock = (row: ClockRow): StoredClock => ({
  clock: row.clock,
  calendar: row.calendar,
  startsAt: row.starts_at,
  dueAt: row.due_at,
  budgetMinutes: row.budget_minutes,
  atRiskShare: row.at_risk_share,
  stoppedAt: row.stopped_at,
});

const toRow = (ticketId: string, clock: StoredClock) => ({
  ticket_id: ticketId,
  clock: clock.clock,
  calendar: clock.calendar,
  starts_at: clock.startsAt,
  due_at: clock.dueAt,
  budget_minutes: clock.budgetMinutes,
  at_risk_share: clock.atRiskShare,
  stopped_at: clock.stoppedAt,
});

/** The order clocks are listed in: by due time, then name, so a response is stable. */
export const clocksByDue = (a: StoredClock, b: StoredClock) =>
  a.dueAt.getTime() - b.dueAt.getTime() || a.clock.localeCompare(b.clock);

export function createTicketClockRepository(db: Knex) {
  return {
    async forTickets(ticketIds: readonly string[], trx: Knex = db): Promise<Map<string, StoredClock[]>> {
      const byTicket = new Map<string, StoredClock[]>(ticketIds.map((id) => [id, []]));
      if (!ticketIds.length) return byTicket;
      const rows = (await trx('ticket_clocks').whereIn('ticket_id', ticketIds).select('*')) as ClockRow[];
      for (const row of rows) byTicket.get(row.ticket_id)?.push(toClock(row));
      for (const clocks of byTicket.values()) clocks.sort(clocksByDue);
      return byTicket;
    },

    /** Replaces every clock of a ticket (intake, and a level change that moves the due times). */
    /** The clocks of a ticket that has none yet (intake): no delete first. */
    async insert(ticketId: string, clocks: readonly StoredClock[], trx: Knex = db): Promise<void> {
      if (clocks.length) await trx('ticket_clocks').insert(clocks.map((clock) => toRow(ticketId, clock)));
    },

    async replace(ticketId: string, clocks: readonly StoredClock[], trx: Knex = db): Promise<void> {
      await trx('ticket_clocks').where('ticket_id', ticketId).delete();
      if (clocks.length) await trx('ticket_clocks').insert(clocks.map((clock) => toRow(ticketId, clock)));
    },

    /**
     * Records what an event did to the clocks: a clock that starts now (the report clock after a
     * repair) is added, and a running clock that the event stopped gets its stop time. Stored due
     * times are kept: the promise made at intake does not move because a later edit of the
     * holiday table would compute it differently.
     */
    async applyEvent(ticketId: string, computed: readonly StoredClock[], trx: Knex = db): Promise<void> {
      const stored = (await this.forTickets([ticketId], trx)).get(ticketId) ?? [];
      const known = new Map(stored.map((clock) => [clock.clock, clock]));
      const added = computed.filter((clock) => !known.has(clock.clock));
      if (added.length) await trx('ticket_clocks').insert(added.map((clock) => toRow(ticketId, clock)));
      for (const clock of computed) {
        const before = known.get(clock.clock);
        if (before && before.stoppedAt === null && clock.stoppedAt !== null)
          await trx('ticket_clocks')
            .where({ ticket_id: ticketId, clock: clock.clock })
            .update({ stopped_at: clock.stoppedAt });
      }
    },
  };
}

export type TicketClockRepository = ReturnType<typeof createTicketClockRepository>;
