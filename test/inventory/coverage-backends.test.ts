import { describe, expect, it } from 'vitest';
import { generateCoverageNetwork } from '../../scripts/bench/lib/coverage-network.ts';
import { positionSpareUnits } from '../../solver/inventory/coverage/index.ts';

/**
 * HiGHS and javascript-lp-solver solve the same neutral model (solver/exact/model.ts). On small
 * networks both must reach the same optimum with no gap allowed; only HiGHS's optimum counts as a
 * proof (javascript-lp-solver reports no bound, and was wrong on the dispatch MIP).
 */
describe('coverage MIP: HiGHS and javascript-lp-solver agree on small networks', () => {
  for (const seed of [1, 2, 3, 4, 6]) {
    it(`seed ${seed}: same total cost`, () => {
      const input = generateCoverageNetwork({ locations: 5, sites: 8, models: 2 }, seed);
      const [highs, jslp] = (['highs', 'jslp'] as const).map((backend) =>
        positionSpareUnits({ ...input, backend, mipRelativeGap: 0, timeLimitMs: 20_000 }),
      );
      expect(highs!.solver.status).toBe('optimal');
      expect(highs!.solver.provenOptimal).toBe(true);
      expect(jslp!.solver.status).toBe('optimal');
      expect(jslp!.solver.provenOptimal).toBe(false);
      expect(jslp!.cost.total).toBeCloseTo(highs!.cost.total, 6);
      expect(jslp!.uncovered.length).toBe(highs!.uncovered.length);
    });
  }
});
