import { compareCost, type Cost } from '../cost.ts';
import { bestInsertion, forEachInsertion, type Insertion } from '../insertion.ts';
import type { SearchState } from '../state.ts';

const THOROUGH = { from: 0, to: Infinity, thoroughSupply: true } as const;

/**
 * Puts a few tickets that are off their routes back together, choosing their supplies jointly:
 * each ticket in turn leads, and each supply it could take (the thorough list, at its best
 * position on each of the engineers' routes) is tried with the best places the others then find
 * one after the other (the quick list, which already includes the route's pickup stops); the
 * best outcome by the whole objective stays. Inserting one at a time takes the first ticket's
 * cheapest supply, a courier say, where a new pickup stop that the others then share would serve
 * them all, or a pickup stop that leaves the next ticket no room where a courier would not. A
 * ticket that finds no place stays out. The cost is tickets² × supplies insertions: meant for two
 * to four tickets on one or two routes.
 */
export function insertGroup(
  state: SearchState,
  tickets: readonly number[],
  engineers: readonly number[],
): void {
  let best: { lead: Insertion; rest: number[]; cost: Cost } | null = null;
  for (const lead of tickets) {
    const rest = tickets.filter((t) => t !== lead);
    const options: Insertion[] = [];
    for (const e of engineers)
      forEachInsertion(state, lead, e, THOROUGH, (insertion) => options.push(insertion));
    for (const insertion of options) {
      const mark = state.journal.mark();
      if (state.insert(insertion)) {
        for (const t of rest) insertBest(state, t, engineers);
        const cost = state.objective();
        if (!best || compareCost(cost, best.cost) < 0) best = { lead: insertion, rest, cost };
      }
      state.journal.rollbackTo(mark);
    }
  }
  if (best && state.insert(best.lead)) for (const t of best.rest) insertBest(state, t, engineers);
}

/** Inserts `t` at its best place on the engineers' routes, if it has one. */
function insertBest(state: SearchState, t: number, engineers: readonly number[]): void {
  let best: Insertion | null = null;
  for (const e of engineers) {
    const insertion = bestInsertion(state, t, e);
    if (insertion && (!best || compareCost(insertion.delta, best.delta) < 0)) best = insertion;
  }
  if (best) state.insert(best);
}
