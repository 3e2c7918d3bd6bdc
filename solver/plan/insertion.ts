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
  /** New pickup stops inserted, in this order, at `pickupPosition` (≤ position). */
  readonly pickups: readonly number[];
  readonly pickupPosition: number;
  readonly supply: TicketSupply;
  /** Objective change, leaving-out penalty included: negative is worth doing. */
  readonly delta: Cost;
  readonly arrive: number;
  readonly start: number;
}

const NO_PICKUPS: readonly number[] = Object.freeze([]);

/** Restricts where a ticket may go on a route (candidates mode and moves fix the position). */
export interface PositionLimit {
  readonly from?: number;
  readonly to?: number;
  /**
   * Put a new pickup stop right before the ticket instead of where it adds the least driving
   * (candidates mode: the contract reads a candidate as "its pickups, then the ticket, at
   * `position`").
   */
  readonly pickupRightBefore?: boolean;
  /**
   * Consider every supply the solver knows for the ticket (each holder alone, without the van,
   * superseding SKUs first...), not only the quick few that construction tries everywhere.
   */
  readonly thoroughSupply?: boolean;
  /**
   * The best insertion the caller already has elsewhere: where it meets every commitment, a
   * position that adds more driving than it cannot beat it and is not scored (it may then give
   * null where an insertion exists).
   */
  readonly beat?: Readonly<Cost>;
}

/**
 * The best insertion of ticket `t` into engineer `e`'s current route over every supply option and
 * position, or null when none is legal. Hard rules checked here: skill, pins, job count, van
 * capacity, and (through the score) shift end.
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

/**
 * Every legal insertion of `t` into `e`'s route, the best position per supply option. A first
 * pass with a supply that delays nothing finds the positions where the ticket fits at all (a
 * courier or pickup can only make it later), so a route with no room costs one pass and no
 * supply search.
 */
export function forEachInsertion(
  state: SearchState,
  t: number,
  e: number,
  limit: PositionLimit | undefined,
  visit: (insertion: Insertion) => void,
): void {
  const { model } = state;
  const route = state.routes[e]!;
  const pin = model.tPin[t]!;
  if ((pin >= 0 && pin !== e) || !state.engineers.isQualified(t, e) || !fitsEngineer(model, route, t)) return;
  if (model.tService[t]! > roomOf(model, route)) return;
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
  const moved = model.tPrevious[t]! >= 0 && model.tPrevious[t] !== e ? 1 : 0;
  const penalty = model.tPenalty[t]!;
  const score: InsertionScore = { missed: 0, late: 0, travel: 0, arrive: 0, start: 0 };
  const bare = state.supplyIndex.bareSupply(t);
  if (model.tNeeds[t]!.length === 0 && !model.tHasUnit[t]) {
    // Nothing to supply: the first pass is the only pass.
    const best = bestPosition(state, t, e, route, from, to, bare, penalty, moved, score, limit?.beat);
    if (best) visit(best);
    return;
  }
  const fits = new Uint8Array(to + 1);
  let any = false;
  for (let p = from; p <= to; p++) {
    if (scoreInsertion(model, route, state.supplyOf, t, bare, p, NO_PICKUPS, -1, score)) {
      fits[p] = 1;
      any = true;
    }
  }
  if (!any) return;

  const options = supplyOptions(
    model,
    state.ledger,
    state.supplyIndex,
    t,
    route,
    limit?.thoroughSupply ?? false,
  );
  for (const option of options) {
    if (model.tPinFirst[t] && (option.newPickups.length > 0 || option.minPosition > 0)) continue;
    // In plan mode a block of new pickups goes where it adds the least driving, or right before the
    // ticket when that makes the tickets in between less late; two or more stops also try the
    // reverse order. Candidates mode reads the block as listed, right before the ticket.
    const blocks = [option.newPickups];
    const placed = option.newPickups.length > 0 && !limit?.pickupRightBefore;
    if (placed && option.newPickups.length > 1) blocks.push([...option.newPickups].reverse());
    let best: Insertion | null = null;
    for (const block of blocks) {
      const detours = placed ? pickupDetours(model, route, block, floor) : null;
      for (let p = Math.max(from, option.minPosition); p <= to; p++) {
        if (!fits[p]) continue;
        if (block.length === 0) {
          best = better(state, t, e, route, p, option, block, -1, penalty, moved, score, best);
          continue;
        }
        const q = detours ? detours.bestBefore(p, model.tSite[t]!) : p;
        best = better(state, t, e, route, p, option, block, q, penalty, moved, score, best);
        if (q !== p) best = better(state, t, e, route, p, option, block, p, penalty, moved, score, best);
      }
    }
    if (best) visit(best);
  }
}

/** The insertion at (p, q) when it is legal and beats `best`, else `best`. */
function better(
  state: SearchState,
  t: number,
  e: number,
  route: Route,
  p: number,
  option: SupplyOption,
  block: readonly number[],
  q: number,
  penalty: number,
  moved: number,
  score: InsertionScore,
  best: Insertion | null,
): Insertion | null {
  if (!scoreInsertion(state.model, route, state.supplyOf, t, option.supply, p, block, q, score)) return best;
  const missed = score.missed - penalty;
  const travel = score.travel + option.supply.courier;
  if (best !== null) {
    const d = best.delta;
    if ((missed - d.missed || score.late - d.late || travel - d.travel) >= 0) return best;
  }
  const delta: Cost = { missed, late: score.late, travel, coverage: option.coverage, moved };
  return {
    ticket: t,
    engineer: e,
    route,
    position: p,
    pickups: block,
    pickupPosition: q,
    supply: option.supply,
    delta,
    arrive: score.arrive,
    start: score.start,
  };
}

