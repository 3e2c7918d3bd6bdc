import { describe, expect, it } from 'vitest';
import { planReplenishment } from '../../solver/inventory/index.ts';
import type { ReplenishmentInput } from '../../solver/inventory/types.ts';
import {
  packHistories,
  packInputs,
  planEach,
  planInWorkers,
  unpackInput,
} from '../../src/reorder/plan-workers.ts';

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
    const threaded = await planInWorkers(packInputs(inputs), 2);
    expect(threaded).toEqual(here);
    // In chunks smaller than the input (two workers claiming in turn): still every outcome, in order.
    expect(await planInWorkers(packInputs(inputs), 2, 2)).toEqual(here);
    expect(await planInWorkers(packInputs(inputs), 3, 1)).toEqual(here);
    expect(await planInWorkers(packInputs([]), 2)).toEqual([]);
  }, 60_000);

  it('keeps planning while the main thread is busy: workers claim chunks themselves', async () => {
    const inputs = Array.from({ length: 40 }, (_, i) =>
      input([i % 3, 0, 1, 2, 0, i % 5, 1, 0, 3, 0, 1, i % 2], 'part'),
    );
    const planning = planInWorkers(packInputs(inputs), 2, 1);
    // Block this thread well past worker start-up: the chunks are all claimed meanwhile, and
    // their outcomes wait in the message queue rather than the workers waiting for this thread.
    const until = Date.now() + 8000;
    while (Date.now() < until) {
      /* busy, as the coverage MIP is */
    }
    expect(await planning).toEqual(planEach(inputs, planReplenishment));
  }, 60_000);

  it('packs histories of any length and templates shared by pairs, and unpacks them as given', () => {
    const { history: _h, ...template } = input([], 'part');
    const histories = [[1, 2, 3], [], [0, 0, 7, 1.5]];
    const packed = packHistories(
      3,
      (i) => histories[i]!,
      (i) => (i === 1 ? 1 : 0),
      [template, { ...template, policyClass: 'spare-unit' }],
    );
    expect(packed.count).toBe(3);
    expect([0, 1, 2].map((i) => unpackInput(packed, i))).toEqual([
      { ...template, history: [1, 2, 3] },
      { ...template, policyClass: 'spare-unit', history: [] },
      { ...template, history: [0, 0, 7, 1.5] },
    ]);
    expect(packInputs([]).count).toBe(0);
  });
});
