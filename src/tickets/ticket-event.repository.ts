import type { Knex } from 'knex';
import { toIso } from '../http/schemas.ts';
import type { TicketStatus } from './lifecycle.ts';
import type { TicketEventView } from './ticket.schemas.ts';

/** One entry of a ticket's history: its report, each status change, a delivery, a note, an edit. */
export interface NewTicketEvent {
  ticketId: string;
  type: string;
  fromStatus?: TicketStatus | null;
  toStatus?: TicketStatus | null;
  actor: string;
  at: Date;
  data?: Record<string, unknown>;
}

interface EventRow {
  id: number;
  ticket_id: string;
  type: string;
  from_status: TicketStatus | null;
  to_status: TicketStatus | null;
  actor: string;
  at: Date;
  data: Record<string, unknown> | string;
}

const toEvent = (row: EventRow): TicketEventView => ({
  id: Number(row.id),
  type: row.type,
  fromStatus: row.from_status,
  toStatus: row.to_status,
  actor: row.actor,
  at: toIso(row.at)!,
  data: typeof row.data === 'string' ? (JSON.parse(row.data) as Record<string, unknown>) : row.data,
});

export function createTicketEventRepository(db: Knex) {
  return {
    async insert(event: NewTicketEvent, trx: Knex = db): Promise<void> {
      await trx('ticket_events').insert({
        ticket_id: event.ticketId,
        type: event.type,
        from_status: event.fromStatus ?? null,
        to_status: event.toStatus ?? null,
        actor: event.actor,
        at: event.at,
        data: JSON.stringify(event.data ?? {}),
      });
    },

    /** The ticket's history in the order it was written. */
    async list(ticketId: string, trx: Knex = db): Promise<TicketEventView[]> {
      const rows = (await trx('ticket_events')
        .where('ticket_id', ticketId)
        .orderBy('id')
        .select('*')) as EventRow[];
      return rows.map(toEvent);
    },
  };
}

export type TicketEventRepository = ReturnType<typeof createTicketEventRepository>;
