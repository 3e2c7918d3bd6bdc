import { bestInsertion } from '../insertion.ts';
import type { SearchState } from '../state.ts';
import type { Move } from './move.ts';
import { mayServe, nearbyEngineer, randomAssignedTicket, ticketsOf } from './pick.ts';

/**
 * 2-opt*: two nearby engineers swap the ends of their days. Engineer A keeps its tickets before a
 * cut and takes B's tickets after B's cut, and the other way round; moved tickets are appended in
 * order with their supply chosen afresh for the new route.
 */
export const twoOptStarMove: Move = {
  name: '2-opt*',
  kind: 'descent',
  weight: 8,
  apply(state, random) {
    const seed = randomAssignedTicket(state, random);
    if (seed < 0) return false;
    const a = state.engineerOf[seed]!;
    const b = nearbyEngineer(state, random, seed, a);
    if (b < 0) return false;
    const ticketsA = ticketsOf(state, a);
    const ticketsB = ticketsOf(state, b);
    const tailA = ticketsA.slice(ticketsA.indexOf(seed));
    const tailB = ticketsB.slice(random.int(ticketsB.length + 1));
    const movable = (tail: number[], to: number) =>
      tail.every((t) => !state.model.tPinFirst[t] && mayServe(state, t, to));
    if (!movable(tailA, b) || !movable(tailB, a)) return false;
    for (const t of [...tailA, ...tailB]) if (!state.remove(t)) return true;
    appendInOrder(state, tailB, a);
    appendInOrder(state, tailA, b);
    return true;
  },
};

function appendInOrder(state: SearchState, tickets: readonly number[], engineer: number): void {
  for (const t of tickets) {
    const end = state.routes[engineer]!.locs.length;
    const insertion = bestInsertion(state, t, engineer, { from: end, to: end });
    if (insertion) state.insert(insertion);
  }
}
