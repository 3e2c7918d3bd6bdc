import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../solver/random.ts';
import {
  baseStockForFillRate,
  economicOrderQuantity,
  expectedShortage,
  levelForHorizonFillRate,
  orderUpToFillRate,
  orderUpToForFillRate,
  poisson,
  reorderPointForFillRate,
  roundOrderQuantity,
  traditionalFillRate,
} from '../../solver/inventory/index.ts';

const e = Math.exp;

describe('loss function and (R,S) fill rate, Poisson closed forms', () => {
  it('G(x) for Poisson(2) by hand: G(0) = 2, G(1) = 1 + e^{-2}, G(2) = 4e^{-2}', () => {
    const d = poisson(2);
    expect(expectedShortage(d, 0)).toBeCloseTo(2, 12);
    expect(expectedShortage(d, 1)).toBeCloseTo(1 + e(-2), 12);
    expect(expectedShortage(d, 2)).toBeCloseTo(4 * e(-2), 12);
  });

  it('λ = 1, L = R = 1, S = 2: exact 1 − (4e^{-2} − (3e^{-1} − 1)) = 0.562297; traditional 0.458659 counts G_L(S) twice', () => {
    const dLR = poisson(2);
    const dL = poisson(1);
    expect(orderUpToFillRate(dLR, dL, 2)).toBeCloseTo(1 - (4 * e(-2) - (3 * e(-1) - 1)), 12);
    expect(orderUpToFillRate(dLR, dL, 2)).toBeCloseTo(0.562297, 6);
    expect(traditionalFillRate(dLR, dL, 2)).toBeCloseTo(0.458659, 6);
    // The difference is exactly the backorders still open when the cycle starts, G_L(S)/E[D(R)].
    expect(orderUpToFillRate(dLR, dL, 2) - traditionalFillRate(dLR, dL, 2)).toBeCloseTo(
      expectedShortage(dL, 2),
      12,
    );
  });

  it('equals the shortage of the cycle summed directly over (D_L, D_R): E[min(D_R, (D_L + D_R − S)⁺)]', () => {
    const dL = poisson(1.3);
    const dR = poisson(0.7);
    const dLR = poisson(2.0);
    for (const S of [0, 1, 2, 3, 5]) {
      let shortage = 0;
      for (let a = 0; a < dL.pmf.length; a++) {
        for (let b = 0; b < dR.pmf.length; b++)
          shortage += dL.pmf[a]! * dR.pmf[b]! * Math.min(b, Math.max(0, a + b - S));
      }
      expect(orderUpToFillRate(dLR, dL, S)).toBeCloseTo(1 - shortage / 0.7, 10);
    }
  });

  const cases = fc.record({
    rate: fc.double({ min: 0.02, max: 8, noNaN: true }),
    lead: fc.double({ min: 0, max: 4, noNaN: true }),
    review: fc.double({ min: 0.05, max: 3, noNaN: true }),
    target: fc.double({ min: 0.5, max: 0.995, noNaN: true }),
  });

  it('property: fill rate is non-decreasing in S and starts at 0', () => {
    fc.assert(
      fc.property(cases, ({ rate, lead, review }) => {
        const dL = poisson(rate * lead);
        const dLR = poisson(rate * (lead + review));
        expect(orderUpToFillRate(dLR, dL, 0)).toBeCloseTo(0, 9);
        let previous = 0;
        for (let S = 0; S < dLR.pmf.length + 2; S++) {
          const beta = orderUpToFillRate(dLR, dL, S);
          expect(beta).toBeGreaterThanOrEqual(previous - 1e-9); // rounding only
          previous = beta;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('property: the chosen S is the smallest meeting the target', () => {
    fc.assert(
      fc.property(cases, ({ rate, lead, review, target }) => {
        const dL = poisson(rate * lead);
        const dLR = poisson(rate * (lead + review));
        const { level, fillRate, reachable } = orderUpToForFillRate(dLR, dL, target);
        expect(reachable).toBe(true);
        expect(fillRate).toBeCloseTo(orderUpToFillRate(dLR, dL, level), 9);
        expect(orderUpToFillRate(dLR, dL, level)).toBeGreaterThanOrEqual(target);
        if (level > 0) expect(orderUpToFillRate(dLR, dL, level - 1)).toBeLessThan(target);
      }),
      { numRuns: 200 },
    );
  });
});

describe('(s,Q)', () => {
  it('β ≈ 1 − [G(s) − G(s+Q)]/Q; the chosen s is the smallest meeting the target', () => {
    const d = poisson(3);
    const result = reorderPointForFillRate(d, 5, 0.95);
    const beta = (s: number) => 1 - (expectedShortage(d, s) - expectedShortage(d, s + 5)) / 5;
    expect(result.fillRate).toBeCloseTo(beta(result.level), 12);
    expect(beta(result.level)).toBeGreaterThanOrEqual(0.95);
    expect(beta(result.level - 1)).toBeLessThan(0.95);
  });
});

describe('base stock (S−1,S)', () => {
  it("Palm: the pipeline is Poisson(λ·E[L]); the discrete lead times' superposition gives the same pmf", () => {
    // Orders with lead time l outstanding at a given moment: Poisson(λ·P(L = l)·l), independent.
    const lambda = 0.4;
    const leads = [
      [1, 0.5],
      [3, 0.3],
      [6, 0.2],
    ] as const;
    let pmf = [1];
    for (const [l, p] of leads) {
      const part = poisson(lambda * p * l).pmf;
      const next = new Array<number>(pmf.length + part.length - 1).fill(0);
      pmf.forEach((a, i) => part.forEach((b, j) => (next[i + j]! += a * b)));
      pmf = next;
    }
    const meanLead = leads.reduce((s, [l, p]) => s + l * p, 0);
    const { pipeline } = baseStockForFillRate(lambda, meanLead, 0.9);
    for (let k = 0; k < 10; k++) expect(pipeline.pmf[k]).toBeCloseTo(pmf[k]!, 12);
  });

  it('fill rate P(X ≤ S − 1) and backorders G(S) agree with a seeded simulation of one-for-one replenishment', () => {
    const lambda = 2; // per period
    const leadTimes = [0.5, 1, 2.5];
    const meanLead = (0.5 + 1 + 2.5) / 3;
    const result = baseStockForFillRate(lambda, meanLead, 0.95);
    const X = poisson(lambda * meanLead);
    let cdf = 0;
    for (let k = 0; k < result.level; k++) cdf += X.pmf[k]!;
    expect(result.fillRate).toBeCloseTo(cdf, 12);
    expect(result.fillRate).toBeGreaterThanOrEqual(0.95);
    expect(result.fillRate - X.pmf[result.level - 1]!).toBeLessThan(0.95);
    expect(result.expectedBackorders).toBeCloseTo(expectedShortage(X, result.level), 12);

    // Poisson demand, lead times drawn uniformly from `leadTimes`: a demand is filled when fewer than S
    // units are on order at its arrival.
    const random = createRandom(7);
    const due: number[] = [];
    let now = 0;
    let filled = 0;
    const demands = 100_000;
    for (let i = 0; i < demands; i++) {
      now += -Math.log(1 - random.next()) / lambda;
      for (let j = due.length - 1; j >= 0; j--) if (due[j]! <= now) due.splice(j, 1);
      if (due.length < result.level) filled++;
      due.push(now + random.pick(leadTimes));
    }
    expect(Math.abs(filled / demands - result.fillRate)).toBeLessThan(0.01);
  });
});

describe('EOQ and rounding', () => {
  it('Q* = √(2AD/h)', () => {
    expect(economicOrderQuantity(1200, 50, 3)).toBeCloseTo(200, 12);
    expect(economicOrderQuantity(0, 50, 3)).toBe(0);
  });

  it.each([
    [61.2, 10, 0, 70],
    [3, 10, 25, 30],
    [7, 1, 12, 12],
    [12, 5, 12, 15],
    [20, 5, 0, 20],
    [0, 5, 10, 0],
  ])('round(%f, pack %i, MOQ %i) = %i', (q, pack, moq, expected) => {
    expect(roundOrderQuantity(q, pack, moq)).toBe(expected);
  });

  it('property: a rounded quantity is a multiple of the pack, at least the MOQ and the quantity, and less than one pack above', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1e4, noNaN: true }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 200 }),
        (q, pack, moq) => {
          const r = roundOrderQuantity(q, pack, moq);
          expect(r % pack).toBe(0);
          expect(r).toBeGreaterThanOrEqual(Math.max(moq, q) - 1e-9);
          expect(r - Math.max(moq, Math.ceil(q))).toBeLessThan(pack);
        },
      ),
    );
  });
});

describe('last-time buy', () => {
  it('the smallest level covering the horizon at 1 − G_H(Q)/E[D_H] ≥ target', () => {
    const d = poisson(10);
    const { level } = levelForHorizonFillRate(d, 0.95);
    expect(1 - expectedShortage(d, level) / 10).toBeGreaterThanOrEqual(0.95);
    expect(1 - expectedShortage(d, level - 1) / 10).toBeLessThan(0.95);
  });
});
