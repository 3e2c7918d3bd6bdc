import { bestInsertion } from '../insertion.ts';
import type { Move } from './move.ts';
import { mayServe, nearbyEngineer, randomMovableTicket, ticketsOf } from './pick.ts';

/** Swaps two tickets between two nearby engineers, each at its best position on the other route. */
export const exchangeMove: Move = {
  name: 'exchange',
  kind: 'descent',
  weight: 15,
  apply(state, random) {
    const first = randomMovableTicket(state, random);
    if (first < 0) return false;
    const a = state.engineerOf[first]!;
    const b = nearbyEngineer(state, random, first, a);
    if (b < 0 || !mayServe(state, first, b)) return false;
    const others = ticketsOf(state, b).filter((t) => !state.model.tPinFirst[t] && mayServe(state, t, a));
    if (others.length === 0) return false;
    const second = random.pick(others);
    if (!state.remove(first) || !state.remove(second)) return true;
    const toB = bestInsertion(state, first, b);
    if (toB) state.insert(toB);
    const toA = bestInsertion(state, second, a);
    if (toA) state.insert(toA);
    return true;
  },
};
