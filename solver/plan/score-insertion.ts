import type { Model } from './model.ts';
import type { SupplyOf } from './route.ts';
import { lateAt, missedAt } from './ticket-cost.ts';
import type { Route, TicketSupply } from './types.ts';

/** What inserting a ticket changes on one route: cost terms in units, and the ticket's timing. */
export interface InsertionScore {
  missed: number;
  late: number;
  travel: number;
  arrive: number;
  start: number;
}

/**
 * Scores inserting ticket `t` (with `supply`) at stop position `p` of `route`, and, when
 * `pickups` is not empty, those new pickup stops together at position `q` ≤ p before it. The new
 * sequence is old[0..q) + pickups + old[q..p) + ticket + old[p..). Stops before the first insertion keep their
 * times; stops between the two insertions are re-timed; after the ticket, the delay is checked
 * against the route's slack in O(1) and propagated only until waiting absorbs it. Returns false
 * when a hard rule (shift end) breaks; capacity, job count and pins are the caller's checks.
 */
export function scoreInsertion(
  model: Model,
  route: Route,
  supplyOf: SupplyOf,
  t: number,
  supply: TicketSupply,
  p: number,
  pickups: readonly number[],
  q: number,
  out: InsertionScore,
): boolean {
  const legs = model.legs;
  const n = route.locs.length;
  const engineer = route.engineer;
  const shiftEnd = model.engShiftEnd[engineer]!;
  const first = pickups.length > 0 ? q : p;
  let time = first === 0 ? model.engReady[engineer]! : route.depart[first - 1]!;
  let at = first === 0 ? model.engStart[engineer]! : route.locs[first - 1]!;
  let added = 0;
  let removed = 0;
  let missed = 0;
  let late = 0;

  if (pickups.length > 0) {
    for (const pickup of pickups) {
      const leg = legs.units(at, pickup);
      added += leg;
      time += leg + model.pickupUnits;
      at = pickup;
    }
    for (let i = q; i < p; i++) {
      const loc = route.locs[i]!;
      const legToStop = legs.units(at, loc);
      added += legToStop;
      removed += route.legIn[i]!;
      const arrive = time + legToStop;
      const other = route.tickets[i]!;
      if (other < 0) {
        time = arrive + model.pickupUnits;
      } else {
        const otherSupply = supplyOf(other);
        time = Math.max(arrive, otherSupply.ready) + model.tService[other]!;
        if (time > shiftEnd) return false;
        const before = route.arrive[i]!;
        missed += missedAt(model, other, otherSupply, arrive) - missedAt(model, other, otherSupply, before);
        late += lateAt(model, other, otherSupply, arrive) - lateAt(model, other, otherSupply, before);
      }
      at = loc;
    }
  }

  const site = model.tSite[t]!;
  const legToSite = legs.units(at, site);
  added += legToSite;
  const arrive = time + legToSite;
  const start = Math.max(arrive, supply.ready);
  time = start + model.tService[t]!;
  if (time > shiftEnd) return false;
  missed += missedAt(model, t, supply, arrive);
  late += lateAt(model, t, supply, arrive);

  if (p < n) {
    const legOut = legs.units(site, route.locs[p]!);
    added += legOut;
    removed += route.legIn[p]!;
    let delay = time + legOut - route.arrive[p]!;
    if (delay > route.slack[p]!) return false;
    // Within the late slack no commitment downstream changes; beyond it, walk until waiting absorbs it.
    if (delay <= route.lateSlack[p]!) delay = 0;
    for (let i = p; i < n && delay > 0; i++) {
      const other = route.tickets[i]!;
      if (other < 0) continue;
      const otherSupply = supplyOf(other);
      const before = route.arrive[i]!;
      const after = before + delay;
      missed += missedAt(model, other, otherSupply, after) - missedAt(model, other, otherSupply, before);
      late += lateAt(model, other, otherSupply, after) - lateAt(model, other, otherSupply, before);
      delay = Math.max(after, otherSupply.ready) - route.start[i]!;
    }
  } else {
    const end = model.engEnd[engineer]!;
    const endLeg = end >= 0 ? legs.units(site, end) : 0;
    if (time + endLeg > shiftEnd) return false;
    added += endLeg;
    removed += route.endLeg;
  }

  out.missed = missed;
  out.late = late;
  out.travel = added - removed;
  out.arrive = arrive;
  out.start = start;
  return true;
}
