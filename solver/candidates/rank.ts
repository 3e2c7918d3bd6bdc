import { compareCost } from '../plan/cost.ts';
import { forEachInsertion, type Insertion } from '../plan/insertion.ts';
import type { SearchState } from '../plan/state.ts';
import { InsertionBounds } from './bounds.ts';

/**
 * The best `count` insertions of ticket `t` into today's routes: for every qualified engineer,
 * the best position per supply option (van, a pickup, courier). Engineers are visited nearest
 * first, and one is skipped without searching its supply options when a lower bound shows it
 * cannot serve the ticket (shift end, job count, van load, no room on the route) or cannot beat
 * the current k-th best (bounds.ts). Skipping changes nothing in the ranking: `prune = false`
 * tries every engineer, and the tests hold the two equal.
 */
export function rankInsertions(state: SearchState, t: number, count: number, prune = true): Insertion[] {
  // Bounds need the triangle inequality, which a travel matrix need not obey.
  const bounds =
    prune && state.model.problem.travel.mode === 'greatCircle' ? new InsertionBounds(state, t) : null;
  const best: Insertion[] = [];
  const before = (a: Insertion, b: Insertion): number =>
    compareCost(a.delta, b.delta) || a.engineer - b.engineer;

  for (const e of state.engineers.qualified(t)) {
    if (bounds) {
      if (bounds.cannotFinish(e)) continue;
      const kth = best.length === count ? best[count - 1]!.delta : null;
      if (kth && bounds.beyondReach(e, kth)) continue;
      const least = bounds.byPosition(e);
      if (!least || (kth && compareCost(least, kth) > 0)) continue;
    }
    forEachInsertion(state, t, e, { from: 0, to: Infinity, pickupRightBefore: true }, (insertion) => {
      let at = best.length;
      while (at > 0 && before(insertion, best[at - 1]!) < 0) at--;
      if (at >= count) return;
      best.splice(at, 0, insertion);
      if (best.length > count) best.pop();
    });
  }
  return best;
}
