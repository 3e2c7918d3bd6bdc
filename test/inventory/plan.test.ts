import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InventoryInputError,
  leadTimeDemand,
  leadTimeDistribution,
  orderUpToFillRate,
  perPeriodDemandModel,
  planReplenishment,
  reorderPointForFillRate,
  type ReplenishmentInput,
} from '../../solver/inventory/index.ts';

const history = [
  0, 1, 0, 0, 2, 0, 1, 0, 0, 3, 0, 1, 1, 0, 0, 2, 0, 0, 1, 0, 2, 0, 1, 0, 0, 1, 0, 4, 0, 1, 0, 0, 2, 0, 1, 0,
];
const input: ReplenishmentInput = {
  history,
  periodDays: 30.4,
  leadTime: { mean: 1 },
  reviewPeriods: 1,
  targetFillRate: 0.95,
  unitCost: 120,
  holdingRate: 0.25,
  orderCost: 40,
  packSize: 1,
  minOrderQty: 0,
  policyClass: 'part',
};

describe('planReplenishment', () => {
  it('part: (R,S) with the smallest S whose exact fill rate meets the target, explained', () => {
    const plan = planReplenishment(input);
    expect(plan.policy).toBe('order-up-to');
    expect(plan.forecast!.method).toBe(plan.classification.method);
    const model = perPeriodDemandModel(plan.forecast!, plan.classification);
    const lt = leadTimeDistribution(input.leadTime);
    const dL = leadTimeDemand(model, lt);
    const dLR = leadTimeDemand(model, lt, { extraPeriods: 1 });
    expect(plan.predictedFillRate).toBeCloseTo(orderUpToFillRate(dLR, dL, plan.orderUpTo), 12);
    expect(plan.predictedFillRate).toBeGreaterThanOrEqual(0.95);
    expect(orderUpToFillRate(dLR, dL, plan.orderUpTo - 1)).toBeLessThan(0.95);
    expect(plan.reorderPoint).toBe(plan.orderUpTo - 1);
    expect(plan.leadTimeDemand.mean).toBeCloseTo(2 * plan.forecast!.perPeriod, 9);
    expect(plan.explanation.join('\n')).toContain(`S=${plan.orderUpTo} gives fill rate`);
    expect(plan.explanation.join('\n')).toMatch(/SBA α=/);
    expect(plan.alerts).toEqual([]);
  });

  it('spare unit: one-for-one base stock on a Poisson(λ·E[L]) pipeline', () => {
    const plan = planReplenishment({
      ...input,
      policyClass: 'spare-unit',
      leadTime: { values: [1, 3], probabilities: [0.5, 0.5] },
    });
    expect(plan.policy).toBe('base-stock');
    expect(plan.leadTimeDemand.distribution).toBe('poisson');
    expect(plan.leadTimeDemand.mean).toBeCloseTo(plan.forecast!.perPeriod * 2, 12);
    expect(plan.reorderPoint).toBe(plan.orderUpTo - 1);
  });

  it('consumable: EOQ rounded to pack and MOQ, s from (s,Q), S = s + Q', () => {
    const plan = planReplenishment({
      ...input,
      policyClass: 'consumable',
      unitCost: 2,
      packSize: 6,
      minOrderQty: 10,
    });
    expect(plan.policy).toBe('reorder-point-quantity');
    const annual = (plan.forecast!.perPeriod * 365.25) / 30.4;
    const eoq = Math.sqrt((2 * 40 * annual) / (2 * 0.25));
    expect(plan.orderQuantity! % 6).toBe(0);
    expect(plan.orderQuantity!).toBeGreaterThanOrEqual(Math.max(10, eoq));
    expect(plan.orderQuantity! - Math.max(10, Math.ceil(eoq))).toBeLessThan(6);
    expect(plan.orderUpTo).toBe(plan.reorderPoint + plan.orderQuantity!);
    const model = perPeriodDemandModel(plan.forecast!, plan.classification);
    const d = leadTimeDemand(model, leadTimeDistribution(input.leadTime), { extraPeriods: 1 });
    expect(reorderPointForFillRate(d, plan.orderQuantity!, 0.95).level).toBe(plan.reorderPoint);
  });

  it('per-period model: compound Bernoulli (empirical sizes) for lumpy items, NB above the mean variance, else Poisson', () => {
    const lumpy = [0, 0, 1, 0, 0, 9, 0, 0, 1, 0, 0, 12, 0, 1, 0, 0, 7, 0];
    const plan = planReplenishment({ ...input, history: lumpy });
    expect(plan.classification.category).toBe('lumpy');
    expect(plan.leadTimeDemand.distribution).toBe('compound-bernoulli');
    const model = perPeriodDemandModel(plan.forecast!, plan.classification);
    expect(model.sizes!.sizes).toEqual([1, 7, 9, 12]);
    expect(model.mean).toBeCloseTo((plan.forecast!.occurrenceProbability * (1 + 1 + 1 + 7 + 9 + 12)) / 6, 12);
    const f = plan.forecast!;
    const smooth = { ...plan.classification, category: 'intermittent' as const };
    expect(perPeriodDemandModel({ ...f, variance: f.perPeriod * 2 }, smooth).model).toBe('negative-binomial');
    expect(perPeriodDemandModel({ ...f, variance: f.perPeriod / 2 }, smooth).model).toBe('poisson');
  });

  it("consumable with Teunter & Duncan's correction: the reorder point does not fall", () => {
    const base = { ...input, policyClass: 'consumable' as const, unitCost: 2 };
    const plain = planReplenishment(base);
    const corrected = planReplenishment({ ...base, leadTimeStartsWithDemand: true });
    expect(corrected.leadTimeDemand.mean).toBeGreaterThan(plain.leadTimeDemand.mean);
    expect(corrected.reorderPoint).toBeGreaterThanOrEqual(plain.reorderPoint);
    expect(corrected.explanation.join(' ')).toContain('Teunter & Duncan');
  });

  it('no demand and too little history: no model, nothing stocked, flagged', () => {
    const none = planReplenishment({ ...input, history: [0, 0, 0, 0] });
    expect(none.policy).toBe('none');
    expect(none.orderUpTo).toBe(0);
    expect(none.alerts.map((a) => a.code)).toEqual(['no-demand']);
    const one = planReplenishment({ ...input, history: [0, 0, 2, 0] });
    expect(one.forecast).toBeNull();
    expect(one.alerts.map((a) => a.code)).toEqual(['too-little-history']);
  });

  it('end of life: a last-time buy at the last review, a warning before', () => {
    const last = planReplenishment({
      ...input,
      endOfLife: { periodsUntilLastOrder: 1, periodsSupportedAfter: 24 },
    });
    expect(last.lastTimeBuy).toBeGreaterThan(last.orderUpTo);
    expect(last.alerts.map((a) => a.code)).toContain('last-time-buy');
    const soon = planReplenishment({
      ...input,
      endOfLife: { periodsUntilLastOrder: 4, periodsSupportedAfter: 24 },
    });
    expect(soon.lastTimeBuy).toBeNull();
    expect(soon.alerts.map((a) => a.code)).toContain('end-of-life-approaching');
  });

  it('a long run of zeros at the end raises an obsolescence alert', () => {
    const plan = planReplenishment({
      ...input,
      history: [...history, ...new Array(12).fill(0)],
      method: 'tsb',
    });
    expect(plan.alerts.map((a) => a.code)).toContain('obsolescence-risk');
  });

  it.each([
    [{ history: [1, -1] }, 'history[1]'],
    [{ history: [1, 0.5] }, 'history[1]'],
    [{ targetFillRate: 1 }, 'targetFillRate'],
    [{ packSize: 0 }, 'packSize'],
    [{ periodDays: 0 }, 'periodDays'],
    [{ minOrderQty: -1 }, 'minOrderQty'],
  ])('bad input %j names the field %s', (patch, field) => {
    expect(() => planReplenishment({ ...input, ...patch })).toThrow(InventoryInputError);
    try {
      planReplenishment({ ...input, ...patch });
    } catch (error) {
      expect((error as InventoryInputError).field).toBe(field);
    }
  });

  it('property: any history and class gives S ≥ 0, a prediction meeting the target or an alert, and the same answer twice', () => {
    const arb = fc.record({
      history: fc.array(
        fc.oneof(fc.constant(0), fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 30 })),
        { minLength: 0, maxLength: 60 },
      ),
      policyClass: fc.constantFrom('part', 'spare-unit', 'consumable' as const),
      lead: fc.double({ min: 0, max: 3, noNaN: true }),
      sd: fc.double({ min: 0, max: 0.5, noNaN: true }),
      target: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
    });
    fc.assert(
      fc.property(arb, ({ history: h, policyClass, lead, sd, target }) => {
        const i = { ...input, history: h, policyClass, leadTime: { mean: lead, sd }, targetFillRate: target };
        const plan = planReplenishment(i);
        expect(plan.orderUpTo).toBeGreaterThanOrEqual(0);
        expect(plan.reorderPoint).toBeLessThan(Math.max(plan.orderUpTo, 0) + 1);
        if (plan.forecast !== null && !plan.alerts.some((a) => a.code === 'target-unreachable')) {
          expect(plan.predictedFillRate).toBeGreaterThanOrEqual(target);
        }
        expect(plan.explanation.length).toBeGreaterThan(1);
        expect(planReplenishment(i)).toEqual(plan);
      }),
      { numRuns: 200 },
    );
  });
});
