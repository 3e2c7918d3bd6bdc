/**
 * forecastDemand: one method fitted to a history, its smoothing constants chosen on a coarse grid
 * in [0.05, 0.3] by the MAR cost (Kourentzes 2014), or 0.1 where there are fewer than 10 non-zero
 * demands (too few to tune on). ADIDA and IMAPA aggregate into buckets and forecast with SES.
 */
import { classifyDemand, sizeDistribution } from './classify.ts';
import {
  cumulativeRates,
  fitCroston,
  fitSes,
  fitTsb,
  warmUp,
  type CrostonVariant,
  type SmoothingFit,
} from './smoothing.ts';
import type { DemandForecast, ForecastMethod, ForecastOptions, SizeDistribution } from './types.ts';

export const ALPHA_GRID: readonly number[] = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3];
export const DEFAULT_ALPHA = 0.1;
/** Below this many non-zero demands the constants are not tuned (Kourentzes 2014's caveat). */
export const MIN_DEMANDS_TO_TUNE = 10;

interface Fitted {
  fit: SmoothingFit;
  alpha: number;
  beta: number | null;
}

function tuneSes(series: readonly number[], fixed: number | null): Fitted {
  const rates = cumulativeRates(series);
  if (fixed !== null) return { fit: fitSes(series, fixed, rates), alpha: fixed, beta: null };
  let best: Fitted | null = null;
  for (const alpha of ALPHA_GRID) {
    const fit = fitSes(series, alpha, rates);
    if (best === null || fit.mar < best.fit.mar) best = { fit, alpha, beta: null };
  }
  return best!;
}

function tuneCroston(
  series: readonly number[],
  variant: CrostonVariant,
  fixed: number | null,
  fixedBeta: number | null,
): Fitted {
  const rates = cumulativeRates(series);
  if (fixed !== null) {
    const beta = fixedBeta ?? fixed;
    return { fit: fitCroston(series, fixed, beta, variant, rates), alpha: fixed, beta };
  }
  let best: Fitted | null = null;
  for (const alpha of ALPHA_GRID) {
    for (const beta of ALPHA_GRID) {
      const fit = fitCroston(series, alpha, beta, variant, rates);
      if (best === null || fit.mar < best.fit.mar) best = { fit, alpha, beta };
    }
  }
  return best!;
}

function tuneTsb(series: readonly number[], fixed: number | null, fixedBeta: number | null): Fitted {
  const rates = cumulativeRates(series);
  if (fixed !== null) {
    const beta = fixedBeta ?? fixed;
    return { fit: fitTsb(series, fixed, beta, rates), alpha: fixed, beta };
  }
  let best: Fitted | null = null;
  for (const alpha of ALPHA_GRID) {
    for (const beta of ALPHA_GRID) {
      if (beta > alpha) break; // TSB: β ≤ α
      const fit = fitTsb(series, alpha, beta, rates);
      if (best === null || fit.mar < best.fit.mar) best = { fit, alpha, beta };
    }
  }
  return best!;
}

/** Sums of non-overlapping buckets of k periods, aligned on the last period (a partial first bucket is dropped). */
export function aggregate(history: readonly number[], k: number): number[] {
  const buckets = Math.floor(history.length / k);
  const offset = history.length - buckets * k;
  const out = new Array<number>(buckets);
  for (let b = 0; b < buckets; b++) {
    let sum = 0;
    for (let i = 0; i < k; i++) sum += history[offset + b * k + i]!;
    out[b] = sum;
  }
  return out;
}

/** Per-period variance from the mean squared one-step-ahead error; the sample variance when too few errors. */
function varianceOf(fit: SmoothingFit, series: readonly number[]): number {
  if (fit.errors >= 2) return fit.sse / fit.errors;
  return sampleVariance(series);
}

function sampleVariance(series: readonly number[]): number {
  const n = series.length;
  if (n < 2) return 0;
  let sum = 0;
  let squares = 0;
  for (const y of series) {
    sum += y;
    squares += y * y;
  }
  return Math.max(0, (squares - (sum * sum) / n) / (n - 1));
}

/**
 * SES on k-period buckets, divided by k: the forecast per period, and the per-period variance as
 * the mean squared error of the per-period forecasts (level / k) against each period of the next
 * bucket, after the warm-up. (MSE of the bucket sums / k would count the bias k times over.)
 */
