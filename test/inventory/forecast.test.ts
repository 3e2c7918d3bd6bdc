import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALPHA_GRID,
  aggregate,
  classifyDemand,
  cumulativeRates,
  fitCroston,
  fitSes,
  fitTsb,
  forecastDemand,
} from '../../solver/inventory/index.ts';

/** The test vector of ../shared/docs/inventory.md. */
const y = [0, 0, 3, 0, 2, 0, 0, 1, 0, 0, 0, 4];
const fixed = { alpha: 0.1, beta: 0.1 };

describe('test vector (inventory.md)', () => {
  it('classifies: ADI 3.0, CV² 0.2667, intermittent → SBA', () => {
    const c = classifyDemand(y);
    expect(c.adi).toBeCloseTo(3.0, 10);
    expect(c.cv2).toBeCloseTo(0.2667, 4);
    expect(c.nonZero).toBe(4);
    expect(c.category).toBe('intermittent');
    expect(c.method).toBe('sba');
  });

  it.each([
    ['croston', 0.940378],
    ['sba', 0.893359],
    ['sbj', 0.890884],
    ['tsb', 0.715944],
  ] as const)('%s forecasts %f per period with α = β = 0.1', (method, expected) => {
    const f = forecastDemand(y, { method, ...fixed })!;
    expect(f.perPeriod).toBeCloseTo(expected, 6);
    expect(f.tuning).toBe('fixed');
  });

  it('ADIDA with k = round(ADI) = 3: SES on the buckets [3, 2, 1, 4] divided by 3', () => {
    expect(aggregate(y, 3)).toEqual([3, 2, 1, 4]);
    // 3 → 2.9 → 2.71 → 2.839, by hand
    const f = forecastDemand(y, { method: 'adida', alpha: 0.1 })!;
    expect(f.aggregation).toBe(3);
    expect(f.perPeriod).toBeCloseTo(2.839 / 3, 10);
    // Per-period variance: the per-period forecasts 3/3, 2.9/3, 2.71/3 against the periods of the
    // next bucket, from period ⌈0.3·12⌉ = 4 (0-based) on.
    const errors = [
      2 - 1,
      0 - 1,
      0 - 2.9 / 3,
      1 - 2.9 / 3,
      0 - 2.9 / 3,
      0 - 2.71 / 3,
      0 - 2.71 / 3,
      4 - 2.71 / 3,
    ];
    expect(f.variance).toBeCloseTo(errors.reduce((a, e) => a + e * e, 0) / errors.length, 12);
  });

  it('IMAPA is the mean over k = 1..K of the per-period SES forecasts on k-period buckets', () => {
    const levels = [1, 2, 3].map((k) => {
      const series = aggregate(y, k);
      return fitSes(series, 0.1, cumulativeRates(series)).forecast / k;
    });
    const f = forecastDemand(y, { method: 'imapa', alpha: 0.1, maxAggregation: 3 })!;
    expect(f.perPeriod).toBeCloseTo((levels[0]! + levels[1]! + levels[2]!) / 3, 12);
  });
});

describe('classification', () => {
  it.each([
    [[1, 2, 1, 2, 1, 2, 1, 2], 'smooth', 'ses'], // no zeros at all
    [[1, 0, 1, 1, 2, 1, 1, 0, 1, 2], 'smooth', 'croston'],
    [[1, 9, 1, 0, 12, 1, 1, 2, 1], 'erratic', 'sba'],
    [[0, 0, 1, 0, 0, 2, 0, 0, 1], 'intermittent', 'sba'],
    [[0, 0, 1, 0, 0, 9, 0, 0, 1], 'lumpy', 'sba'],
    [[0, 0, 0, 0], 'no-demand', null],
    [[0, 0, 5, 0], 'too-little-history', null],
    [[], 'too-little-history', null],
  ] as const)('%j → %s (%s)', (history, category, method) => {
    const c = classifyDemand([...history]);
    expect(c.category).toBe(category);
    expect(c.method).toBe(method);
  });

  it('counts the first interval from the start of the series', () => {
    expect(classifyDemand([0, 0, 0, 0, 1, 1]).adi).toBe(3); // intervals 5 and 1
  });

  it('no model, no forecast, where there are no demands', () => {
    expect(forecastDemand([0, 0, 0])).toBeNull();
    expect(forecastDemand([0, 4, 0])).toBeNull(); // the classification has no method
  });
});

