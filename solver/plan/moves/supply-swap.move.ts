import { compareCost, type Cost } from '../cost.ts';
import { bestInsertion, forEachInsertion, type Insertion } from '../insertion.ts';
import type { SearchState } from '../state.ts';
import type { Move } from './move.ts';
import { ticketWithNeeds } from './resupply.move.ts';

const THOROUGH = { from: 0, to: Infinity, thoroughSupply: true } as const;

/**
 * Two tickets re-choose their supplies together: both come off their routes; then, in both
 * orders, each supply the first could take (the thorough list, at its best position on either of
 * the two routes) is tried with the best the second can do after it (the quick list, which already
 * includes the route's pickup stops), and the best pair stays. That finds what no
 * single resupply can: two tickets sharing one new pickup stop that neither would make alone, or
 * the one whose need fits several SKUs leaving the van's unit, the near depot's last part, to the
 * one that fits only it. The partner is another ticket with needs on the same route, one nearby
 * that draws a SKU the first could use, or any nearby one with needs.
 */
export const supplySwapMove: Move = {
  name: 'supply-swap',
  kind: 'descent',
  weight: 8,
  apply(state, random) {
    const t = ticketWithNeeds(state, random);
    if (t < 0) return false;
    const draw = random.next();
    const partners =
      draw < 1 / 3 ? sameRoute(state, t) : draw < 2 / 3 ? rivalsOf(state, t) : nearby(state, t);
    if (partners.length === 0) return false;
    const u = random.pick(partners);
    const engineers = [...new Set([state.engineerOf[t]!, state.engineerOf[u]!])];
    if (!state.remove(t) || !state.remove(u)) return true;
    let best: { first: Insertion; second: number; cost: Cost } | null = null;
    for (const [first, second] of [
      [t, u],
      [u, t],
    ] as const) {
      const options: Insertion[] = [];
      for (const e of engineers)
        forEachInsertion(state, first, e, THOROUGH, (insertion) => options.push(insertion));
      for (const insertion of options) {
        const mark = state.journal.mark();
        if (state.insert(insertion)) {
          insertBest(state, second, engineers);
          const cost = state.objective();
          if (!best || compareCost(cost, best.cost) < 0) best = { first: insertion, second, cost };
        }
        state.journal.rollbackTo(mark);
      }
    }
    if (best && state.insert(best.first)) insertBest(state, best.second, engineers);
    return true;
  },
};

/** Inserts `t` at its best place on the engineers' routes, if it has one. */
function insertBest(state: SearchState, t: number, engineers: readonly number[]): void {
  let best: Insertion | null = null;
  for (const e of engineers) {
    const insertion = bestInsertion(state, t, e);
    if (insertion && (!best || compareCost(insertion.delta, best.delta) < 0)) best = insertion;
  }
  if (best) state.insert(best);
}

/** The other tickets on `t`'s route that need parts or a unit. */
function sameRoute(state: SearchState, t: number): number[] {
  const { model } = state;
  return state.routes[state.engineerOf[t]!]!.tickets.filter(
    (u) => u >= 0 && u !== t && (model.tNeeds[u]!.length > 0 || model.tHasUnit[u]),
  );
}

/** Tickets with needs on the routes of `t`'s candidate engineers: one pickup might serve both. */
function nearby(state: SearchState, t: number): number[] {
  const { model } = state;
  const result: number[] = [];
  for (const e of state.engineers.candidates(t)) {
    if (e === state.engineerOf[t]) continue;
    for (const u of state.routes[e]!.tickets)
      if (u >= 0 && (model.tNeeds[u]!.length > 0 || model.tHasUnit[u])) result.push(u);
  }
  return result;
}

/**
 * Tickets on the routes near `t` (its engineer's and its candidate engineers') that draw a SKU
 * meeting one of its needs: the ones whose stock it could take, or leave.
 */
function rivalsOf(state: SearchState, t: number): number[] {
  const { model } = state;
  const wanted = new Set<number>();
  for (const need of model.tNeeds[t]!) for (const sku of need.compatible) wanted.add(sku);
  for (const sku of model.tUnitSkus[t] ?? []) wanted.add(sku);
  const rivals: number[] = [];
  const engineers = new Set([state.engineerOf[t]!, ...state.engineers.candidates(t)]);
  for (const e of engineers) {
    for (const u of state.routes[e]!.tickets) {
      if (u < 0 || u === t) continue;
      if (state.supplyOf(u).draws.some((draw) => wanted.has(draw.sku))) rivals.push(u);
    }
  }
  return rivals;
}
