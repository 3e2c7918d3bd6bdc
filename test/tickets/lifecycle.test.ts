import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  CANCELLABLE_STATUSES,
  eventTypeOf,
  isOpen,
  isTransitionAllowed,
  TICKET_STATUSES,
  type TicketStatus,
} from '../../src/tickets/lifecycle.ts';

/** Every legal step, written out by hand from product.md, so the table is checked against it. */
const FAULT_STEPS: Array<[TicketStatus, TicketStatus]> = [
  ['reported', 'acknowledged'],
  ['acknowledged', 'assigned'],
  ['assigned', 'assigned'],
  ['assigned', 'en_route'],
  ['en_route', 'assigned'],
  ['en_route', 'on_site'],
  ['on_site', 'resolved'],
  ['resolved', 'report_filed'],
  ['report_filed', 'closed'],
];
const DESK_STEPS: Array<[TicketStatus, TicketStatus]> = [
  ['reported', 'acknowledged'],
  ['acknowledged', 'assigned'],
  ['acknowledged', 'resolved'],
  ['assigned', 'assigned'],
  ['assigned', 'resolved'],
  ['resolved', 'closed'],
];
const CANCELS = CANCELLABLE_STATUSES.map((from) => [from, 'cancelled'] as [TicketStatus, TicketStatus]);

const allPairs = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.map((to) => [from, to] as const));
const key = ([from, to]: readonly [string, string]) => `${from}->${to}`;

describe('ticket lifecycle', () => {
  it('lets a fault take exactly the on-site chain, re-assignment and cancellation before resolution', () => {
    const legal = new Set([...FAULT_STEPS, ...CANCELS].map(key));
    for (const pair of allPairs)
      expect(isTransitionAllowed('fault', ...pair), key(pair)).toBe(legal.has(key(pair)));
  });

  it.each(['question', 'remote', 'complex'] as const)(
    'lets a %s ticket be resolved without a visit or a report',
    (kind) => {
      const legal = new Set([...DESK_STEPS, ...CANCELS].map(key));
      for (const pair of allPairs)
        expect(isTransitionAllowed(kind, ...pair), key(pair)).toBe(legal.has(key(pair)));
    },
  );

  it('ends at closed and cancelled, and cancels nothing once resolved', () => {
    for (const kind of ['fault', 'question'] as const) {
      expect(allowedTransitions(kind, 'closed')).toEqual([]);
      expect(allowedTransitions(kind, 'cancelled')).toEqual([]);
      expect(allowedTransitions(kind, 'resolved')).not.toContain('cancelled');
    }
    expect(isOpen('report_filed')).toBe(true);
    expect(isOpen('closed')).toBe(false);
    expect(isOpen('cancelled')).toBe(false);
  });

  it('names each status change by the commitment event it is', () => {
    expect(eventTypeOf('on_site')).toBe('on-site');
    expect(eventTypeOf('en_route')).toBe('en-route');
    expect(eventTypeOf('report_filed')).toBe('report-filed');
    expect(eventTypeOf('acknowledged')).toBe('acknowledged');
    expect(eventTypeOf('cancelled')).toBe('cancelled');
  });
});
