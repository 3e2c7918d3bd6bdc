import { describe, expect, it } from 'vitest';
import { pool, simulateOrderUpTo } from '../../scripts/bench/lib/inventory-simulation.ts';
import { orderUpToFillRate, poisson, traditionalFillRate } from '../../solver/inventory/index.ts';
import { createRandom } from '../../solver/random.ts';

describe('holdout simulation (order-up-to, backorders)', () => {
  it('hand case: S = 2, L = 1, demand [3, 0, 1]', () => {
    // t0: 2 on hand, serve 2 of 3, net −1. t1: order 3 (due t2), no demand. t2: receive 3 → 2, serve 1 → 1.
    expect(simulateOrderUpTo([3, 0, 1], 2, 1)).toEqual({
      demanded: 4,
      servedFromStock: 3,
      stockPeriods: 1,
      periods: 3,
    });
    expect(pool([simulateOrderUpTo([3, 0, 1], 2, 1)]).fillRate).toBeCloseTo(0.75, 12);
  });

  it('long Poisson run reproduces the exact (R,S) fill rate (and not the traditional one)', () => {
    const lambda = 0.8;
    const dL = poisson(lambda);
    const dLR = poisson(2 * lambda);
    const one = poisson(lambda).pmf;
    const random = createRandom(11);
    const draw = () => {
      let u = random.next();
      let k = 0;
      while (k < one.length - 1 && u >= one[k]!) u -= one[k++]!;
      return k;
    };
    const demand = Array.from({ length: 200_000 }, draw);
    for (const S of [1, 2, 3]) {
      const { fillRate } = pool([simulateOrderUpTo(demand, S, 1)]);
      expect(Math.abs(fillRate - orderUpToFillRate(dLR, dL, S))).toBeLessThan(0.006);
      if (S <= 2) expect(Math.abs(fillRate - traditionalFillRate(dLR, dL, S))).toBeGreaterThan(0.03);
    }
  });
});
