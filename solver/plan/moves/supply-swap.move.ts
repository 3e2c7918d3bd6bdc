import type { SearchState } from '../state.ts';
import type { Move } from './move.ts';
import { insertGroup } from './group-insertion.ts';
import { ticketWithNeeds } from './resupply.move.ts';

/**
 * Two tickets re-choose their supplies together: both come off their routes and go back on either
 * of the two routes with their supplies chosen jointly (insertGroup). That finds what no single
 * resupply can: two tickets sharing one new pickup stop that neither would make alone, or the one
 * whose need fits several SKUs leaving the van's unit, the near depot's last part, to the one that
 * fits only it. The partner is another ticket with needs on the same route, one nearby that draws
 * a SKU the first could use, or any nearby one with needs.
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
    insertGroup(state, [t, u], engineers);
    return true;
  },
};

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