describe('tuning by MAR', () => {
  const rich = [0, 2, 0, 1, 3, 0, 0, 2, 1, 0, 4, 0, 1, 0, 2, 2, 0, 0, 3, 1, 0, 1, 0, 0, 2, 5, 0, 1, 0, 2];

  it('freezes the first ⌈0.3n⌉ cumulative means at r_⌈0.3n⌉', () => {
    const r = cumulativeRates([4, 0, 0, 2, 0, 0, 0, 0, 0, 2]);
    expect([...r.slice(0, 3)]).toEqual([4 / 3, 4 / 3, 4 / 3]);
    expect(r[3]).toBeCloseTo(6 / 4, 12);
    expect(r[9]).toBeCloseTo(8 / 10, 12);
  });

  it('uses α = 0.1 with fewer than 10 non-zero demands', () => {
    const f = forecastDemand(y, { method: 'sba' })!;
    expect(f.tuning).toBe('default-few-demands');
    expect([f.alpha, f.beta]).toEqual([0.1, 0.1]);
  });

  it('Croston family: no grid pair has a lower MAR than the chosen one', () => {
    const f = forecastDemand(rich, { method: 'sba' })!;
    expect(f.tuning).toBe('mar');
    const rates = cumulativeRates(rich);
    const chosen = fitCroston(rich, f.alpha, f.beta!, 'sba', rates).mar;
    for (const a of ALPHA_GRID)
      for (const b of ALPHA_GRID)
        expect(fitCroston(rich, a, b, 'sba', rates).mar).toBeGreaterThanOrEqual(chosen);
  });

  it('TSB: β ≤ α and minimal MAR among the allowed pairs; SES minimal over the grid', () => {
    const rates = cumulativeRates(rich);
    const tsb = forecastDemand(rich, { method: 'tsb' })!;
    expect(tsb.beta!).toBeLessThanOrEqual(tsb.alpha);
    const chosen = fitTsb(rich, tsb.alpha, tsb.beta!, rates).mar;
    for (const a of ALPHA_GRID)
      for (const b of ALPHA_GRID)
        if (b <= a) expect(fitTsb(rich, a, b, rates).mar).toBeGreaterThanOrEqual(chosen);
    const ses = forecastDemand(rich, { method: 'ses' })!;
    for (const a of ALPHA_GRID)
      expect(fitSes(rich, a, rates).mar).toBeGreaterThanOrEqual(fitSes(rich, ses.alpha, rates).mar);
  });

  it('TSB decays through a run of zeros; Croston does not move', () => {
    const tail = [...rich, 0, 0, 0, 0, 0, 0];
    expect(forecastDemand(tail, { method: 'tsb', ...fixed })!.perPeriod).toBeLessThan(
      forecastDemand(rich, { method: 'tsb', ...fixed })!.perPeriod,
    );
    expect(forecastDemand(tail, { method: 'croston', ...fixed })!.perPeriod).toBeCloseTo(
      forecastDemand(rich, { method: 'croston', ...fixed })!.perPeriod,
      12,
    );
  });

  it('every method: constants in [0.05, 0.3], a forecast between 0 and the largest demand', () => {
    const history = fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 20 })), {
      minLength: 4,
      maxLength: 60,
    });
    const method = fc.constantFrom('ses', 'croston', 'sba', 'sbj', 'tsb', 'adida', 'imapa' as const);
    fc.assert(
      fc.property(history, method, (h, m) => {
        const f = forecastDemand(h, { method: m });
        if (h.every((v) => v === 0)) return f === null;
        expect(f).not.toBeNull();
        expect(f!.alpha).toBeGreaterThanOrEqual(0.05 - 1e-12);
        expect(f!.alpha).toBeLessThanOrEqual(0.3 + 1e-12);
        expect(f!.perPeriod).toBeGreaterThanOrEqual(0);
        expect(f!.perPeriod).toBeLessThanOrEqual(Math.max(...h) + 1e-9);
        expect(f!.variance).toBeGreaterThanOrEqual(0);
        expect(f!.occurrenceProbability).toBeGreaterThanOrEqual(0);
        expect(f!.occurrenceProbability).toBeLessThanOrEqual(1);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
