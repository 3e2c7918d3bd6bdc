/**
 * Poisson pipeline maths for one-for-one replenishment: a location holding s units, whose used
 * units come back after T, has Poisson(λ·T) units in the pipeline; a demand finds a unit on the
 * shelf when fewer than s are out, so its fill rate is P(Poisson(λ·T) ≤ s − 1).
 */

const DAYS_PER_YEAR = 365;

/** P(Poisson(mean) ≤ k), summed in log space so that a large mean does not underflow. */
export function poissonCdf(k: number, mean: number): number {
  if (k < 0) return 0;
  if (mean <= 0) return 1;
  const logMean = Math.log(mean);
  let logTerm = -mean; // log P(N = 0)
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += logMean - Math.log(i);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

/** Fill rate of a location holding `units` for demand `ratePerYear` replenished in `replenishmentDays`. */
export function poissonFillRate(units: number, ratePerYear: number, replenishmentDays: number): number {
  return poissonCdf(units - 1, (ratePerYear * replenishmentDays) / DAYS_PER_YEAR);
}

/**
 * Λmax(s): the largest demand rate (per year) that s units serve at fill rate ≥ `targetFillRate`,
 * i.e. the largest Λ with P(Poisson(Λ·T) ≤ s − 1) ≥ f*. The CDF falls as the mean grows, so the
 * answer is found by bisection on the mean; the lower end of the final bracket is returned, so the
 * rate it gives always meets the target. Λmax(0) = 0: no stock fills nothing.
 */
export function lambdaMax(units: number, replenishmentDays: number, targetFillRate: number): number {
  if (units <= 0) return 0;
  const k = units - 1;
  let low = 0;
  let high = Math.max(1, units);
  while (poissonCdf(k, high) >= targetFillRate) {
    low = high;
    high *= 2;
  }
  // 200 halvings reach the resolution of a double for any bracket that starts below 2^1023.
  for (let i = 0; i < 200 && high - low > 1e-12 * Math.max(1, high); i++) {
    const middle = (low + high) / 2;
    if (poissonCdf(k, middle) >= targetFillRate) low = middle;
    else high = middle;
  }
  return (low * DAYS_PER_YEAR) / replenishmentDays;
}

/**
 * Λmax(0..s) until the rate reaches `ratePerYear` (or `maxUnits`): the level table one location
 * needs, ending at the smallest s that serves the whole rate.
 */
export function levelTable(
  ratePerYear: number,
  replenishmentDays: number,
  targetFillRate: number,
  maxUnits: number,
): number[] {
  const table = [0];
  while (table[table.length - 1]! < ratePerYear && table.length - 1 < maxUnits)
    table.push(lambdaMax(table.length, replenishmentDays, targetFillRate));
  return table;
}
