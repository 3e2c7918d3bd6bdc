import type { Random } from '../../random.ts';
import { bestInsertion } from '../insertion.ts';
import type { SearchState } from '../state.ts';
import type { Move } from './move.ts';

/** How often the move looks for an assigned ticket that needs something before giving up. */
const TRIES = 8;

/**
 * Re-chooses how one ticket gets its parts and spare unit while it stays with its engineer: van,
 * pickup or courier, which stock location, which superseding SKU, with the thorough list of
 * supplies that construction cannot afford for every insertion. The ticket may shift within the
 * route, so a pickup that now serves it can come first; a pickup stop no other ticket uses goes.
 */
export const resupplyMove: Move = {
  name: 'resupply',
  kind: 'descent',
  weight: 10,
  apply(state, random) {
    const t = ticketWithNeeds(state, random);
    if (t < 0) return false;
    const e = state.engineerOf[t]!;
    if (!state.remove(t)) return false;
    const insertion = bestInsertion(state, t, e, { from: 0, to: Infinity, thoroughSupply: true });
    if (insertion) state.insert(insertion);
    return true;
  },
};

/** A random assigned ticket with parts or a spare unit to supply, or -1. */
export function ticketWithNeeds(state: SearchState, random: Random): number {
  const { model } = state;
  for (let attempt = 0; attempt < TRIES; attempt++) {
    const t = random.int(model.ticketCount);
    if (state.engineerOf[t]! >= 0 && (model.tNeeds[t]!.length > 0 || model.tHasUnit[t])) return t;
  }
  return -1;
}
