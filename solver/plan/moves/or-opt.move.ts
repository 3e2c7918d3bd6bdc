import type { Move } from './move.ts';
import { insertChain } from './exchange.move.ts';
import { mayServe, nearbyEngineer, randomAssignedTicket, ticketsOf } from './pick.ts';

const MAX_SEGMENT = 3;

/**
 * Moves a chain of up to three consecutive tickets, in order, to the best place on the same or a
 * nearby route: the first ticket at its best position, each next one right after it.
 */
export const orOptMove: Move = {
  name: 'or-opt',
  kind: 'descent',
  weight: 20,
  apply(state, random) {
    const seed = randomAssignedTicket(state, random);
    if (seed < 0) return false;
    const from = state.engineerOf[seed]!;
    const tickets = ticketsOf(state, from);
    const at = tickets.indexOf(seed);
    const length = 1 + random.int(Math.min(MAX_SEGMENT, tickets.length - at));
    const segment = tickets.slice(at, at + length);
    const to = random.next() < 0.3 ? from : nearbyEngineer(state, random, seed, from);
    if (to < 0 || segment.some((t) => state.model.tPinFirst[t] || !mayServe(state, t, to))) return false;
    for (const t of segment) if (!state.remove(t)) return true;
    insertChain(state, segment, to);
    return true;
  },
};
