import { compareCost, type Cost } from '../plan/cost.ts';
import { forEachInsertion, type Insertion } from '../plan/insertion.ts';
import type { SearchState } from '../plan/state.ts';
import type { Route } from '../plan/types.ts';

/** Units subtracted from bounds built from rounded legs, which may break the triangle by a unit. */
const ROUNDING_SLACK = 4;

/**
 * The best `count` insertions of ticket `t` into today's routes: for every qualified engineer,
 * the best position per supply option (van, a pickup, courier). Engineers are visited nearest
 * first, and one is skipped without evaluation when a lower bound on its objective change is
 * already worse than the current k-th best: the arrival can be no earlier than driving straight
 * from the start, and the detour no shorter than twice the distance from the route's reach.
 */
export function rankInsertions(state: SearchState, t: number, count: number, prune = true): Insertion[] {
  const { model, engineers } = state;
  // Bounds need the triangle inequality, which a travel matrix need not obey.
  const metric = prune && model.problem.travel.mode === 'greatCircle';
  const reach = new WeakMap<Route, RouteReach>();
  const best: Insertion[] = [];
  const before = (a: Insertion, b: Insertion): number =>
    compareCost(a.delta, b.delta) || a.engineer - b.engineer;

  for (const e of engineers.qualified(t)) {
    const kth = best.length === count ? best[count - 1]! : null;
    if (kth && metric && compareCost(lowerBound(state, t, e, reach), kth.delta) > 0) continue;
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

interface RouteReach {
  /** The farthest the route gets from the engineer's start (stops and end). */
  readonly radius: number;
  /** The longest leg between consecutive points of the route. */
  readonly longestLeg: number;
}

function lowerBound(state: SearchState, t: number, e: number, cache: WeakMap<Route, RouteReach>): Cost {
  const { model } = state;
  const route = state.routes[e]!;
  const site = model.tSite[t]!;
  const start = model.engStart[e]!;
  const direct = model.legs.units(start, site);
  const arrive = model.engReady[e]! + direct - ROUNDING_SLACK * (route.locs.length + 1);
  const due = model.tDueOnsite[t]!;
  let travel: number;
  if (route.locs.length === 0) {
    const end = model.engEnd[e]!;
    travel = direct + (end >= 0 ? model.legs.units(site, end) : 0) - 2 * ROUNDING_SLACK;
  } else {
    const { radius, longestLeg } = reachOf(state, route, cache);
    const away = direct - radius;
    travel = Math.min(away, 2 * away - longestLeg) - ROUNDING_SLACK * (route.locs.length + 2);
  }
  const previous = model.tPrevious[t]!;
  return {
    missed: (arrive > due ? model.tWeight[t]! : 0) - model.tPenalty[t]!,
    late: Math.max(0, arrive - due),
    travel: Math.max(0, travel),
    coverage: 0,
    moved: previous >= 0 && previous !== e ? 1 : 0,
  };
}

function reachOf(state: SearchState, route: Route, cache: WeakMap<Route, RouteReach>): RouteReach {
  let reach = cache.get(route);
  if (!reach) {
    const { model } = state;
    const start = model.engStart[route.engineer]!;
    const end = model.engEnd[route.engineer]!;
    let radius = end >= 0 ? model.legs.units(start, end) : 0;
    for (const loc of route.locs) radius = Math.max(radius, model.legs.units(start, loc));
    const longestLeg = Math.max(route.endLeg, ...route.legIn);
    reach = { radius, longestLeg };
    cache.set(route, reach);
  }
  return reach;
}
