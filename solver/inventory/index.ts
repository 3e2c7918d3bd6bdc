/**
 * Public API of the inventory maths (pure): classification, forecasts, lead-time demand, fill-rate
 * policies and the per location × SKU plan the nightly run calls. Formulas: ../shared/docs/inventory.md.
 */
export type * from './types.ts';
export { classifyDemand, sizeDistribution, ADI_CUTOFF, CV2_CUTOFF } from './classify.ts';
export { forecastDemand, aggregate, ALPHA_GRID, DEFAULT_ALPHA, MIN_DEMANDS_TO_TUNE } from './forecast.ts';
export {
  cumulativeRates,
  fitSes,
  fitCroston,
  fitTsb,
  crostonFactor,
  type CrostonVariant,
  type SmoothingFit,
} from './smoothing.ts';
export {
  poisson,
  negativeBinomial,
  negativeBinomialFromMoments,
  compoundBernoulli,
  mixture,
  demandOverPeriods,
  leadTimeDemand,
  leadTimeDistribution,
  fromPmf,
} from './distributions.ts';
export {
  expectedShortage,
  orderUpToFillRate,
  traditionalFillRate,
  orderUpToForFillRate,
  reorderPointForFillRate,
  baseStockForFillRate,
  levelForHorizonFillRate,
  economicOrderQuantity,
  roundOrderQuantity,
  type LevelResult,
} from './policies.ts';
export { planReplenishment, perPeriodDemandModel, InventoryInputError } from './plan.ts';
