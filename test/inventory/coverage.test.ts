import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  lambdaMax,
  planMovements,
  poissonFillRate,
  positionSpareUnits,
  type CoverageInputRaw,
} from '../../solver/inventory/coverage/index.ts';

const model = { id: 'M', unitCost: 1000, holdingCostPerYear: 100 };
const base = {
  models: [model],
  replenishmentDays: 30,
  targetFillRate: 0.9,
  transferCost: { perUnit: 50 },
} satisfies Partial<CoverageInputRaw>;

/** Units one location needs for `rate` per year at f* = 0.9, T = 30 days (independent of the MIP). */
function unitsFor(rate: number): number {
  let s = 0;
  while (poissonFillRate(s, rate, 30) < 0.9) s++;
  return s;
}

describe('positionSpareUnits, hand-made networks', () => {
  it('lists a site with no location within 4 h as uncovered, naming the nearest and its minutes', () => {
    const result = positionSpareUnits({
      ...base,
      locations: [{ id: 'far', kind: 'central', handlingMinutes: 45, stock: { M: 2 } }],
      sites: [{ id: 'remote', demands: [{ modelId: 'M', ratePerYear: 4 }] }],
      travel: [{ locationId: 'far', siteId: 'remote', minutes: 200 }],
    });
    expect(result.coverage).toEqual([]);
    expect(result.uncovered).toEqual([
      expect.objectContaining({
        siteId: 'remote',
        modelId: 'M',
        reason: 'out-of-range',
        nearest: { locationId: 'far', minutes: 245 },
      }),
    ]);
    expect(result.uncovered[0]!.explanation).toBe(
      'no stock location within 240 min (nearest far at 245 min including handling)',
    );
    // Nothing to cover: the stock stays where it is.
    expect(result.transfers).toEqual([]);
    expect(result.purchases).toEqual([]);
    expect(result.placement).toEqual([expect.objectContaining({ locationId: 'far', units: 2, delta: 0 })]);
  });

  it('sizes a location shared by two sites for the sum of their rates', () => {
    const result = positionSpareUnits({
      ...base,
      locations: [{ id: 'A', kind: 'depot', handlingMinutes: 30, stock: { M: 10 } }],
      sites: [
        { id: 's1', demands: [{ modelId: 'M', ratePerYear: 10 }] },
        { id: 's2', demands: [{ modelId: 'M', ratePerYear: 10 }] },
      ],
      travel: [
        { locationId: 'A', siteId: 's1', minutes: 60 },
        { locationId: 'A', siteId: 's2', minutes: 90 },
      ],
    });
    expect(unitsFor(10)).toBe(3);
    expect(unitsFor(20)).toBe(4);
    const a = result.placement.find((p) => p.locationId === 'A')!;
    // The stock that is there stays (moving it out would cost transfers and save nothing).
    expect(a.units).toBeGreaterThanOrEqual(4);
    expect(a.coveredRatePerYear).toBe(20);
    expect(a.predictedFillRate).toBeGreaterThanOrEqual(0.9);
    expect(result.coverage.map((c) => c.siteId).sort()).toEqual(['s1', 's2']);
  });

  it('buys exactly the level both sites need when there is no stock', () => {
    const result = positionSpareUnits({
      ...base,
      locations: [{ id: 'A', kind: 'depot', handlingMinutes: 30, stock: {} }],
      sites: [
        { id: 's1', demands: [{ modelId: 'M', ratePerYear: 10 }] },
        { id: 's2', demands: [{ modelId: 'M', ratePerYear: 10 }] },
      ],
      travel: [
        { locationId: 'A', siteId: 's1', minutes: 60 },
        { locationId: 'A', siteId: 's2', minutes: 90 },
      ],
    });
    expect(result.purchases).toEqual([{ locationId: 'A', modelId: 'M', units: 4, unitCost: 1000 }]);
    expect(result.cost).toEqual({ holdingPerYear: 400, transfer: 0, purchase: 4000, total: 4400 });
    expect(result.solver.provenOptimal).toBe(true);
  });

  it('moves surplus units from another location before buying', () => {
    const result = positionSpareUnits({
      ...base,
      locations: [
        { id: 'forward', kind: 'forward', handlingMinutes: 10, stock: { M: 1 } },
        { id: 'spare-room', kind: 'depot', handlingMinutes: 30, stock: { M: 5 } },
      ],
      sites: [{ id: 's1', demands: [{ modelId: 'M', ratePerYear: 10 }] }],
      travel: [
        { locationId: 'forward', siteId: 's1', minutes: 60 },
        { locationId: 'spare-room', siteId: 's1', minutes: 600 },
      ],
    });
    expect(result.transfers).toEqual([
      { modelId: 'M', from: 'spare-room', to: 'forward', units: 2, costPerUnit: 50 },
    ]);
    expect(result.purchases).toEqual([]);
    expect(result.cost.transfer).toBe(100);
  });

  it('buys instead when moving a unit costs more than a new one', () => {
    const result = positionSpareUnits({
      ...base,
      transferCost: { perUnit: 50, pairs: [{ from: 'spare-room', to: 'forward', costPerUnit: 5000 }] },
      locations: [
        { id: 'forward', kind: 'forward', handlingMinutes: 10, stock: { M: 1 } },
        { id: 'spare-room', kind: 'depot', handlingMinutes: 30, stock: { M: 5 } },
      ],
      sites: [{ id: 's1', demands: [{ modelId: 'M', ratePerYear: 10 }] }],
      travel: [{ locationId: 'forward', siteId: 's1', minutes: 60 }],
    });
    expect(result.transfers).toEqual([]);
    expect(result.purchases).toEqual([{ locationId: 'forward', modelId: 'M', units: 2, unitCost: 1000 }]);
  });

  it('with a budget for fewer units than needed, covers the larger demand and lists the other', () => {
    const result = positionSpareUnits({
      ...base,
      purchaseBudget: 3000,
      locations: [
        { id: 'A', kind: 'depot', handlingMinutes: 0, stock: {} },
        { id: 'B', kind: 'depot', handlingMinutes: 0, stock: {} },
      ],
      sites: [
        { id: 'big', demands: [{ modelId: 'M', ratePerYear: 10 }] },
        { id: 'small', demands: [{ modelId: 'M', ratePerYear: 8 }] },
      ],
      travel: [
        { locationId: 'A', siteId: 'big', minutes: 60 },
        { locationId: 'B', siteId: 'small', minutes: 60 },
      ],
    });
    expect(unitsFor(8)).toBe(3);
    expect(result.purchases).toEqual([{ locationId: 'A', modelId: 'M', units: 3, unitCost: 1000 }]);
    expect(result.coverage).toEqual([{ siteId: 'big', modelId: 'M', locationId: 'A', minutes: 60 }]);
    expect(result.uncovered).toEqual([
      expect.objectContaining({ siteId: 'small', reason: 'insufficient-capacity-or-budget' }),
    ]);
    expect(result.cost.purchase).toBeLessThanOrEqual(3000);
    expect(result.solver.status).toBe('optimal');
  });

  it('with no budget at all and no stock, covers nothing and buys nothing', () => {
    const result = positionSpareUnits({
      ...base,
      purchaseBudget: 0,
      locations: [{ id: 'A', kind: 'depot', handlingMinutes: 0, stock: {} }],
      sites: [{ id: 's', demands: [{ modelId: 'M', ratePerYear: 1 }] }],
      travel: [{ locationId: 'A', siteId: 's', minutes: 60 }],
    });
    expect(result.purchases).toEqual([]);
    expect(result.uncovered.map((u) => u.reason)).toEqual(['insufficient-capacity-or-budget']);
  });

  it('respects a capacity by using a second location in range', () => {
    const result = positionSpareUnits({
      ...base,
      locations: [
        { id: 'near', kind: 'forward', handlingMinutes: 0, stock: {}, capacity: 3 },
        { id: 'other', kind: 'depot', handlingMinutes: 0, stock: {} },
      ],
      sites: [
        { id: 's1', demands: [{ modelId: 'M', ratePerYear: 10 }] },
        { id: 's2', demands: [{ modelId: 'M', ratePerYear: 10 }] },
      ],
      travel: [
        { locationId: 'near', siteId: 's1', minutes: 30 },
        { locationId: 'near', siteId: 's2', minutes: 30 },
        { locationId: 'other', siteId: 's2', minutes: 200 },
      ],
    });
    // near cannot hold the 4 units both sites need: s2 goes to `other` (3 + 3 units).
    expect(result.placement.find((p) => p.locationId === 'near')!.units).toBe(3);
    expect(result.coverage).toContainEqual({ siteId: 's2', modelId: 'M', locationId: 'other', minutes: 200 });
  });

  it('solves models jointly when they share a location capacity', () => {
    const second = { id: 'N', unitCost: 500, holdingCostPerYear: 80 };
    const result = positionSpareUnits({
      ...base,
      models: [model, second],
      locations: [
        // Each model needs 3 units for its rate; hub already holds 3 + 2 and has room for 5, so
        // solved alone each model would put 3 at hub (6 together).
        { id: 'hub', kind: 'depot', handlingMinutes: 0, stock: { M: 3, N: 2 }, capacity: 5 },
        { id: 'backup', kind: 'depot', handlingMinutes: 0, stock: {} },
      ],
      sites: [
        {
          id: 's',
          demands: [
            { modelId: 'M', ratePerYear: 10 },
            { modelId: 'N', ratePerYear: 10 },
          ],
        },
      ],
      travel: [
        { locationId: 'hub', siteId: 's', minutes: 10 },
        { locationId: 'backup', siteId: 's', minutes: 100 },
      ],
      transferCost: { perUnit: 50, pairs: [] },
    });
    expect(result.solver.joint).toBe(true);
    const atHub = result.placement.filter((p) => p.locationId === 'hub').reduce((sum, p) => sum + p.units, 0);
    expect(atHub).toBeLessThanOrEqual(5);
    expect(result.uncovered).toEqual([]);
    expect(result.coverage).toHaveLength(2);
  });

  it('leaves units already above a capacity where they are, and still covers the site elsewhere', () => {
    const result = positionSpareUnits({
      ...base,
      models: [model, { id: 'N', unitCost: 10, holdingCostPerYear: 1 }],
      locations: [
        { id: 'full', kind: 'depot', handlingMinutes: 0, stock: { M: 2, N: 5 }, capacity: 4 },
        { id: 'B', kind: 'depot', handlingMinutes: 0, stock: {} },
      ],
      sites: [{ id: 's', demands: [{ modelId: 'M', ratePerYear: 1 }] }],
      travel: [{ locationId: 'B', siteId: 's', minutes: 5 }],
    });
    expect(result.uncovered).toEqual([]);
    expect(result.coverage).toEqual([{ siteId: 's', modelId: 'M', locationId: 'B', minutes: 5 }]);
    expect(result.placement.find((p) => p.locationId === 'full' && p.modelId === 'N')!.units).toBe(5);
    expect(result.solver.status).toBe('optimal');
  });

  it('rejects bad input with the field named', () => {
    const bad = () =>
      positionSpareUnits({
        ...base,
        locations: [{ id: 'A', kind: 'depot', handlingMinutes: 0, stock: {} }],
        sites: [{ id: 's', demands: [{ modelId: 'nope', ratePerYear: 1 }] }],
        travel: [],
      });
    expect(bad).toThrow(ZodError);
    try {
      bad();
    } catch (error) {
      expect((error as ZodError).issues[0]!.path).toEqual(['sites', 0, 'demands', 0, 'modelId']);
    }
  });
});

