import type { Cost } from '../plan/cost.ts';
import { compareCost } from '../plan/cost.ts';
import { fitsEngineer } from '../plan/insertion.ts';
import type { SearchState } from '../plan/state.ts';
import type { Route } from '../plan/types.ts';

/**
 * Units subtracted from bounds built from rounded legs, per leg that a bound replaces by one: a
 * leg is rounded by at most half a unit, so the triangle inequality holds on rounded legs to
 * within a unit per leg, and this is four times that.
 */
const ROUNDING_SLACK = 4;
/**
 * Legs a bound's one leg into the site may stand for: new pickup stops go right before the ticket
 * in candidates mode, so prev → pickups → site is at most a few legs (16 covers far more).
 */
const LEGS_INTO_SITE = 16;

/**
 * Lower bounds on what inserting ticket `t` into engineer `e`'s route can cost, for skipping
 * engineers without searching their supply options. They rest on the triangle inequality, so they
 * hold in greatCircle mode only: a route cannot reach the site sooner, nor with a shorter detour,
 * than by driving straight there.
 */
export class InsertionBounds {
  private readonly reach = new WeakMap<Route, RouteReach>();
  /** The earliest a courier could bring the spare unit; Infinity without a courier or stock. */
  private readonly unitByCourier: number;

  constructor(
    private readonly state: SearchState,
    private readonly t: number,
  ) {
    this.unitByCourier = earliestCourierUnit(state, t);
  }

  /**
   * Whether `e` cannot serve the ticket at all: arriving no earlier than straight from the start,
   * working from no earlier than that (or the ticket's earliest start), and driving no less than
   * straight on to the route's end, the day would still run past shift end. Constant time.
   */
  cannotFinish(e: number): boolean {
    const { model } = this.state;
    const legs = this.state.routes[e]!.locs.length + LEGS_INTO_SITE;
    const site = model.tSite[this.t]!;
    const arrive = model.engReady[e]! + model.legs.units(model.engStart[e]!, site) - ROUNDING_SLACK * legs;
    const done = Math.max(arrive, model.tEarliest[this.t]!) + model.tService[this.t]!;
    const end = model.engEnd[e]!;
    const home = end >= 0 ? Math.max(0, model.legs.units(site, end) - ROUNDING_SLACK * legs) : 0;
    return done + home > model.engShiftEnd[e]!;
  }

  /**
   * Whether `e`'s insertions are all worse than `kth`, by a constant-time bound: the arrival is no
   * earlier than straight from the start, and the detour no shorter than twice the distance from
   * the farthest the route gets from the start.
   */
  beyondReach(e: number, kth: Cost): boolean {
    const { model } = this.state;
    const route = this.state.routes[e]!;
    const site = model.tSite[this.t]!;
    const direct = model.legs.units(model.engStart[e]!, site);
    const legs = route.locs.length + LEGS_INTO_SITE;
    const arrive = model.engReady[e]! + direct - ROUNDING_SLACK * legs;
    let travel: number;
    if (route.locs.length === 0) {
      const end = model.engEnd[e]!;
      travel = direct + (end >= 0 ? model.legs.units(site, end) : 0) - ROUNDING_SLACK * (LEGS_INTO_SITE + 1);
    } else {
      const { radius, longestLeg } = this.reachOf(route);
      const away = direct - radius;
      travel = Math.min(away, 2 * away - longestLeg) - ROUNDING_SLACK * (legs + 1);
    }
    return compareCost(this.bound(e, arrive, travel), kth) > 0;
  }

