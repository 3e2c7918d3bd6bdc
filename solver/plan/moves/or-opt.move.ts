import { bestInsertion } from '../insertion.ts';
import type { Move } from './move.ts';
import { mayServe, nearbyEngineer, randomMovableTicket, ticketsOf } from './pick.ts';

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
    const seed = randomMovableTicket(state, random);
    if (seed < 0) return false;
    const from = state.engineerOf[seed]!;
    const tickets = ticketsOf(state, from);
    const at = tickets.indexOf(seed);
    const length = 1 + random.int(Math.min(MAX_SEGMENT, tickets.length - at));
    const segment = tickets.slice(at, at + length);
    const to = random.next() < 0.3 ? from : nearbyEngineer(state, random, seed, from);
    if (to < 0 || segment.some((t) => state.model.tPinFirst[t] || !mayServe(state, t, to))) return false;
    for (const t of segment) if (!state.remove(t)) return true;
    let previous = -1;
    for (const t of segment) {
      const route = state.routes[to]!;
      const after = previous < 0 ? -1 : route.tickets.indexOf(previous);
      const insertion =
        after < 0
          ? bestInsertion(state, t, to)
          : bestInsertion(state, t, to, { from: after + 1, to: after + 1 });
      if (!insertion || !state.insert(insertion)) return true;
      previous = t;
    }
    return true;
  },
};
