import { minCostTransport } from './transport.ts';
import type { CoverageInput, Purchase, Transfer, TransferCost } from './types.ts';

/** Per-unit transfer cost between two locations (by id): the pair's, else the reverse pair's, else the default. */
export function transferCostLookup(cost: TransferCost): (from: string, to: string) => number {
  const pairs = new Map(cost.pairs.map((p) => [`${p.from}\u0000${p.to}`, p.costPerUnit]));
  // Without pairs every move costs the default: no key to build (this runs for every pair of
  // locations of every model on a national network).
  if (pairs.size === 0) return (from, to) => (from === to ? 0 : cost.perUnit);
  return (from, to) => {
    if (from === to) return 0;
    return pairs.get(`${from}\u0000${to}`) ?? pairs.get(`${to}\u0000${from}`) ?? cost.perUnit;
  };
}

export interface MovementPlan {
  readonly transfers: Transfer[];
  readonly purchases: Purchase[];
  readonly transferCost: number;
  readonly purchaseCost: number;
}

/**
 * Turns one model's target levels into moves: every unit a location holds above its target is
 * sent to a location below its target (a min-cost transportation of surpluses to deficits), and
 * only what surpluses cannot fill is bought. Transfers therefore always come before purchases.
 * (A placement from the MIP never has more surplus than deficit: units do not vanish. Given
 * targets below current stock in total, the surplus that is cheapest to leave stays where it is.)
 */
export function planMovements(
  input: Pick<CoverageInput, 'locations' | 'transferCost'>,
  model: { id: string; unitCost: number },
  current: readonly number[],
  target: readonly number[],
): MovementPlan {
  const costOf = transferCostLookup(input.transferCost);
  const sources: number[] = [];
  const sinks: number[] = [];
  current.forEach((units, l) => {
    if (units > target[l]!) sources.push(l);
    else if (units < target[l]!) sinks.push(l);
  });
  const surplus = sources.map((l) => current[l]! - target[l]!);
  const deficit = sinks.map((l) => target[l]! - current[l]!);
  const totalSurplus = surplus.reduce((a, b) => a + b, 0);
  const totalDeficit = deficit.reduce((a, b) => a + b, 0);
  const id = (l: number) => input.locations[l]!.id;
  // With more surplus than deficit, a dummy sink "stays where it is" (cost 0) absorbs the rest.
  const sinkDemand = totalSurplus > totalDeficit ? [...deficit, totalSurplus - totalDeficit] : deficit;
  const shipments = minCostTransport(surplus, sinkDemand, (i, j) =>
    j >= sinks.length ? 0 : costOf(id(sources[i]!), id(sinks[j]!)),
  );
  const received = new Array<number>(sinks.length).fill(0);
  const transfers: Transfer[] = [];
  let transferCost = 0;
  for (const s of shipments) {
    if (s.to >= sinks.length) continue;
    const from = id(sources[s.from]!);
    const to = id(sinks[s.to]!);
    const costPerUnit = costOf(from, to);
    transfers.push({ modelId: model.id, from, to, units: s.units, costPerUnit });
    transferCost += costPerUnit * s.units;
    received[s.to]! += s.units;
  }
  const purchases: Purchase[] = [];
  let purchaseCost = 0;
  sinks.forEach((l, j) => {
    const units = deficit[j]! - received[j]!;
    if (units <= 0) return;
    purchases.push({ locationId: id(l), modelId: model.id, units, unitCost: model.unitCost });
    purchaseCost += units * model.unitCost;
  });
  return { transfers, purchases, transferCost, purchaseCost };
}
