import type { TicketEvent, TicketKind } from '../commitments/index.ts';

/**
 * The ticket lifecycle as data: which status may follow which, per kind of ticket, and which
 * commitment event each status change is. Pure, so the table is tested on its own.
 */

export const TICKET_STATUSES = [
  'reported',
  'acknowledged',
  'assigned',
  'en_route',
  'on_site',
  'resolved',
  'report_filed',
  'closed',
  'cancelled',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses with nothing left to do; every other status is open. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['closed', 'cancelled'];

/**
 * Statuses a ticket may be cancelled from: any open status before the repair is resolved. Once a
 * repair is resolved it happened (it counts for three strikes and owes a report), so what is left
 * is paperwork, not something to call off.
 */
export const CANCELLABLE_STATUSES: readonly TicketStatus[] = [
  'reported',
  'acknowledged',
  'assigned',
  'en_route',
  'on_site',
];

type Table = Readonly<Partial<Record<TicketStatus, readonly TicketStatus[]>>>;

/**
 * A fault is repaired on site: the whole chain, each step in order. `assigned` may follow
 * `assigned` or `en_route` so a re-plan can send another engineer.
 */
const FAULT_TRANSITIONS: Table = {
  reported: ['acknowledged'],
  acknowledged: ['assigned'],
  assigned: ['assigned', 'en_route'],
  en_route: ['assigned', 'on_site'],
  on_site: ['resolved'],
  resolved: ['report_filed'],
  report_filed: ['closed'],
};

/**
 * Questions, remote and complex problems are handled without a visit: acknowledged, optionally
 * assigned to an engineer (the arrange clock of remote and complex work), resolved, closed. No
 * fault analysis report is owed, because that follows on-site repairs only.
 */
const DESK_TRANSITIONS: Table = {
  reported: ['acknowledged'],
  acknowledged: ['assigned', 'resolved'],
  assigned: ['assigned', 'resolved'],
  resolved: ['closed'],
};

export function allowedTransitions(kind: TicketKind, from: TicketStatus): TicketStatus[] {
  const table = kind === 'fault' ? FAULT_TRANSITIONS : DESK_TRANSITIONS;
  const next = [...(table[from] ?? [])];
  if (CANCELLABLE_STATUSES.includes(from)) next.push('cancelled');
  return next;
}

export function isTransitionAllowed(kind: TicketKind, from: TicketStatus, to: TicketStatus): boolean {
  return allowedTransitions(kind, from).includes(to);
}

export const isOpen = (status: TicketStatus): boolean => !FINAL_STATUSES.includes(status);

/**
 * The commitment event a status change is (what stops or starts clocks in computeClocks);
 * `reported` starts the ticket and `cancelled` stops nothing, so neither is one.
 */
const EVENT_OF_STATUS: Partial<Record<TicketStatus, TicketEvent>> = {
  acknowledged: 'acknowledged',
  assigned: 'assigned',
  en_route: 'en-route',
  on_site: 'on-site',
  resolved: 'resolved',
  report_filed: 'report-filed',
  closed: 'closed',
};

/** The ticket_events type written for a change to `to`. */
export function eventTypeOf(to: TicketStatus): string {
  return EVENT_OF_STATUS[to] ?? to;
}
