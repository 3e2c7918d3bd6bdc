import type { Random } from '../../random.ts';
import { bestInsertion } from '../insertion.ts';
import type { SearchState } from '../state.ts';
import type { Move } from './move.ts';
import { insertGroup } from './group-insertion.ts';
import { mayServe, nearbyEngineer, randomAssignedTicket, ticketsOf } from './pick.ts';

/** Longest chain of consecutive tickets each side gives up. */
const MAX_SEGMENT = 2;

/**
 * Swaps short chains of tickets (one or two each, a cross-exchange) between two nearby engineers.
 * A single ticket goes to its best place on the other route; two go there with their supplies
 * chosen together (insertGroup), as one after the other the first takes its cheapest supply, an
 * existing pickup stop say, and leaves the second late where a new stop for both would serve them.
 */
export const exchangeMove: Move = {
  name: 'exchange',
  kind: 'descent',
  weight: 8,
  apply(state, random) {
    const first = randomAssignedTicket(state, random);
    if (first < 0) return false;
    const a = state.engineerOf[first]!;
    const b = nearbyEngineer(state, random, first, a);
    if (b < 0) return false;
    const fromA = chainFrom(state, random, a, ticketsOf(state, a).indexOf(first));
    const ticketsB = ticketsOf(state, b);
    if (ticketsB.length === 0) return false;
    const fromB = chainFrom(state, random, b, random.int(ticketsB.length));
    const movable = (chain: number[], to: number) =>
      chain.every((t) => !state.model.tPinFirst[t] && mayServe(state, t, to));
    if (!movable(fromA, b) || !movable(fromB, a)) return false;
    for (const t of [...fromA, ...fromB]) if (!state.remove(t)) return true;
    insertTogether(state, fromA, b);
    insertTogether(state, fromB, a);
    return true;
  },
};

function chainFrom(state: SearchState, random: Random, engineer: number, at: number): number[] {
  const tickets = ticketsOf(state, engineer);
  const length = 1 + random.int(Math.min(MAX_SEGMENT, tickets.length - at));
  return tickets.slice(at, at + length);
}

function insertTogether(state: SearchState, chain: readonly number[], engineer: number): void {
  if (chain.length === 2) insertGroup(state, chain, [engineer]);
  else insertChain(state, chain, engineer);
}

/** The first ticket at its best position, each next one right after the one before. */
export function insertChain(state: SearchState, chain: readonly number[], engineer: number): void {
  let previous = -1;
  for (const t of chain) {
    const after = previous < 0 ? -1 : state.routes[engineer]!.tickets.indexOf(previous);
    const insertion =
      after < 0
        ? bestInsertion(state, t, engineer)
        : bestInsertion(state, t, engineer, { from: after + 1, to: after + 1 });
    if (!insertion || !state.insert(insertion)) return;
    previous = t;
  }
}
