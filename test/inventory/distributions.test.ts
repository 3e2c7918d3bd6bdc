import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compoundBernoulli,
  expectedShortage,
  leadTimeDemand,
  leadTimeDistribution,
  negativeBinomial,
  negativeBinomialFromMoments,
  poisson,
  type PerPeriodDemandModel,
  type SizeDistribution,
} from '../../solver/inventory/index.ts';

const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
const sum = (a: ArrayLike<number>): number => Array.from(a).reduce((x, y) => x + y, 0);

describe('Poisson', () => {
  it('matches e^{-m} m^k / k! term by term', () => {
    const d = poisson(2.5);
    for (let k = 0; k < 15; k++) expect(d.pmf[k]).toBeCloseTo((Math.exp(-2.5) * 2.5 ** k) / factorial(k), 14);
    expect(d.mean).toBeCloseTo(2.5, 12);
    expect(d.variance).toBeCloseTo(2.5, 10);
  });

  it('stays exact for a mean where e^{-m} underflows', () => {
    const d = poisson(1000);
    expect(sum(d.pmf)).toBeCloseTo(1, 12);
    expect(d.mean).toBeCloseTo(1000, 8);
    expect(d.variance).toBeCloseTo(1000, 5);
  });
});

describe('negative binomial', () => {
  /** Γ(k+r)/(Γ(r) k!) p^r (1−p)^k as a direct product. */
  const direct = (r: number, p: number, k: number): number => {
    let c = 1;
    for (let i = 0; i < k; i++) c *= (r + i) / (i + 1);
    return c * p ** r * (1 - p) ** k;
  };

  it('matches the closed-form pmf and moments', () => {
    const d = negativeBinomial(2.5, 0.4);
    for (let k = 0; k < 30; k++) expect(d.pmf[k]).toBeCloseTo(direct(2.5, 0.4, k), 14);
    expect(d.mean).toBeCloseTo((2.5 * 0.6) / 0.4, 10);
    expect(d.variance).toBeCloseTo((2.5 * 0.6) / 0.16, 8);
  });

  it('loss function equals the direct sum Σ_{k>x} (k − x)·P(k)', () => {
    const r = 0.7;
    const p = 0.25;
    const d = negativeBinomial(r, p);
    for (const x of [0, 1, 2, 5, 10]) {
      let direct_ = 0;
      for (let k = x + 1; k < 2000; k++) direct_ += (k - x) * direct(r, p, k);
      expect(expectedShortage(d, x)).toBeCloseTo(direct_, 10);
    }
  });

  it('from per-period moments: r = μ²/(σ² − μ), p = μ/σ², over τ periods NB(rτ, p)', () => {
    const d = negativeBinomialFromMoments(0.8, 2.0, 3);
    expect(d.mean).toBeCloseTo(2.4, 10);
    expect(d.variance).toBeCloseTo(6.0, 8);
  });
});

