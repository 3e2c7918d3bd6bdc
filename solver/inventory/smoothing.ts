/**
 * The exponential-smoothing forecasters (SES, Croston/SBA/SBJ, TSB) as one pass each over the
 * history that also accumulates the MAR cost (Kourentzes 2014) and the squared one-step-ahead
 * errors, so that tuning on a grid costs one pass per grid point and allocates nothing.
 */

/** Result of one pass: the forecast after the last period and the in-sample error measures. */
export interface SmoothingFit {
  /** Forecast per period after the last observation. */
  forecast: number;
  /** Σ|ŷ_t − r_t| over the periods with a one-step-ahead forecast. */
  mar: number;
  /** Σ(y_t − ŷ_t)² over the periods after the warm-up, and how many there were. */
  sse: number;
  errors: number;
  /** Occurrence probability (TSB p̂; Croston family c/x̂; SES: NaN) and smoothed size (ẑ; SES: level). */
  occurrence: number;
  size: number;
}

/**
 * r_t, the cumulative mean of y_1..y_t, with the first ⌈0.3n⌉ values frozen at r_⌈0.3n⌉
 * (Kourentzes 2014), which the MAR cost compares each one-step-ahead forecast against.
 */
export function cumulativeRates(history: readonly number[]): Float64Array {
  const n = history.length;
  const rates = new Float64Array(n);
  let sum = 0;
  for (let t = 0; t < n; t++) {
    sum += history[t]!;
    rates[t] = sum / (t + 1);
  }
  const frozen = Math.ceil(0.3 * n) - 1;
  for (let t = 0; t < frozen; t++) rates[t] = rates[frozen]!;
  return rates;
}

/** Index from which squared errors count: after the first ⌈0.3n⌉ periods (the same warm-up as MAR). */
export function warmUp(n: number): number {
  return Math.ceil(0.3 * n);
}

/** SES with level initialised at y_1. */
export function fitSes(history: readonly number[], alpha: number, rates: Float64Array): SmoothingFit {
  const n = history.length;
  const warm = warmUp(n);
  let level = history[0] ?? 0;
  let mar = 0;
  let sse = 0;
  let errors = 0;
  for (let t = 1; t < n; t++) {
    const y = history[t]!;
    mar += Math.abs(level - rates[t]!);
    if (t >= warm) {
      sse += (y - level) * (y - level);
      errors++;
    }
    level += alpha * (y - level);
  }
  return { forecast: level, mar, sse, errors, occurrence: Number.NaN, size: level };
}

export type CrostonVariant = 'croston' | 'sba' | 'sbj';

/** Bias correction c of the Croston family for interval constant α_x. */
export function crostonFactor(variant: CrostonVariant, alphaInterval: number): number {
  if (variant === 'sba') return 1 - alphaInterval / 2;
  if (variant === 'sbj') return 1 - alphaInterval / (2 - alphaInterval);
  return 1;
}

/**
 * Croston (1972) and its corrections SBA (Syntetos & Boylan 2005) and SBJ (Shale, Boylan &
 * Johnston 2006): ẑ and x̂ updated only in periods with demand, initialised at z_1 and x_1.
 */
export function fitCroston(
  history: readonly number[],
  alphaSize: number,
  alphaInterval: number,
  variant: CrostonVariant,
  rates: Float64Array,
): SmoothingFit {
  const n = history.length;
  const c = crostonFactor(variant, alphaInterval);
  let first = 0;
  while (first < n && history[first]! <= 0) first++;
  if (first === n) return { forecast: 0, mar: 0, sse: 0, errors: 0, occurrence: 0, size: 0 };
  const warm = warmUp(n);
  let size = history[first]!;
  let interval = first + 1;
  let last = first;
  let mar = 0;
  let sse = 0;
  let errors = 0;
  for (let t = first + 1; t < n; t++) {
    const y = history[t]!;
    const forecast = (c * size) / interval;
    mar += Math.abs(forecast - rates[t]!);
    if (t >= warm) {
      sse += (y - forecast) * (y - forecast);
      errors++;
    }
    if (y > 0) {
      size += alphaSize * (y - size);
      interval += alphaInterval * (t - last - interval);
      last = t;
    }
  }
  return { forecast: (c * size) / interval, mar, sse, errors, occurrence: Math.min(1, c / interval), size };
}

/**
 * TSB (Teunter, Syntetos & Babai 2011): p̂ updated every period with β, ẑ in periods with demand
 * with α; initial p̂ = d_1 and ẑ = z_1, and the updates run from the first period.
 */
export function fitTsb(
  history: readonly number[],
  alpha: number,
  beta: number,
  rates: Float64Array,
): SmoothingFit {
  const n = history.length;
  let first = 0;
  while (first < n && history[first]! <= 0) first++;
  if (first === n) return { forecast: 0, mar: 0, sse: 0, errors: 0, occurrence: 0, size: 0 };
  const warm = warmUp(n);
  let probability = history[0]! > 0 ? 1 : 0;
  let size = history[first]!;
  let mar = 0;
  let sse = 0;
  let errors = 0;
  for (let t = 0; t < n; t++) {
    const y = history[t]!;
    if (t >= 1) {
      const forecast = probability * size;
      mar += Math.abs(forecast - rates[t]!);
      if (t >= warm) {
        sse += (y - forecast) * (y - forecast);
        errors++;
      }
    }
    probability += beta * ((y > 0 ? 1 : 0) - probability);
    if (y > 0) size += alpha * (y - size);
  }
  return { forecast: probability * size, mar, sse, errors, occurrence: probability, size };
}
