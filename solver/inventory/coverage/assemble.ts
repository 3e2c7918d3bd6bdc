import { appendAll } from './arrays.ts';
import { planMovements } from './movements.ts';
import type { ModelOutcome } from './outcome.ts';
import type { ModelNetwork } from './network.ts';
import { poissonFillRate } from './poisson.ts';
import type {
  CoverageAssignment,
  CoverageInput,
  CoverageResult,
  Placement,
  Purchase,
  Transfer,
  Uncovered,
} from './types.ts';

/**
 * The result for every model from its outcome (models without coverable sites keep their stock):
 * placements with the rate each location serves and its predicted fill rate, the site assignments,
 * transfers and purchases re-derived from the targets (movements.ts), and the uncovered sites with
 * a reason a depot manager can act on.
 */
export function assemble(
  input: CoverageInput,
  networks: readonly ModelNetwork[],
  outcomes: ReadonlyMap<ModelNetwork, ModelOutcome>,
  table: readonly number[],
): Omit<CoverageResult, 'solver' | 'models'> {
  const placement: Placement[] = [];
  const coverage: CoverageAssignment[] = [];
  const transfers: Transfer[] = [];
  const purchases: Purchase[] = [];
  const uncovered: Uncovered[] = [];
  let holdingPerYear = 0;
  let transferCost = 0;
  let purchaseCost = 0;
  const locationId = (l: number) => input.locations[l]!.id;

  for (const network of networks) {
    const outcome = outcomes.get(network);
    const target = outcome?.target ?? network.stock;
    appendAll(uncovered, network.uncovered);
    const servedRate = new Array<number>(input.locations.length).fill(0);
    if (outcome?.placed) {
      for (const a of outcome.placed.assignments) {
        coverage.push({
          siteId: a.siteId,
          modelId: network.model.id,
          locationId: locationId(a.location),
          minutes: a.minutes,
        });
        servedRate[a.location]! += a.rate;
      }
      for (const site of outcome.placed.left)
        uncovered.push({
          siteId: site.siteId,
          modelId: network.model.id,
          ratePerYear: site.rate,
          reason: outcome.method === 'mip' ? 'insufficient-capacity-or-budget' : 'solver-limit',
          explanation:
            outcome.method === 'mip'
              ? `locations are in range, but capacity or the purchase budget leaves no units for it (nearest ${locationId(site.nearest.location)} at ${site.nearest.minutes} min)`
              : `the greedy placement (no MIP: ${outcome.note}) found no room within capacity or the purchase budget at a location in range (nearest ${locationId(site.nearest.location)} at ${site.nearest.minutes} min); a MIP might`,
          nearest: { locationId: locationId(site.nearest.location), minutes: site.nearest.minutes },
        });
    } else if (outcome) {
      const infeasible = outcome.status === 'infeasible';
      for (const group of network.groups)
        for (const siteId of group.siteIds)
          uncovered.push({
            siteId,
            modelId: network.model.id,
            ratePerYear: group.ratePerYear,
            reason: infeasible ? 'insufficient-capacity-or-budget' : 'solver-limit',
            explanation: infeasible
              ? 'capacity and budget leave no feasible placement; stock left as it is'
              : 'the solver found no placement within its time limit; stock left as it is',
            nearest: { locationId: locationId(group.reach[0]!.location), minutes: group.reach[0]!.minutes },
          });
    }
    // A sanity check on every placement: each level must serve what was assigned to it.
    servedRate.forEach((rate, l) => {
      if (rate > 0 && (table[target[l]!] ?? Number.POSITIVE_INFINITY) < rate * (1 - 1e-9))
        throw new Error(`coverage level too low at ${locationId(l)} for ${network.model.id}`);
    });

    input.locations.forEach((location, l) => {
      const current = network.stock[l]!;
      const units = target[l]!;
      if (current === 0 && units === 0) return;
      placement.push({
        locationId: location.id,
        modelId: network.model.id,
        units,
        currentUnits: current,
        delta: units - current,
        coveredRatePerYear: servedRate[l]!,
        predictedFillRate:
          servedRate[l]! > 0 ? poissonFillRate(units, servedRate[l]!, input.replenishmentDays) : 1,
      });
      holdingPerYear += units * network.model.holdingCostPerYear;
    });
    const moves = planMovements(input, network.model, network.stock, target);
    appendAll(transfers, moves.transfers);
    appendAll(purchases, moves.purchases);
    transferCost += moves.transferCost;
    purchaseCost += moves.purchaseCost;
  }
  return {
    placement,
    coverage,
    transfers,
    purchases,
    uncovered,
    cost: {
      holdingPerYear,
      transfer: transferCost,
      purchase: purchaseCost,
      total: holdingPerYear + transferCost + purchaseCost,
    },
  };
}