describe('compound Bernoulli and lead-time mixtures', () => {
  const sizes: SizeDistribution = { sizes: [1, 3], probabilities: [0.5, 0.5], mean: 2, variance: 1 };

  it('two periods with p = 0.3 and sizes {1, 3}: hand-computed pmf', () => {
    const d = compoundBernoulli(0.3, sizes, 2);
    const expected = [0.49, 0.21, 0.0225, 0.21, 0.045, 0, 0.0225];
    expected.forEach((p, k) => expect(d.pmf[k] ?? 0).toBeCloseTo(p, 14));
    expect(d.mean).toBeCloseTo(2 * 0.3 * 2, 12);
  });

  it('mixes over the lead-time distribution: P(D = 0) = ½e^{-1} + ½e^{-2}', () => {
    const model: PerPeriodDemandModel = { model: 'poisson', mean: 1, variance: 1 };
    const lt = leadTimeDistribution({ values: [1, 2], probabilities: [0.5, 0.5] });
    const d = leadTimeDemand(model, lt);
    expect(d.pmf[0]).toBeCloseTo(0.5 * Math.exp(-1) + 0.5 * Math.exp(-2), 14);
    expect(d.mean).toBeCloseTo(1.5, 12);
  });

  it('a fractional number of periods splits compound Bernoulli between ⌊τ⌋ and ⌈τ⌉, keeping the mean', () => {
    const model: PerPeriodDemandModel = {
      model: 'compound-bernoulli',
      mean: 0.6,
      variance: 0,
      occurrenceProbability: 0.3,
      sizes,
    };
    const d = leadTimeDemand(model, leadTimeDistribution({ mean: 1.25 }));
    expect(d.mean).toBeCloseTo(1.25 * 0.6, 12);
  });

  it('Teunter & Duncan: each lead time starts with a demand', () => {
    const cb: PerPeriodDemandModel = {
      model: 'compound-bernoulli',
      mean: 0.6,
      variance: 0,
      occurrenceProbability: 0.3,
      sizes,
    };
    const one = leadTimeDemand(cb, leadTimeDistribution({ mean: 1 }), { startsWithDemand: true });
    expect([...one.pmf]).toEqual([0, 0.5, 0, 0.5]); // exactly one demand of size 1 or 3
    const po: PerPeriodDemandModel = { model: 'poisson', mean: 0.5, variance: 0.5 };
    const two = leadTimeDemand(po, leadTimeDistribution({ mean: 2 }), { startsWithDemand: true });
    expect(two.pmf[0]).toBe(0);
    // E[Y | Y > 0] + E[D(1)] = λ/(1 − e^{−λ}) + λ
    expect(two.mean).toBeCloseTo(0.5 / (1 - Math.exp(-0.5)) + 0.5, 10);
  });

  it('discretises a lead time given by mean and sd into probabilities summing to 1 with that mean', () => {
    const lt = leadTimeDistribution({ mean: 2, sd: 0.5 });
    expect(sum(lt.probabilities)).toBeCloseTo(1, 12);
    expect(lt.mean).toBeCloseTo(2, 12);
    expect(() => leadTimeDistribution({ values: [1, 2], probabilities: [0.5, 0.2] })).toThrow(
      /probabilities/,
    );
  });

  it('property: every lead-time demand pmf is non-negative and sums to 1, mean = E[L]·μ', () => {
    const model = fc.oneof(
      fc
        .record({
          model: fc.constant('poisson' as const),
          mean: fc.double({ min: 0.01, max: 30, noNaN: true }),
        })
        .map((m) => ({ ...m, variance: m.mean })),
      fc
        .record({
          mean: fc.double({ min: 0.01, max: 20, noNaN: true }),
          extra: fc.double({ min: 0.01, max: 30, noNaN: true }),
        })
        .map((m) => ({ model: 'negative-binomial' as const, mean: m.mean, variance: m.mean + m.extra })),
      fc
        .record({ p: fc.double({ min: 0.01, max: 1, noNaN: true }), big: fc.integer({ min: 1, max: 40 }) })
        .map(({ p, big }) => {
          const s: SizeDistribution = {
            sizes: [1, big + 1],
            probabilities: [0.7, 0.3],
            mean: 0.7 + 0.3 * (big + 1),
            variance: 0,
          };
          return {
            model: 'compound-bernoulli' as const,
            mean: p * s.mean,
            variance: 0,
            occurrenceProbability: p,
            sizes: s,
          };
        }),
    );
    const lead = fc.record({
      mean: fc.double({ min: 0, max: 4, noNaN: true }),
      sd: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(model, lead, (m, l) => {
        const lt = leadTimeDistribution(l);
        const d = leadTimeDemand(m, lt);
        expect(sum(d.pmf)).toBeCloseTo(1, 9);
        expect(Math.min(...d.pmf)).toBeGreaterThanOrEqual(0);
        expect(d.mean).toBeCloseTo(lt.mean * m.mean, 6);
      }),
      { numRuns: 200 },
    );
  });
});
