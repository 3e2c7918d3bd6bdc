/**
 * Determinism of the optimized dispatcher's incremental structures (regions, waiting lists by
 * region, the re-plan window, the ISO-time cache) and of the nearest-free waiting list: the same
 * seed gives deep-equal results whatever ran before in the same process, and the service's
 * runner answers the same KPIs on one worker thread as on two.
 */
import { describe, expect, it } from 'vitest';
import { whatIfNetwork } from '../../scripts/bench/lib/whatif-network.ts';
import { createSimulationRunner } from '../../src/scenarios/simulation-runner.ts';
import { simulate, type SimulationInput } from '../../solver/simulate/index.ts';

/** Four cities (four regions), more demand than the engineers can do: a backlog and windows. */
const busy = (policy: 'optimized' | 'nearest-free'): SimulationInput =>
  whatIfNetwork({
    seed: 4,
    engineers: 8,
    sites: 40,
    stockLocations: 6,
    ticketsPerDay: 40,
    days: 3,
    policy,
  });

describe('simulate: determinism under a backlog', () => {
  for (const policy of ['optimized', 'nearest-free'] as const) {
    it(`${policy}: the same seed gives deep-equal results, whatever ran before`, () => {
      const input = busy(policy);
      const first = simulate(input, { seed: 7, replication: 0 });
      // Other runs in between (another replication, another policy) must leave nothing behind.
      simulate(input, { seed: 7, replication: 1 });
      simulate(busy(policy === 'optimized' ? 'nearest-free' : 'optimized'), { seed: 7, replication: 0 });
      const again = simulate(structuredClone(input), { seed: 7, replication: 0 });
      expect(again).toEqual(first);
      // A backlog: some tickets waited past their clock, and (optimized) every region re-planned.
      expect(first.kpis.promises.overall.missed).toBeGreaterThan(0);
      if (policy === 'optimized') expect(first.solverCalls.replan).toBeGreaterThanOrEqual(4);
    });
  }

  it('the runner gives the same KPIs on 1 worker thread as on 2, in task order', async () => {
    const tasks = [0, 1, 2].flatMap((replication) => [
      { input: busy('optimized'), seed: 3, replication },
      { input: busy('nearest-free'), seed: 3, replication },
    ]);
    const one = await createSimulationRunner({ size: 1 }).runAll(tasks, {});
    const two = await createSimulationRunner({ size: 2 }).runAll(tasks, {});
    expect(two).toEqual(one);
    const inProcess = simulate(tasks[0]!.input, { seed: 3, replication: 0 });
    expect(one[0]!.kpis).toEqual(inProcess.kpis);
  }, 120_000);
});
