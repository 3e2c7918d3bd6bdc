import { describe, expect, it } from 'vitest';
import { planReplenishment } from '../../solver/inventory/index.ts';
import type { ReplenishmentInput } from '../../solver/inventory/types.ts';
import { planEach, planInWorkers } from '../../src/reorder/plan-workers.ts';

const input = (history: number[], policyClass: ReplenishmentInput['policyClass']): ReplenishmentInput => ({
  history,
  periodDays: 30.4,
  leadTime: { mean: 1, sd: 0.2 },
  reviewPeriods: 1 / 30.4,
  targetFillRate: 0.95,
  unitCost: 100,
  holdingRate: 0.25,
  orderCost: 50,
  packSize: 5,
  minOrderQty: 10,
  policyClass,
});

describe('planning on worker threads', () => {
  it('answers exactly what planning in this thread answers, in input order, failures included', async () => {
    const inputs = [
      input([2, 3, 1, 2, 2, 3, 2, 1, 2, 3, 2, 2], 'part'),
      input([0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1], 'spare-unit'),
      input([0, 5, 0, 1, 0, 0, 3, 0, 0, 8, 0, 1], 'consumable'),
      { ...input([1, 2, 1], 'part'), targetFillRate: 1.5 }, // refused by the planner
      input([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 'part'),
    ];
    const here = planEach(inputs, planReplenishment);
    expect(here.map((o) => o.ok)).toEqual([true, true, true, false, true]);
    const threaded = await planInWorkers(inputs, 2);
    expect(threaded).toEqual(here);
    // In chunks smaller than the input (two workers taking turns): still every outcome, in order.
    expect(await planInWorkers(inputs, 2, 2)).toEqual(here);
    expect(await planInWorkers([], 2)).toEqual([]);
  }, 60_000);
});