function fitAggregated(history: readonly number[], k: number, fixed: number | null) {
  const series = aggregate(history, k);
  const fitted = tuneSes(series, fixed);
  const offset = history.length - series.length * k;
  const warm = warmUp(history.length);
  let level = series[0] ?? 0;
  let sse = 0;
  let errors = 0;
  for (let b = 1; b < series.length; b++) {
    for (let i = 0; i < k; i++) {
      const t = offset + b * k + i;
      if (t < warm) continue;
      const error = history[t]! - level / k;
      sse += error * error;
      errors++;
    }
    level += fitted.alpha * (series[b]! - level);
  }
  const variance = errors >= 2 ? sse / errors : sampleVariance(history);
  return { alpha: fitted.alpha, perPeriod: fitted.fit.forecast / k, variance };
}

/** Largest bucket size that still leaves at least two buckets. */
function feasibleLevel(n: number, k: number): number {
  return Math.max(1, Math.min(k, Math.floor(n / 2)));
}

export function forecastDemand(
  history: readonly number[],
  options: ForecastOptions = {},
): DemandForecast | null {
  const classification = classifyDemand(history);
  const method: ForecastMethod | null = options.method ?? classification.method;
  if (method === null || classification.nonZero === 0) return null;
  const sizes = sizeDistribution(history);
  const tuneAllowed = classification.nonZero >= MIN_DEMANDS_TO_TUNE;
  const fixed = options.alpha ?? (tuneAllowed ? null : DEFAULT_ALPHA);
  const fixedBeta = options.beta ?? (tuneAllowed || options.alpha !== undefined ? null : DEFAULT_ALPHA);
  const tuning = options.alpha !== undefined ? 'fixed' : tuneAllowed ? 'mar' : 'default-few-demands';
  const meanInterval = Math.max(1, Math.round(classification.adi));

  const base = { method, tuning, sizes } as const;
  /** Croston's family and TSB: a size and an occurrence, each smoothed with its own constant. */
  const fromTwoConstants = ({ fit, alpha, beta }: ReturnType<typeof tuneTsb>) => ({
    ...base,
    alpha,
    beta,
    perPeriod: fit.forecast,
    variance: varianceOf(fit, history),
    occurrenceProbability: fit.occurrence,
    sizeEstimate: fit.size,
    aggregation: 1,
  });
  switch (method) {
    case 'ses': {
      const { fit, alpha } = tuneSes(history, fixed);
      return finish(base, alpha, null, fit.forecast, varianceOf(fit, history), sizes, Number.NaN, 1);
    }
    case 'croston':
    case 'sba':
    case 'sbj': {
      return fromTwoConstants(tuneCroston(history, method, fixed, fixedBeta));
    }
    case 'tsb':
      return fromTwoConstants(tuneTsb(history, fixed, fixedBeta));
    case 'adida': {
      const k = feasibleLevel(history.length, meanInterval);
      const level = fitAggregated(history, k, fixed);
      return finish(base, level.alpha, null, level.perPeriod, level.variance, sizes, Number.NaN, k);
    }
    case 'imapa': {
      const top = feasibleLevel(history.length, options.maxAggregation ?? Math.max(2, meanInterval));
      let perPeriod = 0;
      let variance = 0;
      let alpha = 0;
      for (let k = 1; k <= top; k++) {
        const level = fitAggregated(history, k, fixed);
        perPeriod += level.perPeriod / top;
        variance += level.variance / top;
        alpha += level.alpha / top;
      }
      return finish(base, alpha, null, perPeriod, variance, sizes, Number.NaN, top);
    }
  }
}

function finish(
  base: { method: ForecastMethod; tuning: DemandForecast['tuning']; sizes: SizeDistribution },
  alpha: number,
  beta: number | null,
  perPeriod: number,
  variance: number,
  sizes: SizeDistribution,
  occurrence: number,
  aggregation: number,
): DemandForecast {
  // SES-type methods have no occurrence model: the probability that, with the empirical sizes,
  // reproduces the forecast mean.
  const occurrenceProbability = Number.isNaN(occurrence)
    ? sizes.mean > 0
      ? Math.min(1, perPeriod / sizes.mean)
      : 0
    : occurrence;
  return {
    ...base,
    alpha,
    beta,
    perPeriod,
    variance,
    occurrenceProbability,
    sizeEstimate: sizes.mean,
    aggregation,
  };
}
