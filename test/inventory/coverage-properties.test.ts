import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCoverageNetwork } from '../../scripts/bench/lib/coverage-network.ts';
import { positionSpareUnits, type CoverageInputRaw } from '../../solver/inventory/coverage/index.ts';

/**
 * On random networks (with capacities, budgets, remote sites): each promise the result makes is
 * checked against the input, not against the solver's own bookkeeping.
 */
describe('coverage positioning properties', () => {
  it('respects the promise, capacities and budget, and accounts for every site and unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 3, max: 6 }),
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 1, max: 2 }),
        fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: undefined }),
        (seed, locations, sites, models, purchaseBudget) => {
          const generated = generateCoverageNetwork({ locations, sites, models }, seed, {
            capacities: true,
            remoteShare: 0.15,
          });
          const input: CoverageInputRaw = {
            ...generated,
            ...(purchaseBudget !== undefined ? { purchaseBudget } : {}),
          };
          const result = positionSpareUnits(input);
          const location = new Map(input.locations.map((l) => [l.id, l]));
          const leg = new Map(input.travel.map((t) => [`${t.locationId}|${t.siteId}`, t.minutes]));

          // Every coverage assignment is within the site's promise (travel + handling).
          for (const c of result.coverage) {
            const minutes = leg.get(`${c.locationId}|${c.siteId}`);
            expect(minutes).toBeDefined();
            const total = minutes! + location.get(c.locationId)!.handlingMinutes;
            expect(total).toBeLessThanOrEqual(240);
            expect(c.minutes).toBe(total);
          }
          // Every (site, model) with demand is covered once or listed as uncovered, never both.
          const demanded = input.sites.flatMap((s) => s.demands.map((d) => `${s.id}|${d.modelId}`));
          const answered = [
            ...result.coverage.map((c) => `${c.siteId}|${c.modelId}`),
            ...result.uncovered.map((u) => `${u.siteId}|${u.modelId}`),
          ];
          expect([...answered].sort()).toEqual([...new Set(demanded)].sort());
          // An out-of-range site has no location within its promise; the others do.
          for (const u of result.uncovered) {
            const inRange = input.travel.some(
              (t) => t.siteId === u.siteId && t.minutes + location.get(t.locationId)!.handlingMinutes <= 240,
            );
            expect(inRange).toBe(u.reason !== 'out-of-range');
          }
          // Capacity after the moves (units already there beyond it may stay, never more).
          for (const l of input.locations) {
            if (l.capacity === undefined) continue;
            const held = result.placement
              .filter((p) => p.locationId === l.id)
              .reduce((sum, p) => sum + p.units, 0);
            const now = Object.values(l.stock ?? {}).reduce((sum, units) => sum + units, 0);
            expect(held).toBeLessThanOrEqual(Math.max(l.capacity, now));
          }
          // Purchases within the budget.
          if (purchaseBudget !== undefined)
            expect(result.cost.purchase).toBeLessThanOrEqual(purchaseBudget + 1e-6);
          // Moves reconcile current stock with the placement, unit for unit.
          for (const p of result.placement) {
            const inbound = result.transfers.filter((t) => t.to === p.locationId && t.modelId === p.modelId);
            const outbound = result.transfers.filter(
              (t) => t.from === p.locationId && t.modelId === p.modelId,
            );
            const bought = result.purchases.filter(
              (b) => b.locationId === p.locationId && b.modelId === p.modelId,
            );
            const sum = (items: readonly { units: number }[]) => items.reduce((s, i) => s + i.units, 0);
            expect(p.currentUnits + sum(inbound) - sum(outbound) + sum(bought)).toBe(p.units);
            // A location never both sends and receives the same model.
            expect(inbound.length === 0 || outbound.length === 0).toBe(true);
          }
          // Each location serving demand does so at the target fill rate.
          for (const p of result.placement)
            if (p.coveredRatePerYear > 0)
              expect(p.predictedFillRate).toBeGreaterThanOrEqual(input.targetFillRate);
        },
      ),
      { numRuns: 12, seed: 20261128 },
    );
  });
});
