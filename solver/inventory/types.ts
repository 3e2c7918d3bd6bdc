/**
 * Types of the inventory maths (solver/inventory): demand classification, intermittent-demand
 * forecasts, lead-time demand distributions and the replenishment policy of one location × SKU.
 * Methods and formulas: ../shared/docs/inventory.md. Everything here is in periods (the history's
 * bucket, e.g. a month) and units of the SKU.
 */

/** Syntetos, Boylan & Croston (2005) categories, plus the two cases where no model is fitted. */
export type DemandCategory =
  'smooth' | 'erratic' | 'intermittent' | 'lumpy' | 'no-demand' | 'too-little-history';

export type ForecastMethod = 'ses' | 'croston' | 'sba' | 'sbj' | 'tsb' | 'adida' | 'imapa';

export interface DemandClassification {
  /** Average inter-demand interval in periods (the first interval counts from the series' start). */
  adi: number;
  /** Squared coefficient of variation of the non-zero sizes (sample sd); NaN with fewer than 2. */
  cv2: number;
  /** Number of periods with a non-zero demand. */
  nonZero: number;
  category: DemandCategory;
  /** The method the classification recommends; null where no model is fitted. */
  method: ForecastMethod | null;
}

/** Empirical distribution of the non-zero demand sizes: sizes ascending, probabilities sum to 1. */
export interface SizeDistribution {
  sizes: number[];
  probabilities: number[];
  mean: number;
  variance: number;
}

export interface ForecastOptions {
  /** Method to use; default: the one classifyDemand recommends. */
  method?: ForecastMethod;
  /** Fixed smoothing constant(s) instead of the MAR tuning (both constants where a method has two). */
  alpha?: number;
  /** TSB occurrence constant β (≤ α); with `alpha` fixed, default β = α. */
  beta?: number;
  /** IMAPA: the largest aggregation level K (default round(ADI), at least 2). */
  maxAggregation?: number;
}

export interface DemandForecast {
  method: ForecastMethod;
  /** Size (or level) smoothing constant; for Croston/SBA/SBJ also used for the interval. */
  alpha: number;
  /** Croston family: interval constant; TSB: occurrence constant β; null otherwise. */
  beta: number | null;
  /** How the constants were chosen. */
  tuning: 'mar' | 'default-few-demands' | 'fixed';
  /** Forecast demand per period (mean). */
  perPeriod: number;
  /** Per-period variance estimate: mean squared one-step-ahead in-sample error. */
  variance: number;
  /** Probability of a non-zero demand in a period (TSB p̂, Croston c/x̂, SES-type: share of non-zero periods). */
  occurrenceProbability: number;
  /** Smoothed non-zero size (Croston/TSB ẑ); for SES-type methods the empirical mean size. */
  sizeEstimate: number;
  /** Empirical non-zero sizes of the history. */
  sizes: SizeDistribution;
  /** Croston family: aggregation level k for ADIDA, levels 1..K for IMAPA; otherwise 1. */
  aggregation: number;
}

/** A discrete distribution over non-negative integers: pmf[k] = P(D = k); sums to 1 (tail folded). */
export interface DiscreteDistribution {
  pmf: Float64Array;
  mean: number;
  variance: number;
}

export type LeadTimeDemandModel = 'poisson' | 'negative-binomial' | 'compound-bernoulli';

/** Lead time in periods: a mean and sd (discretised), or an explicit distribution (values ≥ 0). */
export type LeadTimeInput = { mean: number; sd?: number } | { values: number[]; probabilities: number[] };

export interface LeadTimeDistribution {
  values: number[];
  probabilities: number[];
  mean: number;
}

/** The per-period demand model from which demand over any number of periods is built. */
export interface PerPeriodDemandModel {
  model: LeadTimeDemandModel;
  mean: number;
  variance: number;
  /** compound-bernoulli only: occurrence probability and size distribution. */
  occurrenceProbability?: number;
  sizes?: SizeDistribution;
}

export interface LeadTimeDemandOptions {
  /** Teunter & Duncan (2009): the lead time starts with a demand (the order was triggered by one). */
  startsWithDemand?: boolean;
  /** Extra periods added to every lead-time value (the review period R for D(L+R)). */
  extraPeriods?: number;
}

export type PolicyClass = 'spare-unit' | 'part' | 'consumable';

export type PolicyKind = 'order-up-to' | 'base-stock' | 'reorder-point-quantity' | 'none';

export interface ReplenishmentInput {
  /** Demand per period, oldest first (non-negative integers). */
  history: number[];
  /** Length of one period in days (e.g. 30.4 for months); used for annual figures (EOQ). */
  periodDays: number;
  /** Replenishment lead time in periods. */
  leadTime: LeadTimeInput;
  /** Review period R in periods (the nightly run's cadence expressed in periods; ≥ 0). */
  reviewPeriods: number;
  /** Target fill rate (share of units served from stock), in (0, 1). */
  targetFillRate: number;
  unitCost: number;
  /** Annual holding cost as a fraction of the unit cost. */
  holdingRate: number;
  /** Fixed cost per order (EOQ). */
  orderCost: number;
  packSize: number;
  minOrderQty: number;
  policyClass: PolicyClass;
  /** Forecast method; default: the classification's. */
  method?: ForecastMethod;
  /** Teunter & Duncan's correction for reorder-point policies (consumables' (s,Q)). */
  leadTimeStartsWithDemand?: boolean;
  /** End of supply: the last order can be placed in `periodsUntilLastOrder`; demand must then be
   * covered for `periodsSupportedAfter` more periods. */
  endOfLife?: { periodsUntilLastOrder: number; periodsSupportedAfter: number };
}

export type AlertCode =
  | 'too-little-history'
  | 'no-demand'
  | 'target-unreachable'
  | 'last-time-buy'
  | 'end-of-life-approaching'
  | 'obsolescence-risk'
  | 'lumpy-demand';

export interface Alert {
  code: AlertCode;
  message: string;
}

export interface ReplenishmentPolicy {
  classification: DemandClassification;
  /** Null where no model is fitted (no demand, too little history). */
  forecast: DemandForecast | null;
  policy: PolicyKind;
  leadTime: LeadTimeDistribution;
  leadTimeDemand: { distribution: LeadTimeDemandModel | 'none'; mean: number; variance: number };
  /** Order when the inventory position is at or below s (order-up-to and base stock: s = S − 1). */
  reorderPoint: number;
  /** Raise the inventory position to S (before pack/MOQ rounding of the order). */
  orderUpTo: number;
  /** (s,Q) for consumables: the EOQ after pack and MOQ rounding; otherwise null. */
  orderQuantity: number | null;
  targetFillRate: number;
  /** Fill rate the model predicts at S (at s for (s,Q)); 1 where there is no demand; 0 with too little history (nothing stocked). */
  predictedFillRate: number;
  /** Expected backorders (units) at the end of a review cycle / in steady state for base stock. */
  expectedBackorders: number;
  /** Last-time-buy quantity (units to hold to cover the remaining life), where end of life applies. */
  lastTimeBuy: number | null;
  /** One sentence per figure, for a depot manager. */
  explanation: string[];
  alerts: Alert[];
}
