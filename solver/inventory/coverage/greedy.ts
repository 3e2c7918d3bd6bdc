import { levelFor } from './formulation.ts';
import { transferCostLookup } from './movements.ts';
import { effectiveCapacity, type ModelNetwork } from './network.ts';
import type { CoverageInput } from './types.ts';

/** One site of a model and the location the placement makes serve it. */
export interface SiteAssignment {
  readonly siteId: string;
  readonly location: number;
  readonly minutes: number;
  readonly rate: number;
}

/** A coverable site the placement could not serve (capacity or budget left no room in range). */
export interface UnservedSite {
  readonly siteId: string;
  readonly rate: number;
  readonly nearest: { readonly location: number; readonly minutes: number };
}

export interface GreedyPlacement {
  /** Units per location index after the moves. */
  readonly target: number[];
  readonly assignments: SiteAssignment[];
  readonly left: UnservedSite[];
  /** Transfer + purchase cost of the moves it made (the MIP's cost objective for the same placement). */
  readonly objective: number;
}

/**
 * A placement for one model without a MIP, in time linear in sites × locations in range: each
 * site, largest demand first, goes to the location in range where the extra units its level needs
 * cost least: that location's own spare stock (free), else units moved from the location with
 * spare stock that is cheapest to move from, else a purchase; ties go to the nearer location.
 * Per-model capacity and the purchase budget are respected (as in the per-model MIP); a site no
 * location can take is returned in `left`.
 *
 * It is a heuristic: its cost is an upper bound on the MIP's, with no proof of how far above, except
 * that a placement that moves and buys nothing costs the least possible (every cost is ≥ 0).
 */
export function greedyPlacement(
  input: CoverageInput,
  network: ModelNetwork,
  lambdaMax: readonly number[],
): GreedyPlacement {
  const locationCount = input.locations.length;
  const { model } = network;
  const costOf = transferCostLookup(input.transferCost);
  const held = [...network.stock];
  /** Units at a location that neither its own level needs nor have been sent away. */
  const spare = [...network.stock];
  const rate = new Array<number>(locationCount).fill(0);
  const level = new Array<number>(locationCount).fill(0);
  const capacity = Array.from({ length: locationCount }, (_, l) => effectiveCapacity(input, l));
  const purchaseCost = model.unitCost + model.holdingCostPerYear;
  let budgetLeft = input.purchaseBudget ?? Number.POSITIVE_INFINITY;
  let objective = 0;

  const sources = network.stock.flatMap((units, l) => (units > 0 ? [l] : []));
  const sourcesByCost = new Map<number, { from: number; cost: number }[]>();
  const cheapestSources = (to: number) => {
    let list = sourcesByCost.get(to);
    if (!list) {
      const id = input.locations[to]!.id;
      list = sources
        .filter((from) => from !== to)
        .map((from) => ({ from, cost: costOf(input.locations[from]!.id, id) }))
        .sort((a, b) => a.cost - b.cost || a.from - b.from);
      sourcesByCost.set(to, list);
    }
    return list;
  };

  /**
   * Cost of `units` more on the shelf at `to`, or null where capacity or budget forbids it;
   * `commit` makes the moves.
   */
  const supply = (to: number, units: number, commit: boolean): number | null => {
    const own = Math.min(units, spare[to]!);
    let left = units - own;
    if (held[to]! + left > capacity[to]!) return null;
    if (commit) spare[to]! -= own;
    let cost = 0;
    for (const { from, cost: unitCost } of left > 0 ? cheapestSources(to) : []) {
      if (unitCost >= purchaseCost) break;
      const moved = Math.min(left, spare[from]!);
      if (moved <= 0) continue;
      cost += moved * unitCost;
      left -= moved;
      if (commit) {
        spare[from]! -= moved;
        held[from]! -= moved;
        held[to]! += moved;
      }
      if (left === 0) break;
    }
    if (left > 0) {
      if (left * model.unitCost > budgetLeft + 1e-9) return null;
      cost += left * purchaseCost;
      if (commit) {
        budgetLeft -= left * model.unitCost;
        held[to]! += left;
      }
    }
    return cost;
  };

  /** levelFor(rate), searched up from a level known to be no higher (levels only grow). */
  const levelAbove = (from: number, rate: number): number => {
    let s = from;
    while (s < lambdaMax.length && lambdaMax[s]! < rate) s++;
    return s < lambdaMax.length ? s : levelFor(rate, lambdaMax);
  };
  const assignments: SiteAssignment[] = [];
  const left: UnservedSite[] = [];
  const order = network.groups
    .map((group, g) => ({ group, g }))
    .sort((a, b) => b.group.ratePerYear - a.group.ratePerYear || a.g - b.g);
  for (const { group } of order) {
    for (const siteId of group.siteIds) {
      const minutes = group.minutesBySite.get(siteId)!;
      let best = -1;
      let bestCost = Number.POSITIVE_INFINITY;
      let bestMinutes = Number.POSITIVE_INFINITY;
      group.reach.forEach(({ location }, k) => {
        const extra = levelAbove(level[location]!, rate[location]! + group.ratePerYear) - level[location]!;
        const cost = supply(location, extra, false);
        if (cost === null) return;
        if (cost < bestCost || (cost === bestCost && minutes[k]! < bestMinutes)) {
          best = k;
          bestCost = cost;
          bestMinutes = minutes[k]!;
        }
      });
      if (best < 0) {
        let nearest = 0;
        minutes.forEach((m, k) => {
          if (m < minutes[nearest]!) nearest = k;
        });
        left.push({
          siteId,
          rate: group.ratePerYear,
          nearest: { location: group.reach[nearest]!.location, minutes: minutes[nearest]! },
        });
        continue;
      }
      const location = group.reach[best]!.location;
      const after = levelAbove(level[location]!, rate[location]! + group.ratePerYear);
      objective += supply(location, after - level[location]!, true)!;
      rate[location]! += group.ratePerYear;
      level[location] = after;
      assignments.push({ siteId, location, minutes: minutes[best]!, rate: group.ratePerYear });
    }
  }
  return { target: held, assignments, left, objective };
}
