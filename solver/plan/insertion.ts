import type { Cost } from './cost.ts';
import { compareCost } from './cost.ts';
import type { Model } from './model.ts';
import { scoreInsertion, type InsertionScore } from './score-insertion.ts';
import type { SearchState } from './state.ts';
import { supplyOptions, type SupplyOption } from './supply.ts';
import type { Route, TicketSupply } from './types.ts';

/** A ticket placed on a route at a position with a supply: what the state applies. */
export interface Insertion {
  readonly ticket: number;
  readonly engineer: number;
  /** The route this was computed on; stale once the engineer's route changes. */
  readonly route: Route;
  readonly position: number;
  /** A new pickup stop inserted at `pickupPosition` (≤ position), or -1. */
  readonly pickupLocation: number;
  readonly pickupPosition: number;
  readonly supply: TicketSupply;
  /** Objective change, leaving-out penalty included: negative is worth doing. */
  readonly delta: Cost;
  readonly arrive: number;
  readonly start: number;
}

/** Restricts where a ticket may go on a route (candidates mode and moves fix the position). */
export interface PositionLimit {
  readonly from: number;
  readonly to: number;
  /**
   * Put a new pickup stop right before the ticket instead of where it adds the least driving
   * (candidates mode: the contract reads a candidate as "its pickups, then the ticket, at
   * `position`").
   */
  readonly pickupRightBefore?: boolean;
}

/**
 * The best insertion of ticket `t` into engineer `e`'s current route over every supply option and
 * position, or null when none is legal. Hard rules checked here: skill (by the caller's engineer
 * lists), pins, job count, van capacity, and (through the score) shift end.
 */
export function bestInsertion(
  state: SearchState,
  t: number,
  e: number,
  limit?: PositionLimit,
): Insertion | null {
  let best: Insertion | null = null;
  forEachInsertion(state, t, e, limit, (insertion) => {
    if (best === null || compareCost(insertion.delta, best.delta) < 0) best = insertion;
  });
  return best;
}

/** Every legal insertion of `t` into `e`'s route, the best position per supply option. */
export function forEachInsertion(
  state: SearchState,
  t: number,
  e: number,
  limit: PositionLimit | undefined,
  visit: (insertion: Insertion) => void,
): void {
  const { model } = state;
  const route = state.routes[e]!;
  if (!fitsEngineer(model, route, t)) return;
  const floor = firstFreePosition(model, route);
  const n = route.locs.length;
  let from = Math.max(floor, limit?.from ?? 0);
  let to = Math.min(n, limit?.to ?? n);
  if (model.tPinFirst[t]) {
    if (floor > 0) return;
    from = 0;
    to = 0;
  }
  if (from > to) return;
  const score: InsertionScore = { missed: 0, late: 0, travel: 0, arrive: 0, start: 0 };
  const moved = model.tPrevious[t]! >= 0 && model.tPrevious[t] !== e ? 1 : 0;
  for (const option of supplyOptions(model, state.ledger, state.supplyIndex, t, route)) {
    if (model.tPinFirst[t] && (option.newPickup >= 0 || option.minPosition > 0)) continue;
    let bestOfOption: Insertion | null = null;
    for (let p = Math.max(from, option.minPosition); p <= to; p++) {
      const q =
        option.newPickup < 0
          ? -1
          : limit?.pickupRightBefore
            ? p
            : cheapestPickupPosition(model, route, t, option.newPickup, floor, p);
      if (!scoreInsertion(model, route, state.supplyOf, t, option.supply, p, option.newPickup, q, score))
        continue;
      const delta: Cost = {
        missed: score.missed - model.tPenalty[t]!,
        late: score.late,
        travel: score.travel + option.supply.courier,
        coverage: option.coverage,
        moved,
      };
      if (bestOfOption === null || compareCost(delta, bestOfOption.delta) < 0) {
        bestOfOption = insertionOf(t, e, route, p, option, q, delta, score);
      }
    }
    if (bestOfOption) visit(bestOfOption);
  }
}

function insertionOf(
  t: number,
  e: number,
  route: Route,
  position: number,
  option: SupplyOption,
  pickupPosition: number,
  delta: Cost,
  score: InsertionScore,
): Insertion {
  return {
    ticket: t,
    engineer: e,
    route,
    position,
    pickupLocation: option.newPickup,
    pickupPosition,
    supply: option.supply,
    delta,
    arrive: score.arrive,
    start: score.start,
  };
}

/** Job count and van load: checks that do not depend on the position. */
export function fitsEngineer(model: Model, route: Route, t: number): boolean {
  return (
    route.jobs + 1 <= model.engMaxJobs[route.engineer]! &&
    route.load + model.tLoad[t]! <= model.engCapacity[route.engineer]!
  );
}

/** A ticket pinned as first stop holds position 0: nothing may go before it. */
export function firstFreePosition(model: Model, route: Route): number {
  const first = route.tickets[0];
  return first !== undefined && first >= 0 && model.tPinFirst[first] ? 1 : 0;
}

/** Where in [floor, p] a pickup at `location` adds the least driving, the ticket following at p. */
function cheapestPickupPosition(
  model: Model,
  route: Route,
  t: number,
  location: number,
  floor: number,
  p: number,
): number {
  const legs = model.legs;
  const site = model.tSite[t]!;
  let best = p;
  let bestDetour = Infinity;
  for (let q = floor; q <= p; q++) {
    const before = q === 0 ? model.engStart[route.engineer]! : route.locs[q - 1]!;
    const after = q === p ? site : route.locs[q]!;
    const detour = legs.units(before, location) + legs.units(location, after) - legs.units(before, after);
    if (detour < bestDetour) {
      bestDetour = detour;
      best = q;
    }
  }
  return best;
}