describe('planMovements', () => {
  it('pairs surpluses with deficits at least total cost, not greedily', () => {
    // Greedy (cheapest pair first) would send X→P (1) and then Y→Q (100): 101.
    // The optimum sends X→Q (2) and Y→P (3): 5.
    const locations = ['X', 'Y', 'P', 'Q'].map((id) => ({
      id,
      kind: 'depot',
      handlingMinutes: 0,
      stock: {},
    }));
    const plan = planMovements(
      {
        locations,
        transferCost: {
          perUnit: 1000,
          pairs: [
            { from: 'X', to: 'P', costPerUnit: 1 },
            { from: 'X', to: 'Q', costPerUnit: 2 },
            { from: 'Y', to: 'P', costPerUnit: 3 },
            { from: 'Y', to: 'Q', costPerUnit: 100 },
          ],
        },
      },
      model,
      [1, 1, 0, 0],
      [0, 0, 1, 2],
    );
    expect(plan.transferCost).toBe(5);
    expect(plan.transfers).toEqual([
      { modelId: 'M', from: 'X', to: 'Q', units: 1, costPerUnit: 2 },
      { modelId: 'M', from: 'Y', to: 'P', units: 1, costPerUnit: 3 },
    ]);
    expect(plan.purchases).toEqual([{ locationId: 'Q', modelId: 'M', units: 1, unitCost: 1000 }]);
  });

  it('leaves the surplus beyond every deficit where it is', () => {
    const locations = ['X', 'P'].map((id) => ({ id, kind: 'depot', handlingMinutes: 0, stock: {} }));
    const plan = planMovements({ locations, transferCost: { perUnit: 7, pairs: [] } }, model, [5, 0], [0, 2]);
    expect(plan.transfers).toEqual([{ modelId: 'M', from: 'X', to: 'P', units: 2, costPerUnit: 7 }]);
    expect(plan.purchases).toEqual([]);
  });
});

it('Λmax table and the hand-computed levels agree', () => {
  expect(lambdaMax(3, 30, 0.9)).toBeGreaterThanOrEqual(10);
  expect(lambdaMax(3, 30, 0.9)).toBeLessThan(20);
  expect(lambdaMax(4, 30, 0.9)).toBeGreaterThanOrEqual(20);
});
