import { describe, expect, it } from 'vitest';
import {
  poissonFillRate,
  positionSpareUnits,
  simulateCoverage,
  type CoverageInputRaw,
} from '../../solver/inventory/coverage/index.ts';

const TARGET = 0.9;

/**
 * A central depot that reaches the four sites around it within 4 h, and four forward locations
 * that each reach two or three of the eight outer sites (which the central depot cannot reach).
 * All 40 units start at the central depot.
 */
function network(): CoverageInputRaw {
  const forward = ['F1', 'F2', 'F3', 'F4'];
  const outer = Array.from({ length: 8 }, (_, k) => `O${k + 1}`);
  const inner = Array.from({ length: 4 }, (_, k) => `I${k + 1}`);
  const rates = [2, 3, 4, 6];
  return {
    models: [{ id: 'M', unitCost: 8000, holdingCostPerYear: 1600 }],
    locations: [
      { id: 'CENTRAL', kind: 'central', handlingMinutes: 60, stock: { M: 40 } },
      ...forward.map((id) => ({ id, kind: 'forward', handlingMinutes: 20, stock: {} })),
    ],
    sites: [...outer, ...inner].map((id, k) => ({
      id,
      demands: [{ modelId: 'M', ratePerYear: rates[k % rates.length]! }],
    })),
    travel: [
      ...inner.map((siteId, k) => ({ locationId: 'CENTRAL', siteId, minutes: 60 + 20 * k })),
      ...outer.map((siteId) => ({ locationId: 'CENTRAL', siteId, minutes: 420 })),
      // Outer site k is near forward location ⌊k/2⌋ and, for odd k, also within reach of the next one.
      ...outer.flatMap((siteId, k) => [
        { locationId: forward[Math.floor(k / 2)]!, siteId, minutes: 45 + 10 * k },
        ...(k % 2 === 1 ? [{ locationId: forward[(Math.floor(k / 2) + 1) % 4]!, siteId, minutes: 200 }] : []),
      ]),
    ],
    replenishmentDays: 21,
    targetFillRate: TARGET,
    transferCost: { perUnit: 120 },
  };
}

/*
 * Sample size: 400 simulated years give each site 800–2,400 counted demands. A site's fill-rate
 * estimate then has a binomial standard error of at most √(0.9·0.1/800) ≈ 0.011; demands within
 * one replenishment time (21 days) share the same shelf, which widens that by a small factor (at
 * the rates here fewer than 0.4 other demands fall in that window). 0.04 per site is about 3.5
 * standard errors; for all sites together (about 19,000 demands) 0.015 is more than 3.5.
 */
const HORIZON_YEARS = 400;
const PER_SITE_TOLERANCE = 0.04;
const OVERALL_TOLERANCE = 0.015;

describe('coverage placement checked by simulation', () => {
  it('reaches the target fill rate at every site; all stock at the central depot does not', () => {
    const input = network();
    const result = positionSpareUnits(input);
    expect(result.uncovered).toEqual([]);
    const simulated = simulateCoverage(input, result.placement, { horizonYears: HORIZON_YEARS, seed: 11 });
    for (const site of simulated.sites) {
      expect(site.demands).toBeGreaterThan(700);
      expect(site.fillRate, site.siteId).toBeGreaterThanOrEqual(TARGET - PER_SITE_TOLERANCE);
    }
    expect(simulated.overall.fillRate).toBeGreaterThanOrEqual(TARGET - OVERALL_TOLERANCE);

    // Served from the assigned location first (the policy the MIP sizes for): every site again.
    const assignedFirst = simulateCoverage(input, result.placement, {
      horizonYears: HORIZON_YEARS,
      seed: 11,
      assignments: result.coverage,
    });
    for (const site of assignedFirst.sites)
      expect(site.fillRate, site.siteId).toBeGreaterThanOrEqual(TARGET - PER_SITE_TOLERANCE);

    // The same number of units, all left at the central depot: only the four inner sites are served.
    const units = result.placement.reduce((sum, p) => sum + p.units, 0);
    const naive = simulateCoverage(input, [{ locationId: 'CENTRAL', modelId: 'M', units }], {
      horizonYears: HORIZON_YEARS,
      seed: 11,
    });
    expect(naive.overall.fillRate).toBeLessThan(0.5);
    for (const site of naive.sites.filter((s) => s.siteId.startsWith('O'))) expect(site.fillRate).toBe(0);
  });

  it('one location with s units fills P(Poisson(λT) ≤ s − 1) of its demands', () => {
    for (const [units, rate] of [
      [1, 3],
      [2, 10],
      [4, 20],
    ] as const) {
      const input: CoverageInputRaw = {
        models: [{ id: 'M', unitCost: 1, holdingCostPerYear: 1 }],
        locations: [{ id: 'A', kind: 'depot', handlingMinutes: 0, stock: {} }],
        sites: [{ id: 's', demands: [{ modelId: 'M', ratePerYear: rate }] }],
        travel: [{ locationId: 'A', siteId: 's', minutes: 10 }],
        replenishmentDays: 30,
        targetFillRate: 0.9,
        transferCost: { perUnit: 0 },
      };
      const simulated = simulateCoverage(input, [{ locationId: 'A', modelId: 'M', units }], {
        horizonYears: 1500,
        seed: 3,
      });
      // ≥ 4,500 demands: binomial SE ≤ 0.0075, widened by the shelf shared within 30 days.
      expect(Math.abs(simulated.overall.fillRate - poissonFillRate(units, rate, 30))).toBeLessThan(0.03);
    }
  });

  it('is reproducible from its seed', () => {
    const input = network();
    const placement = [{ locationId: 'F1', modelId: 'M', units: 3 }];
    const a = simulateCoverage(input, placement, { horizonYears: 20, seed: 5 });
    const b = simulateCoverage(input, placement, { horizonYears: 20, seed: 5 });
    expect(a).toEqual(b);
  });
});
