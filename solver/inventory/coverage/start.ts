import type { CoverageFormulation, ModelVariables } from './formulation.ts';
import { levelFor } from './formulation.ts';

/**
 * A greedy placement written as a complete solution of the hard model, handed to HiGHS as its
 * first incumbent (on networks of a few hundred sites its own heuristics found poor ones). Each
 * site, largest demand first, goes to the location in range where covering it costs least: the
 * extra units its level needs, priced at that location's spare stock (free), else its cheapest
 * transfer arc from a location with spare units, else a purchase; ties go to the nearer location.
 * Capacity and budget are not looked at: if the result breaks them, the solver ignores the start.
 */
export function greedyStart(form: CoverageFormulation, lambdaMax: readonly number[]): Float64Array {
  const values = new Float64Array(form.model.variables.length);
  for (const vars of form.perModel) fillModel(vars, lambdaMax, values);
  return values;
}

function fillModel(vars: ModelVariables, lambdaMax: readonly number[], values: Float64Array): void {
  const { network } = vars;
  const purchaseCost = network.model.unitCost + network.model.holdingCostPerYear;
  // Units at each place not yet needed by its own level nor shipped: what can be used or sent.
  const spare = new Map<number, number>([...vars.stock.keys()].map((l) => [l, network.stock[l]!]));
  const arcsTo = new Map<number, (typeof vars.transfers)[number][]>();
  for (const arc of vars.transfers) {
    const list = arcsTo.get(arc.to) ?? [];
    list.push(arc);
    arcsTo.set(arc.to, list);
  }
  for (const list of arcsTo.values()) list.sort((a, b) => a.unitCost - b.unitCost || a.from - b.from);
  const rate = new Map<number, number>();

  /** Cost of `units` more at l (own spare, then transfers, then purchase); `commit` records it. */
  const supply = (l: number, units: number, commit: boolean): number => {
    let cost = 0;
    let left = units;
    const own = Math.min(left, spare.get(l)!);
    if (commit) spare.set(l, spare.get(l)! - own);
    left -= own;
    for (const arc of arcsTo.get(l) ?? []) {
      if (left <= 0 || arc.unitCost >= purchaseCost) break;
      const moved = Math.min(left, spare.get(arc.from)!);
      if (moved <= 0) continue;
      cost += moved * arc.unitCost;
      left -= moved;
      if (commit) {
        spare.set(arc.from, spare.get(arc.from)! - moved);
        values[arc.variable]! += moved;
      }
    }
    cost += left * purchaseCost;
    if (commit && left > 0) values[vars.purchase.get(l)!]! += left;
    return cost;
  };

  const order = network.groups
    .map((group, g) => ({ group, g }))
    .sort((a, b) => b.group.ratePerYear - a.group.ratePerYear || a.g - b.g);
  for (const { group, g } of order) {
    for (let k = 0; k < group.siteIds.length; k++) {
      let best = 0;
      let bestCost = Number.POSITIVE_INFINITY;
      group.reach.forEach((r, i) => {
        const before = levelFor(rate.get(r.location) ?? 0, lambdaMax);
        const after = levelFor((rate.get(r.location) ?? 0) + group.ratePerYear, lambdaMax);
        const cost = supply(r.location, after - before, false);
        if (cost < bestCost) {
          best = i;
          bestCost = cost;
        }
      });
      const location = group.reach[best]!.location;
      const before = levelFor(rate.get(location) ?? 0, lambdaMax);
      rate.set(location, (rate.get(location) ?? 0) + group.ratePerYear);
      supply(location, levelFor(rate.get(location)!, lambdaMax) - before, true);
      values[vars.assign[g]![best]!.variable]! += 1;
    }
  }

  for (const [l, ladder] of vars.levels) {
    const s = levelFor(rate.get(l) ?? 0, lambdaMax);
    const chosen = ladder.find((u) => u.units === s);
    if (chosen) values[chosen.variable] = 1;
  }
  // n = stock + in − out + bought, from the recorded moves.
  const final = new Map<number, number>([...vars.stock.keys()].map((l) => [l, network.stock[l]!]));
  for (const arc of vars.transfers) {
    const moved = values[arc.variable]!;
    final.set(arc.from, final.get(arc.from)! - moved);
    final.set(arc.to, final.get(arc.to)! + moved);
  }
  for (const [l, variable] of vars.purchase) final.set(l, final.get(l)! + values[variable]!);
  for (const [l, variable] of vars.stock) values[variable] = final.get(l)!;
}
