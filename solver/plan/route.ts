import type { Model } from './model.ts';
import { arrivalDue, lateAt, missedAt } from './ticket-cost.ts';
import type { Route, TicketSupply } from './types.ts';

export type SupplyOf = (ticket: number) => TicketSupply;

const NONE: readonly number[] = Object.freeze([]);

/** The route of an engineer with no stops: no travel, nothing to check. */
export function emptyRoute(model: Model, engineer: number): Route {
  return {
    engineer,
    locs: NONE,
    tickets: NONE,
    arrive: NONE,
    start: NONE,
    depart: NONE,
    slack: NONE,
    lateSlack: NONE,
    legIn: NONE,
    endLeg: 0,
    finish: model.engReady[engineer]!,
    travel: 0,
    missed: 0,
    late: 0,
    courier: 0,
    load: 0,
    jobs: 0,
  };
}

/**
 * Times a stop sequence (docs/solver.md, "Route timing") and derives its cost and slack. Returns
 * null when a hard rule breaks: a ticket ending after shift end, or the route finishing after it.
 */
export function buildRoute(
  model: Model,
  engineer: number,
  locs: readonly number[],
  tickets: readonly number[],
  supplyOf: SupplyOf,
): Route | null {
  const n = locs.length;
  const shiftEnd = model.engShiftEnd[engineer]!;
  const arrive = new Array<number>(n);
  const start = new Array<number>(n);
  const depart = new Array<number>(n);
  const legIn = new Array<number>(n);
  let time = model.engReady[engineer]!;
  let at = model.engStart[engineer]!;
  let travel = 0;
  let missed = 0;
  let late = 0;
  let courier = 0;
  let load = 0;
  let jobs = 0;
  for (let i = 0; i < n; i++) {
    const loc = locs[i]!;
    const leg = model.legs.units(at, loc);
    legIn[i] = leg;
    travel += leg;
    arrive[i] = time + leg;
    const t = tickets[i]!;
    if (t < 0) {
      start[i] = arrive[i]!;
      depart[i] = arrive[i]! + model.pickupUnits;
    } else {
      const supply = supplyOf(t);
      start[i] = Math.max(arrive[i]!, supply.ready);
      depart[i] = start[i]! + model.tService[t]!;
      if (depart[i]! > shiftEnd) return null;
      missed += missedAt(model, t, supply, arrive[i]!);
      late += lateAt(model, t, supply, arrive[i]!);
      courier += supply.courier;
      load += model.tLoad[t]!;
      jobs++;
    }
    time = depart[i]!;
    at = loc;
  }
  const end = model.engEnd[engineer]!;
  const endLeg = end >= 0 ? model.legs.units(at, end) : 0;
  const finish = time + endLeg;
  if (n > 0 && finish > shiftEnd) return null;
  travel += n > 0 ? endLeg : 0;

  const slack = new Array<number>(n);
  const lateSlack = new Array<number>(n);
  let after = shiftEnd - finish;
  let lateAfter = Infinity;
  for (let i = n - 1; i >= 0; i--) {
    const t = tickets[i]!;
    const wait = start[i]! - arrive[i]!;
    const own = t >= 0 ? shiftEnd - depart[i]! : Infinity;
    slack[i] = wait + Math.min(after, own);
    after = slack[i]!;
    const due = t >= 0 ? arrivalDue(model, t, supplyOf(t)) - arrive[i]! : Infinity;
    lateSlack[i] = Math.min(due, wait + lateAfter);
    lateAfter = lateSlack[i]!;
  }
  return {
    engineer,
    locs,
    tickets,
    arrive,
    start,
    depart,
    slack,
    lateSlack,
    legIn,
    endLeg: n > 0 ? endLeg : 0,
    finish: n > 0 ? finish : time,
    travel,
    missed,
    late,
    courier,
    load,
    jobs,
  };
}
