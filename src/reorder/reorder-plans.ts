import type { PolicyClass, ReplenishmentInput, ReplenishmentPolicy } from '../../solver/inventory/types.ts';
import type { CatalogSku, DemandSeries, PairCounts } from './reorder-inputs.repository.ts';
import { monthIndex, pairKey } from './reorder-inputs.repository.ts';
import type { ReorderSettings } from './reorder-settings.ts';
import {
  packHistories,
  planPackedRange,
  type PackedInputs,
  type PlanOutcome,
  type PolicySummary,
} from './plan-workers.ts';

/**
 * Builds each location × SKU's policy input (dense monthly history, lead time in periods, policy
 * class, end of life) and calls the planner. Pairs come from demand history and from stock: a
 * pair with stock and no history gets an all-zero history (so its stock can be seen as excess).
 */

export type PlanReplenishment = (input: ReplenishmentInput) => ReplenishmentPolicy;

export interface PlannedPair {
  locationId: string;
  skuId: string;
  plan: PolicySummary;
}

export interface PlanFailure {
  locationId: string;
  skuId: string;
  error: string;
}

export function policyClassOf(sku: CatalogSku, settings: ReorderSettings): PolicyClass {
  if (sku.kind === 'unit') return 'spare-unit';
  return sku.unitCost < settings.consumableMaxUnitCost ? 'consumable' : 'part';
}

/** The months of the history: from the earliest recorded month to the last full month before today. */
export function historyWindow(
  series: readonly DemandSeries[],
  today: string,
): { first: number; length: number } {
  const last = monthIndex(today) - 1;
  let first = last;
  for (const s of series) if (s.since < first) first = s.since;
  return { first, length: Math.max(0, last - first + 1) };
}

/** A pair's policy input less its history: the same for every location of the SKU on a night. */
function inputTemplate(
  sku: CatalogSku,
  settings: ReorderSettings,
  todayMs: number,
): Omit<ReplenishmentInput, 'history'> {
  const daysToEndOfLife = sku.endOfLife === null ? null : (Date.parse(sku.endOfLife) - todayMs) / 86_400_000;
  return {
    periodDays: settings.periodDays,
    leadTime: {
      mean: sku.leadTimeDaysMean / settings.periodDays,
      sd: sku.leadTimeDaysSd / settings.periodDays,
    },
    reviewPeriods: settings.reviewDays / settings.periodDays,
    targetFillRate: settings.targetFillRate,
    unitCost: sku.unitCost,
    holdingRate: settings.holdingRate,
    orderCost: settings.orderCost,
    packSize: sku.packSize,
    minOrderQty: sku.minOrderQty,
    policyClass: policyClassOf(sku, settings),
    ...(daysToEndOfLife !== null && daysToEndOfLife >= 0
      ? {
          endOfLife: {
            periodsUntilLastOrder: daysToEndOfLife / settings.periodDays,
            periodsSupportedAfter: settings.supportPeriodsAfterEndOfLife,
          },
        }
      : {}),
  };
}

export async function planPairs(options: {
  series: readonly DemandSeries[];
  balances: readonly PairCounts[];
  /** Pairs to plan even without history or stock (where 4-hour coverage wants units). */
  extraPairs?: Iterable<{ locationId: string; skuId: string }>;
  skus: ReadonlyMap<string, CatalogSku>;
  stockLocationIds: ReadonlySet<string>;
  today: string;
  settings: ReorderSettings;
  plan: PlanReplenishment;
  /** Plans many inputs at once (e.g. on worker threads); default: one by one with `plan`. */
  planMany?: (inputs: PackedInputs) => Promise<PlanOutcome[]>;
  /** The history window (default: historyWindow(series, today)); given when planning extra pairs alone. */
  window?: { first: number; length: number };
}): Promise<{ planned: PlannedPair[]; failures: PlanFailure[] }> {
  const { settings, today } = options;
  const window = options.window ?? historyWindow(options.series, today);
  const histories = new Map<string, { locationId: string; skuId: string; series: DemandSeries | null }>();
  for (const s of options.series)
    histories.set(pairKey(s.locationId, s.skuId), { locationId: s.locationId, skuId: s.skuId, series: s });
  for (const b of [...options.balances, ...(options.extraPairs ?? [])]) {
    const key = pairKey(b.locationId, b.skuId);
    if (!histories.has(key)) histories.set(key, { locationId: b.locationId, skuId: b.skuId, series: null });
  }
  /** The window's demand as 'position:qty' text: equal texts are equal dense histories. */
  const demandText = (s: DemandSeries | null): string => {
    if (!s) return '';
    let text = '';
    s.months.forEach((month, i) => {
      const at = month - window.first;
      if (at >= 0 && at < window.length && s.qty[i] !== 0) text += `${at}:${s.qty[i]},`;
    });
    return text;
  };
  const denseHistory = (s: DemandSeries | null): number[] => {
    const history = new Array<number>(window.length).fill(0);
    s?.months.forEach((month, i) => {
      const at = month - window.first;
      if (at >= 0 && at < window.length) history[at] = s.qty[i]!;
    });
    return history;
  };

  // Everything but the history is the SKU's (and the night's): one template per SKU. Pairs with
  // the same template and history get the same policy (the planner is pure), so each distinct
  // input is planned once: at national scale two in three pairs have no demand in the window, and
  // all of a SKU's such pairs share one plan (374,000 pairs, about 131,000 distinct inputs).
  const pairs: Array<{ locationId: string; skuId: string }> = [];
  const inputOfPair: number[] = [];
  const distinctHistories: number[][] = [];
  const distinctTemplates: number[] = [];
  const distinctIndex = new Map<string, number>();
  const templates: Array<Omit<ReplenishmentInput, 'history'>> = [];
  const templateBySku = new Map<string, number>();
  const todayMs = Date.parse(today);
  for (const { locationId, skuId, series } of histories.values()) {
    const sku = options.skus.get(skuId);
    if (!sku || !options.stockLocationIds.has(locationId)) continue;
    let template = templateBySku.get(skuId);
    if (template === undefined) {
      template = templates.push(inputTemplate(sku, settings, todayMs)) - 1;
      templateBySku.set(skuId, template);
    }
    // Only a distinct input gets a dense history: most pairs are a key and an index.
    const key = `${template}|${demandText(series)}`;
    let distinct = distinctIndex.get(key);
    if (distinct === undefined) {
      distinct = distinctHistories.push(denseHistory(series)) - 1;
      distinctTemplates.push(template);
      distinctIndex.set(key, distinct);
    }
    pairs.push({ locationId, skuId });
    inputOfPair.push(distinct);
  }
  histories.clear();
  distinctIndex.clear();
  const packed = packHistories(
    distinctHistories.length,
    (i) => distinctHistories[i]!,
    (i) => distinctTemplates[i]!,
    templates,
  );
  // Packed: the dense arrays can go.
  distinctHistories.length = 0;
  const distinctOutcomes = options.planMany
    ? await options.planMany(packed)
    : planPackedRange(packed, 0, packed.count, options.plan);
  // Pairs of one distinct input share its outcome object; nothing after planning changes a plan.
  const outcomes = inputOfPair.map((distinct) => distinctOutcomes[distinct]!);
  const planned: PlannedPair[] = [];
  const failures: PlanFailure[] = [];
  outcomes.forEach((outcome, i) => {
    const pair = pairs[i]!;
    if (outcome.ok) planned.push({ ...pair, plan: outcome.plan });
    else failures.push({ ...pair, error: outcome.error });
  });
  return { planned, failures };
}
