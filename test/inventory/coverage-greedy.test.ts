import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCoverageNetwork } from '../../scripts/bench/lib/coverage-network.ts';
import { greedyPlacement } from '../../solver/inventory/coverage/greedy.ts';
import { buildNetworks, effectiveCapacity } from '../../solver/inventory/coverage/network.ts';
import { levelTable, poissonFillRate } from '../../solver/inventory/coverage/poisson.ts';
import { parseCoverageInput } from '../../solver/inventory/coverage/validate.ts';
import { positionSpareUnits, type CoverageInputRaw } from '../../solver/inventory/coverage/index.ts';

/**
 * The greedy placement stands in for the MIP when the time limit does not reach a model: every
 * site it reports as served must really be served at the target fill rate within the promise,
 * within capacity and budget, and a model placed this way must say so.
 */
describe('greedy coverage placement', () => {
  it('serves every site it assigns at the target fill rate, within capacity and budget, losing no unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 3, max: 8 }),
        fc.integer({ min: 2, max: 20 }),
        fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: undefined }),
        (seed, locations, sites, purchaseBudget) => {
          const input = parseCoverageInput({
            ...generateCoverageNetwork({ locations, sites, models: 1 }, seed, {
              capacities: true,
              remoteShare: 0.15,
            }),
            ...(purchaseBudget !== undefined ? { purchaseBudget } : {}),
          });
          const [network] = buildNetworks(input);
          const table = levelTable(1e4, input.replenishmentDays, input.targetFillRate, 100_000);
          const greedy = greedyPlacement(input, network!, table);

          // Each coverable site is either served once or left, never both or neither.
          const coverable = network!.groups.flatMap((g) => g.siteIds);
          const served = greedy.assignments.map((a) => a.siteId);
          const left = greedy.left.map((s) => s.siteId);
          expect([...served, ...left].sort()).toEqual([...coverable].sort());

          const rate = new Map<number, number>();
          for (const a of greedy.assignments) {
            // Served from a location in range of this site.
            const group = network!.groups.find((g) => g.siteIds.includes(a.siteId))!;
            const k = group.reach.findIndex((r) => r.location === a.location);
            expect(k).toBeGreaterThanOrEqual(0);
            expect(a.minutes).toBe(group.minutesBySite.get(a.siteId)![k]);
            rate.set(a.location, (rate.get(a.location) ?? 0) + a.rate);
          }
          // The units held serve the whole rate assigned to a location at the target fill rate.
          for (const [l, r] of rate)
            expect(poissonFillRate(greedy.target[l]!, r, input.replenishmentDays)).toBeGreaterThanOrEqual(
              input.targetFillRate - 1e-9,
            );
          // Nothing moved in or bought beyond capacity; units are moved, never lost.
          greedy.target.forEach((units, l) => {
            if (units > network!.stock[l]!) expect(units).toBeLessThanOrEqual(effectiveCapacity(input, l));
          });
          const bought = greedy.target.reduce((a, b) => a + b, 0) - network!.stock.reduce((a, b) => a + b, 0);
          expect(bought).toBeGreaterThanOrEqual(0);
          if (input.purchaseBudget !== undefined)
            expect(bought * network!.model.unitCost).toBeLessThanOrEqual(input.purchaseBudget + 1e-6);
          expect(greedy.objective).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a model the time limit does not reach keeps a greedy placement and says so, covering every site', () => {
    const input: CoverageInputRaw = generateCoverageNetwork({ locations: 8, sites: 40, models: 3 }, 7);
    // A clock where every reading is a second later: the MIP budget is gone at the first model.
    let t = 0;
    const result = positionSpareUnits({ ...input, timeLimitMs: 500 }, { now: () => (t += 1000) });
    expect(result.solver.subproblems).toBe(0);
    expect(result.models.length).toBeGreaterThan(0);
    for (const model of result.models) {
      expect(model.method).toBe('greedy');
      if (!model.proven) {
        expect(model.status).toBe('heuristic');
        expect(model.note).toMatch(/heuristic, no proof: the time limit was spent/);
        expect(model.bound).toBe(0);
        expect(model.gap).toBe(1);
      } else expect(model.objective).toBe(0);
    }
    expect(result.solver.methods.greedy).toBe(result.models.length);
    expect(result.solver.provenOptimal).toBe(result.models.every((m) => m.proven));
    // No coverable site is dropped for lack of time: all are covered (nothing caps capacity here).
    expect(result.uncovered.every((u) => u.reason === 'out-of-range')).toBe(true);
  });

  it('with time, every model gets its MIP, which costs no more than the greedy placement', () => {
    const raw = generateCoverageNetwork({ locations: 8, sites: 40, models: 3 }, 7);
    const result = positionSpareUnits({ ...raw, mipRelativeGap: 0 });
    const input = parseCoverageInput(raw);
    const table = levelTable(1e4, input.replenishmentDays, input.targetFillRate, 100_000);
    for (const network of buildNetworks(input)) {
      if (network.groups.length === 0) continue;
      const greedy = greedyPlacement(input, network, table);
      const report = result.models.find((m) => m.modelId === network.model.id)!;
      expect(report.objective!).toBeLessThanOrEqual(greedy.objective + 1e-6);
      if (greedy.objective > 0) expect(report.method).toBe('mip');
      expect(report.proven).toBe(true);
      expect(report.gap).toBe(0);
    }
  });

  it('a greedy placement that moves and buys nothing is reported proven optimal', () => {
    const result = positionSpareUnits(
      {
        models: [{ id: 'M', unitCost: 1000, holdingCostPerYear: 200 }],
        locations: [{ id: 'A', kind: 'depot', handlingMinutes: 30, stock: { M: 5 } }],
        sites: [{ id: 'S', demands: [{ modelId: 'M', ratePerYear: 1 }] }],
        travel: [{ locationId: 'A', siteId: 'S', minutes: 60 }],
        replenishmentDays: 10,
        targetFillRate: 0.95,
        transferCost: { perUnit: 50 },
      },
      { now: () => 0 },
    );
    expect(result.models).toEqual([
      expect.objectContaining({ modelId: 'M', method: 'greedy', status: 'optimal', proven: true, gap: 0 }),
    ]);
    expect(result.solver.subproblems).toBe(0);
    expect(result.coverage).toEqual([{ siteId: 'S', modelId: 'M', locationId: 'A', minutes: 90 }]);
  });
});
