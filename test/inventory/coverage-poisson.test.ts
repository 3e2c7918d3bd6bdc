import { describe, expect, it } from 'vitest';
import { lambdaMax, poissonCdf } from '../../solver/inventory/coverage/index.ts';

/** P(Poisson(mean) ≤ k) by the textbook sum e^{-m} Σ m^i / i!, term by term (independent of the log-space code). */
function directCdf(k: number, mean: number): number {
  let termValue = Math.exp(-mean);
  let sum = termValue;
  for (let i = 1; i <= k; i++) {
    termValue *= mean / i;
    sum += termValue;
  }
  return sum;
}

describe('Poisson CDF', () => {
  it('matches closed forms', () => {
    expect(poissonCdf(0, 2)).toBeCloseTo(Math.exp(-2), 15);
    expect(poissonCdf(2, 1)).toBeCloseTo(2.5 / Math.E, 15);
    expect(poissonCdf(-1, 3)).toBe(0);
    expect(poissonCdf(4, 0)).toBe(1);
  });

  it('matches the direct sum for means up to 200', () => {
    for (const mean of [0.01, 0.5, 3, 17.5, 60, 200])
      for (const k of [0, 1, 5, 20, 80, 250]) expect(poissonCdf(k, mean)).toBeCloseTo(directCdf(k, mean), 12);
  });
});

describe('Λmax(s)', () => {
  it('is zero without stock and −ln(f*)/T for one unit (P(N = 0) = e^{−ΛT})', () => {
    expect(lambdaMax(0, 30, 0.9)).toBe(0);
    for (const [days, target] of [
      [30, 0.9],
      [7, 0.95],
      [90, 0.8],
    ] as const)
      expect(lambdaMax(1, days, target)).toBeCloseTo((-Math.log(target) * 365) / days, 8);
  });

  it('is the largest rate meeting the target, against direct Poisson sums', () => {
    for (const target of [0.8, 0.9, 0.95, 0.99])
      for (const days of [3, 30, 120])
        for (let s = 1; s <= 40; s++) {
          const rate = lambdaMax(s, days, target);
          const mean = (rate * days) / 365;
          // Meets the target at Λmax, and misses it just above (the CDF falls as the mean grows).
          expect(directCdf(s - 1, mean)).toBeGreaterThanOrEqual(target - 1e-12);
          expect(directCdf(s - 1, mean * (1 + 1e-7) + 1e-12)).toBeLessThan(target);
        }
  });

  it('grows with the level', () => {
    for (let s = 1; s < 60; s++) expect(lambdaMax(s + 1, 30, 0.95)).toBeGreaterThan(lambdaMax(s, 30, 0.95));
  });
});
