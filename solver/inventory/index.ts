/**
 * Public API of the inventory maths (pure): classification, forecasts, lead-time demand, fill-rate
 * policies and the per location × SKU plan the nightly run calls. Formulas: ../shared/docs/inventory.md.
 * First commit: signatures only; the bodies follow in the next commits.
 */
import type {
  DemandClassification,
  DemandForecast,
  DiscreteDistribution,
  ForecastOptions,
  LeadTimeDemandOptions,
  LeadTimeDistribution,
  LeadTimeInput,
  PerPeriodDemandModel,
  ReplenishmentInput,
  ReplenishmentPolicy,
  SizeDistribution,
} from './types.ts';

export type * from './types.ts';

const notImplemented = (): never => {
  throw new Error('not implemented');
};

/** ADI, CV² and the SBC category; the recommended method (SES / Croston / SBA) or none. */
export function classifyDemand(_history: number[]): DemandClassification {
  return notImplemented();
}

/** Fits one method (default: the classification's) with MAR-tuned constants; null without a model. */
export function forecastDemand(_history: number[], _options?: ForecastOptions): DemandForecast | null {
  return notImplemented();
}

/** P(L = l) over lead-time values in periods, from a mean and sd or given explicitly. */
export function leadTimeDistribution(_input: LeadTimeInput): LeadTimeDistribution {
  return notImplemented();
}

/** The per-period model (Poisson, negative binomial or compound Bernoulli) for a fitted forecast. */
export function perPeriodDemandModel(
  _forecast: DemandForecast,
  _classification: DemandClassification,
): PerPeriodDemandModel {
  return notImplemented();
}

/** Demand over the lead time, mixed over the lead-time distribution (plus options.extraPeriods). */
export function leadTimeDemand(
  _model: PerPeriodDemandModel,
  _leadTime: LeadTimeDistribution,
  _options?: LeadTimeDemandOptions,
): DiscreteDistribution {
  return notImplemented();
}

/** Exact loss function G(x) = E[(D − x)⁺] of a discrete distribution. */
export function expectedShortage(_distribution: DiscreteDistribution, _x: number): number {
  return notImplemented();
}

/** Exact (R,S) fill rate 1 − [G_{L+R}(S) − G_L(S)] / E[D(R)]. */
export function orderUpToFillRate(
  _demandLR: DiscreteDistribution,
  _demandL: DiscreteDistribution,
  _S: number,
): number {
  return notImplemented();
}

/** Smallest S whose exact (R,S) fill rate meets the target. */
export function orderUpToForFillRate(
  _demandLR: DiscreteDistribution,
  _demandL: DiscreteDistribution,
  _target: number,
): { orderUpTo: number; fillRate: number; expectedBackorders: number; reachable: boolean } {
  return notImplemented();
}

/** Smallest s for (s,Q) with β ≈ 1 − [G(s) − G(s+Q)]/Q over the protection interval. */
export function reorderPointForFillRate(
  _demand: DiscreteDistribution,
  _orderQuantity: number,
  _target: number,
): { reorderPoint: number; fillRate: number; expectedBackorders: number; reachable: boolean } {
  return notImplemented();
}

/** One-for-one (S−1,S): pipeline Poisson(λ·E[L]) (Palm); fill rate P(X ≤ S−1), backorders G(S). */
export function baseStockForFillRate(
  _ratePerPeriod: number,
  _meanLeadTime: number,
  _target: number,
): { orderUpTo: number; fillRate: number; expectedBackorders: number; reachable: boolean } {
  return notImplemented();
}

/** EOQ √(2AD/h): D annual demand, A cost per order, h annual holding cost per unit. */
export function economicOrderQuantity(
  _annualDemand: number,
  _orderCost: number,
  _holdingCost: number,
): number {
  return notImplemented();
}

/** Raises a quantity to the minimum order quantity, then up to a whole number of packs. */
export function roundOrderQuantity(_quantity: number, _packSize: number, _minOrderQty: number): number {
  return notImplemented();
}

/** The empirical distribution of the non-zero sizes of a history. */
export function sizeDistribution(_history: number[]): SizeDistribution {
  return notImplemented();
}

/** The nightly run's entry point: one location × SKU's policy, with explanation and alerts. */
export function planReplenishment(_input: ReplenishmentInput): ReplenishmentPolicy {
  return notImplemented();
}
