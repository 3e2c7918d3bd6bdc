import { describe, expect, it } from 'vitest';
import { planReplenishment } from '../../solver/inventory/index.ts';
import type { ReplenishmentInput } from '../../solver/inventory/types.ts';
import { packInputs, planInWorkers, summarisePolicy } from '../../src/reorder/plan-workers.ts';
import type { CatalogSku, DemandSeries } from '../../src/reorder/reorder-inputs.repository.ts';
import { historyWindow, planPairs } from '../../src/reorder/reorder-plans.ts';
import { REORDER_SETTINGS } from '../../src/reorder/reorder-settings.ts';

const sku = (id: string, over: Partial<CatalogSku> = {}): CatalogSku => ({
  id,
  kind: 'part',
  modelId: null,
  unitCost: 120,
  packSize: 1,
  minOrderQty: 1,
  supplierId: 'S1',
  leadTimeDaysMean: 30,
  leadTimeDaysSd: 6,
  endOfLife: null,
  ...over,
});

const TODAY = '2026-11-30';
// Months since year 0: November 2026 is 2026 * 12 + 10; the window ends with October 2026.
const OCT_2026 = 2026 * 12 + 9;

const series = (
  locationId: string,
  skuId: string,
  since: number,
  demand: Record<number, number>,
): DemandSeries => {
  const months = Object.keys(demand)
    .map(Number)
    .sort((a, b) => a - b);
  return { locationId, skuId, since, months, qty: months.map((m) => demand[m]!) };
};

describe('planPairs', () => {
  const skus = new Map([
    ['P1', sku('P1')],
    ['P2', sku('P2', { unitCost: 10, packSize: 5, minOrderQty: 10 })],
    ['U1', sku('U1', { kind: 'unit', endOfLife: '2027-01-15' })],
  ]);
  const since = OCT_2026 - 23;
  const input = {
    series: [
      series('L1', 'P1', since, { [OCT_2026 - 2]: 3, [OCT_2026 - 10]: 1 }),
      series('L2', 'P1', since, { [OCT_2026 - 2]: 3, [OCT_2026 - 10]: 1 }), // same input as L1/P1
      series('L3', 'P1', since, {}), // no demand
      series('L1', 'P2', since, { [OCT_2026]: 4, [OCT_2026 - 1]: 2, [OCT_2026 - 5]: 7 }),
      series('L2', 'P2', since, {}), // no demand, another SKU: not the same input as L3/P1
      series('L1', 'U1', since + 6, { [OCT_2026 - 3]: 1 }),
      series('L9', 'P1', since, { [OCT_2026]: 1 }), // not a stock location
    ],
    balances: [
      { locationId: 'L4', skuId: 'P1', onHand: 2, reserved: 0 }, // stock without history
      { locationId: 'L1', skuId: 'P1', onHand: 1, reserved: 0 },
    ],
    extraPairs: [{ locationId: 'L5', skuId: 'U1' }],
    skus,
    stockLocationIds: new Set(['L1', 'L2', 'L3', 'L4', 'L5']),
    today: TODAY,
    settings: REORDER_SETTINGS,
    plan: planReplenishment,
  };

  it('plans each pair as planning its own full input would, pairs of equal inputs sharing one plan', async () => {
    let planned = 0;
    const countingPlan = (i: ReplenishmentInput) => {
      planned += 1;
      return planReplenishment(i);
    };
    const result = await planPairs({ ...input, plan: countingPlan });
    expect(result.failures).toEqual([]);
    expect(result.planned.map((p) => `${p.locationId}/${p.skuId}`)).toEqual([
      'L1/P1',
      'L2/P1',
      'L3/P1',
      'L1/P2',
      'L2/P2',
      'L1/U1',
      'L4/P1',
      'L5/U1',
    ]);
    // 8 pairs, 6 distinct inputs: L1/P1 = L2/P1, and L3/P1 = L4/P1 (no demand, same SKU).
    expect(planned).toBe(6);
    const byPair = new Map(result.planned.map((p) => [`${p.locationId}/${p.skuId}`, p.plan]));
    expect(byPair.get('L1/P1')).toBe(byPair.get('L2/P1'));
    expect(byPair.get('L3/P1')).toBe(byPair.get('L4/P1'));
    expect(byPair.get('L2/P2')).not.toBe(byPair.get('L3/P1'));

    // Against each pair's full input written out here, planned alone.
    const window = historyWindow(input.series, TODAY);
    expect(window).toEqual({ first: since, length: 24 });
    const S = REORDER_SETTINGS;
    const fullInput = (l: string, id: string): ReplenishmentInput => {
      const s = skus.get(id)!;
      const history = new Array<number>(24).fill(0);
      const found = input.series.find((x) => x.locationId === l && x.skuId === id);
      found?.months.forEach((m, i) => (history[m - window.first] = found.qty[i]!));
      const days = s.endOfLife ? (Date.parse(s.endOfLife) - Date.parse(TODAY)) / 86_400_000 : null;
      return {
        history,
        periodDays: S.periodDays,
        leadTime: { mean: s.leadTimeDaysMean / S.periodDays, sd: s.leadTimeDaysSd / S.periodDays },
        reviewPeriods: S.reviewDays / S.periodDays,
        targetFillRate: S.targetFillRate,
        unitCost: s.unitCost,
        holdingRate: S.holdingRate,
        orderCost: S.orderCost,
        packSize: s.packSize,
        minOrderQty: s.minOrderQty,
        policyClass:
          s.kind === 'unit' ? 'spare-unit' : s.unitCost < S.consumableMaxUnitCost ? 'consumable' : 'part',
        ...(days === null
          ? {}
          : {
              endOfLife: {
                periodsUntilLastOrder: days / S.periodDays,
                periodsSupportedAfter: S.supportPeriodsAfterEndOfLife,
              },
            }),
      };
    };
    for (const [key, plan] of byPair) {
      const [l, id] = key.split('/') as [string, string];
      expect(plan, key).toEqual(summarisePolicy(planReplenishment(fullInput(l, id))));
    }
    // The end of life reached the input (46 days ahead), and the history its month.
    expect(fullInput('L1', 'U1').endOfLife?.periodsUntilLastOrder).toBeCloseTo(46 / 30.4, 10);
    expect(byPair.get('L1/U1')!.classification.category).not.toBe('no-demand');
  });

  it('plans the same on worker threads as in this thread', async () => {
    const here = await planPairs(input);
    const threaded = await planPairs({ ...input, planMany: (packed) => planInWorkers(packed, 2, 2) });
    expect(threaded).toEqual(here);
    expect(packInputs([]).count).toBe(0);
  }, 60_000);
});
