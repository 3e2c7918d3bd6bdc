/**
 * Stock levels for a target fill rate, all from the exact loss function of a discrete distribution
 * G(x) = E[(D − x)⁺] = E[D] − x + Σ_{k≤x}(x − k)·P(D = k), and its increments
 * G(x+1) = G(x) − P(D > x), which let every search raise the level one unit at a time in O(1).
 */
import { poisson } from './distributions.ts';
import type { DiscreteDistribution } from './types.ts';

/** G(x) = E[(D − x)⁺], exact. */
export function expectedShortage(distribution: DiscreteDistribution, x: number): number {
  const { pmf, mean } = distribution;
  let sum = 0;
  for (let k = 0; k <= x && k < pmf.length; k++) sum += (x - k) * pmf[k]!;
  return Math.max(0, mean - x + sum);
}

/** Walks G and the cdf of a distribution upwards from x = 0. */
class LossWalker {
  x = 0;
  loss: number;
  cdf: number; // P(D ≤ x)
  constructor(private readonly d: DiscreteDistribution) {
    this.loss = d.mean;
    this.cdf = d.pmf[0]!;
  }
  step(): void {
    this.loss = Math.max(0, this.loss - (1 - this.cdf));
    this.x++;
    this.cdf = Math.min(1, this.cdf + (this.d.pmf[this.x] ?? 0));
  }
}

export interface LevelResult {
  level: number;
  fillRate: number;
  expectedBackorders: number;
  /** False where no level reaches the target (it would take more than the support allows). */
  reachable: boolean;
}

/** Exact (R,S) fill rate: 1 − [G_{L+R}(S) − G_L(S)] / E[D(R)], with E[D(R)] = E[D(L+R)] − E[D(L)]. */
export function orderUpToFillRate(
  demandLR: DiscreteDistribution,
  demandL: DiscreteDistribution,
  S: number,
): number {
  const reviewDemand = demandLR.mean - demandL.mean;
  if (!(reviewDemand > 0)) return 1;
  const shortage = expectedShortage(demandLR, S) - expectedShortage(demandL, S);
  return Math.min(1, Math.max(0, 1 - shortage / reviewDemand));
}

/** The textbook 1 − G_{L+R}(S)/E[D(R)], which counts the backorders at the cycle's start again. */
export function traditionalFillRate(
  demandLR: DiscreteDistribution,
  demandL: DiscreteDistribution,
  S: number,
): number {
  const reviewDemand = demandLR.mean - demandL.mean;
  if (!(reviewDemand > 0)) return 1;
  return 1 - expectedShortage(demandLR, S) / reviewDemand;
}

/** Smallest S ≥ 0 whose exact (R,S) fill rate meets the target; backorders G_{L+R}(S) at the cycle's end. */
export function orderUpToForFillRate(
  demandLR: DiscreteDistribution,
  demandL: DiscreteDistribution,
  target: number,
): LevelResult {
  const reviewDemand = demandLR.mean - demandL.mean;
  if (!(reviewDemand > 0)) return { level: 0, fillRate: 1, expectedBackorders: 0, reachable: true };
  const lr = new LossWalker(demandLR);
  const l = new LossWalker(demandL);
  const limit = demandLR.pmf.length + demandL.pmf.length;
  for (;;) {
    const fillRate = Math.min(1, Math.max(0, 1 - (lr.loss - l.loss) / reviewDemand));
    if (fillRate >= target || lr.x >= limit) {
      return { level: lr.x, fillRate, expectedBackorders: lr.loss, reachable: fillRate >= target };
    }
    lr.step();
    l.step();
  }
}

/**
 * Smallest s ≥ 0 for (s,Q) with β ≈ 1 − [G(s) − G(s+Q)]/Q over the protection interval's demand.
 * With lumpy sizes this overestimates (the undershoot below s is ignored): validate by simulation.
 */
export function reorderPointForFillRate(
  demand: DiscreteDistribution,
  orderQuantity: number,
  target: number,
): LevelResult {
  if (!(demand.mean > 0)) return { level: 0, fillRate: 1, expectedBackorders: 0, reachable: true };
  if (!(orderQuantity >= 1)) throw new RangeError('orderQuantity: must be ≥ 1');
  const low = new LossWalker(demand);
  const high = new LossWalker(demand);
  for (let i = 0; i < orderQuantity; i++) high.step();
  const limit = demand.pmf.length;
  for (;;) {
    const fillRate = Math.min(1, Math.max(0, 1 - (low.loss - high.loss) / orderQuantity));
    if (fillRate >= target || low.x >= limit) {
      return { level: low.x, fillRate, expectedBackorders: low.loss, reachable: fillRate >= target };
    }
    low.step();
    high.step();
  }
}

/**
 * One-for-one base stock (S−1,S): by Palm's theorem the units on order are Poisson(λ·E[L]) for any
 * lead-time distribution; fill rate P(X ≤ S − 1), expected backorders G(S). Returns the smallest S.
 */
export function baseStockForFillRate(
  ratePerPeriod: number,
  meanLeadTime: number,
  target: number,
): LevelResult & { pipeline: DiscreteDistribution } {
  const pipeline = poisson(ratePerPeriod * meanLeadTime);
  if (!(pipeline.mean > 0))
    return { level: 0, fillRate: 1, expectedBackorders: 0, reachable: true, pipeline };
  let S = 0;
  let cdf = 0; // P(X ≤ S − 1); zero at S = 0 (nothing on the shelf)
  while (cdf < target && S < pipeline.pmf.length) {
    cdf += pipeline.pmf[S]!;
    S++;
  }
  const fillRate = Math.min(1, cdf);
  return {
    level: S,
    fillRate,
    expectedBackorders: expectedShortage(pipeline, S),
    reachable: fillRate >= target,
    pipeline,
  };
}

/** EOQ Q* = √(2AD/h): A cost per order, D annual demand, h annual holding cost per unit. */
export function economicOrderQuantity(annualDemand: number, orderCost: number, holdingCost: number): number {
  if (!(annualDemand > 0)) return 0;
  if (!(holdingCost > 0)) return Number.POSITIVE_INFINITY;
  return Math.sqrt((2 * orderCost * annualDemand) / holdingCost);
}

/** Raises a quantity to the minimum order quantity, then up to a whole number of packs. */
export function roundOrderQuantity(quantity: number, packSize: number, minOrderQty: number): number {
  if (!(quantity > 0)) return 0;
  if (!(packSize >= 1)) throw new RangeError('packSize: must be ≥ 1');
  const atLeastMinimum = Math.max(Math.ceil(quantity - 1e-9), minOrderQty);
  return Math.ceil(atLeastMinimum / packSize - 1e-9) * packSize;
}

/**
 * Smallest level Q covering one horizon with no replenishment (a last-time buy) at fill rate
 * 1 − G_H(Q)/E[D_H] ≥ target.
 */
export function levelForHorizonFillRate(demand: DiscreteDistribution, target: number): LevelResult {
  if (!(demand.mean > 0)) return { level: 0, fillRate: 1, expectedBackorders: 0, reachable: true };
  const walker = new LossWalker(demand);
  for (;;) {
    const fillRate = 1 - walker.loss / demand.mean;
    if (fillRate >= target || walker.x >= demand.pmf.length) {
      return { level: walker.x, fillRate, expectedBackorders: walker.loss, reachable: fillRate >= target };
    }
    walker.step();
  }
}