  /**
   * The least any insertion of the ticket into `e`'s route can cost, position by position, or null
   * when no position can work. At position p the ticket arrives no earlier than straight from stop
   * p − 1 as it is timed now, the detour is no shorter than prev → site → next instead of
   * prev → next (new pickup stops go right before the ticket and only lengthen it), and the delay
   * it pushes onto stop p is no less than that arrival implies: beyond the stop's slack, or past
   * shift end, no supply makes the position legal. Linear in the route.
   */
  byPosition(e: number): Cost | null {
    const { model } = this.state;
    const t = this.t;
    const route = this.state.routes[e]!;
    if (!fitsEngineer(model, route, t)) return null;
    const site = model.tSite[t]!;
    const n = route.locs.length;
    const shiftEnd = model.engShiftEnd[e]!;
    const end = model.engEnd[e]!;
    const rounding = ROUNDING_SLACK * (LEGS_INTO_SITE + 1);
    let best: Cost | null = null;
    for (let p = 0; p <= n; p++) {
      const into = model.legs.units(p === 0 ? model.engStart[e]! : route.locs[p - 1]!, site);
      const arrive = (p === 0 ? model.engReady[e]! : route.depart[p - 1]!) + into - rounding;
      const done = Math.max(arrive, model.tEarliest[t]!) + model.tService[t]!;
      if (done > shiftEnd) continue;
      let detour: number;
      if (p < n) {
        const out = model.legs.units(site, route.locs[p]!);
        if (done + out - route.arrive[p]! > route.slack[p]!) continue;
        detour = into + out - route.legIn[p]!;
      } else {
        const home = end >= 0 ? model.legs.units(site, end) : 0;
        if (done + home > shiftEnd) continue;
        detour = into + home - route.endLeg;
      }
      const cost = this.bound(e, arrive, detour - rounding);
      if (best === null || compareCost(cost, best) < 0) best = cost;
    }
    return best;
  }

  /**
   * The cost terms a bound on arrival and travel implies: the on-site commitment by the arrival,
   * and the spare unit's by the earlier of the arrival (the engineer picks it up on the way) and
   * the earliest courier.
   */
  private bound(e: number, arrive: number, travel: number): Cost {
    const { model } = this.state;
    const t = this.t;
    const due = model.tDueOnsite[t]!;
    const previous = model.tPrevious[t]!;
    const unitAt = model.tHasUnit[t] ? Math.min(arrive, this.unitByCourier) : -Infinity;
    const unitDue = model.tDueUnit[t]!;
    return {
      missed: ((arrive > due ? 1 : 0) + (unitAt > unitDue ? 1 : 0)) * model.tWeight[t]! - model.tPenalty[t]!,
      late: Math.max(0, arrive - due) + Math.max(0, unitAt - unitDue),
      travel: Math.max(0, travel),
      coverage: 0,
      moved: previous >= 0 && previous !== e ? 1 : 0,
    };
  }

  private reachOf(route: Route): RouteReach {
    let reach = this.reach.get(route);
    if (!reach) {
      const { model } = this.state;
      const start = model.engStart[route.engineer]!;
      const end = model.engEnd[route.engineer]!;
      let radius = end >= 0 ? model.legs.units(start, end) : 0;
      for (const loc of route.locs) radius = Math.max(radius, model.legs.units(start, loc));
      const longestLeg = Math.max(route.endLeg, ...route.legIn);
      reach = { radius, longestLeg };
      this.reach.set(route, reach);
    }
    return reach;
  }
}

/**
 * Handling plus the shortest courier drive to the site from a location that still holds a unit
 * that fits; Infinity when there is no courier or no such unit (a unit never rides in a van).
 */
function earliestCourierUnit(state: SearchState, t: number): number {
  const { model, ledger } = state;
  const skus = model.tUnitSkus[t];
  if (!model.hasCourier || !skus) return Infinity;
  const site = model.tSite[t]!;
  let earliest = Infinity;
  for (const sku of skus)
    for (const slot of model.pairsBySku[sku] ?? [])
      if (ledger.remaining[slot]! > 0)
        earliest = Math.min(earliest, model.handlingUnits + model.courierLeg(model.slotLoc[slot]!, site));
  return earliest;
}

interface RouteReach {
  /** The farthest the route gets from the engineer's start (stops and end). */
  readonly radius: number;
  /** The longest leg between consecutive points of the route. */
  readonly longestLeg: number;
}