/** The best position for a ticket that needs nothing, or null where it fits nowhere. */
function bestPosition(
  state: SearchState,
  t: number,
  e: number,
  route: Route,
  from: number,
  to: number,
  supply: TicketSupply,
  penalty: number,
  moved: number,
  score: InsertionScore,
  beat: Readonly<Cost> | undefined,
): Insertion | null {
  let best: Insertion | null = null;
  // An insertion never makes a commitment better, so once one meets them all (the ticket's own
  // and every other), only less driving can beat it: the detour, three legs, is checked first.
  let cutoff = beat && meetsAll(beat, penalty) ? beat.travel + 1 : Infinity;
  for (let p = from; p <= to; p++) {
    if (cutoff < Infinity && detour(state.model, route, t, p) >= cutoff) continue;
    if (!scoreInsertion(state.model, route, state.supplyOf, t, supply, p, NO_PICKUPS, -1, score)) continue;
    const missed = score.missed - penalty;
    if (best !== null) {
      const d = best.delta;
      if ((missed - d.missed || score.late - d.late || score.travel - d.travel) >= 0) continue;
    }
    const delta: Cost = { missed, late: score.late, travel: score.travel, coverage: 0, moved };
    best = {
      ticket: t,
      engineer: e,
      route,
      position: p,
      pickups: NO_PICKUPS,
      pickupPosition: -1,
      supply,
      delta,
      arrive: score.arrive,
      start: score.start,
    };
    if (meetsAll(delta, penalty)) cutoff = Math.min(cutoff, delta.travel);
  }
  return best;
}

/** Whether an insertion's delta misses nothing and makes nobody late: only the leaving-out penalty. */
function meetsAll(delta: Readonly<Cost>, penalty: number): boolean {
  return delta.missed === -penalty && delta.late === 0;
}

/** Driving added by putting ticket `t` alone at position `p`, as `scoreInsertion` counts it. */
function detour(model: Model, route: Route, t: number, p: number): number {
  const legs = model.legs;
  const site = model.tSite[t]!;
  const before = p === 0 ? model.engStart[route.engineer]! : route.locs[p - 1]!;
  if (p < route.locs.length)
    return legs.units(before, site) + legs.units(site, route.locs[p]!) - route.legIn[p]!;
  const end = model.engEnd[route.engineer]!;
  return legs.units(before, site) + (end >= 0 ? legs.units(site, end) : 0) - route.endLeg;
}

const rooms = new WeakMap<Route, number>();

/**
 * The longest service any insertion into the route could still fit (an upper bound): a ticket
 * at position p delays stop p by its service plus its detour, which slack[p] must absorb; at
 * the end it must finish by shift end. The detour is at least −1 unit on great-circle legs
 * (triangle inequality, three legs rounded once each) and at least −legIn[p] on a matrix. On a
 * saturated day most routes are full, and this skips them without a leg lookup. Routes are
 * immutable, so the bound is cached per route object.
 */
function roomOf(model: Model, route: Route): number {
  let room = rooms.get(route);
  if (room !== undefined) return room;
  const n = route.locs.length;
  const shiftEnd = model.engShiftEnd[route.engineer]!;
  room = shiftEnd - (n === 0 ? model.engReady[route.engineer]! : route.depart[n - 1]!);
  const matrix = model.problem.travel.mode === 'matrix';
  for (let p = 0; p < n; p++) room = Math.max(room, route.slack[p]! + (matrix ? route.legIn[p]! : 2));
  rooms.set(route, room);
  return room;
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

/**
 * Where a block of new pickup stops adds the least driving, for each ticket position p: the block
 * goes at some q ≤ p, between stop q−1 (or the start) and stop q, or, for q = p, right before the
 * ticket. Detours for q < p do not depend on p, so a running minimum serves all p.
 */
function pickupDetours(model: Model, route: Route, block: readonly number[], floor: number) {
  const legs = model.legs;
  const n = route.locs.length;
  const startLoc = model.engStart[route.engineer]!;
  const head = block[0]!;
  const tail = block[block.length - 1]!;
  let inside = 0;
  for (let i = 1; i < block.length; i++) inside += legs.units(block[i - 1]!, block[i]!);
  const detour = (before: number, after: number): number =>
    legs.units(before, head) + inside + legs.units(tail, after) - legs.units(before, after);
  const bestQ = new Int32Array(n + 1).fill(-1);
  const bestDetour = new Float64Array(n + 1).fill(Infinity);
  for (let q = floor; q < n; q++) {
    const here = detour(q === 0 ? startLoc : route.locs[q - 1]!, route.locs[q]!);
    const previous = q === floor ? Infinity : bestDetour[q]!;
    if (here < previous) {
      bestDetour[q + 1] = here;
      bestQ[q + 1] = q;
    } else {
      bestDetour[q + 1] = previous;
      bestQ[q + 1] = bestQ[q]!;
    }
  }
  return {
    /** The best q ≤ p for a ticket at position p whose site is `site`. */
    bestBefore(p: number, site: number): number {
      const atP = detour(p === 0 ? startLoc : route.locs[p - 1]!, site);
      return p > floor && bestQ[p]! >= 0 && bestDetour[p]! < atP ? bestQ[p]! : p;
    },
  };
}
