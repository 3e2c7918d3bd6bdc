import type { DemandModel } from './assortment.ts';
import type { Catalog } from './catalog.ts';
import type { Random } from './random.ts';
import type { DemandSeries, SkillId } from './schema.ts';
import { addMonths, firstOfMonthBefore } from './time.ts';

/** Two years of monthly history, ending with the last full month before today. */
export const HISTORY_MONTHS = 24;

/** Demand by calendar month: solar heaters break in the frost, farm machines in the seasons, classrooms in term. */
const SEASON: Partial<Record<SkillId, readonly number[]>> = {
  'solar-heater': [2.2, 1.8, 1.2, 0.8, 0.7, 0.7, 0.8, 0.8, 0.8, 0.9, 1.3, 2.0],
  'farm-machinery': [0.3, 0.5, 1.4, 1.8, 1.6, 1.2, 0.8, 0.8, 1.6, 1.8, 0.9, 0.3],
  'av-classroom': [0.9, 0.4, 1.3, 1.1, 1.1, 1.1, 0.5, 0.4, 1.5, 1.1, 1.1, 1.0],
};

export function historyStart(todayMs: number): string {
  return firstOfMonthBefore(todayMs, HISTORY_MONTHS);
}

/**
 * Monthly demand per stock location and listed SKU: Poisson occurrences at the location's rate
 * times the season, each of one unit or (for parts used several at a time) a few more, so most
 * series are intermittent and lumpy. A revision only has demand while it is the one sold: from
 * its predecessor's end of life to its own. Each series draws from its own stream, so series
 * can be produced one at a time, in location and SKU order, without holding them all.
 */
export function* demandHistory(
  demand: DemandModel,
  catalog: Catalog,
  locationIds: readonly string[],
  todayMs: number,
  seed: Random,
): Generator<DemandSeries> {
  const start = historyStart(todayMs);
  const months = Array.from({ length: HISTORY_MONTHS }, (_, t) => addMonths(start, t));
  for (const locationId of locationIds) {
    const list = demand.byLocation.get(locationId);
    if (!list) continue;
    for (let k = 0; k < list.skuIndex.length; k++) {
      const sku = catalog.skus[list.skuIndex[k]!]!;
      const profile = catalog.profiles.get(sku.id)!;
      const season = SEASON[profile.skill];
      const random = seed.fork(`${locationId}/${sku.id}`);
      const rate = list.rate[k]!;
      const values = months.map((month) => {
        const sold =
          (profile.activeFrom === null || month >= profile.activeFrom) &&
          (sku.endOfLife === null || month <= sku.endOfLife);
        if (!sold) return 0;
        const factor = season ? season[Number(month.slice(5, 7)) - 1]! : 1;
        let total = 0;
        for (let n = random.poisson(rate * factor); n > 0; n--)
          total += 1 + random.poisson(profile.extraUnits);
        return total;
      });
      yield { locationId, skuId: sku.id, period: 'month', start, values };
    }
  }
}
