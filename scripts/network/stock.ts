import type { DemandModel } from './assortment.ts';
import type { Catalog } from './catalog.ts';
import { idWidth, numberedId } from './ids.ts';
import type { Random } from './random.ts';
import type { StockMovement } from './schema.ts';
import { formatDate, formatDateTime, startOfDay } from './time.ts';

/** Months between reviews: depots order monthly, offices are topped up twice a month. */
const REVIEW_MONTHS = { depot: 1, office: 0.5 } as const;
/** Safety factor on the square root of lead-time demand (a rough Poisson cover). */
const SAFETY = 1.3;
/** Share of listed items found empty on the opening day. */
const STOCKOUT_SHARE = 0.08;

export interface StockInput {
  demand: DemandModel;
  catalog: Catalog;
  /** Stock locations in id order, with their kind. */
  locations: readonly { id: string; kind: 'depot' | 'office' }[];
  vanStock: ReadonlyMap<string, readonly { skuId: string; qty: number }[]>;
  todayMs: number;
  seed: Random;
}

/**
 * The opening on-hand stock as receipt movements at local midnight of today, in location and SKU
 * order. Each listed item holds roughly its demand over lead time and review period plus a
 * safety margin, with noise; a few are empty, older revisions are leftovers or gone, and every
 * van holds what its engineer carries. Quantities depend only on the seed and the item, so the
 * sequence can be replayed without keeping it in memory.
 */
export function* stockMovements(input: StockInput): Generator<StockMovement> {
  const { demand, catalog, locations, vanStock, todayMs, seed } = input;
  const upperBound =
    [...demand.byLocation.values()].reduce((sum, list) => sum + list.skuIndex.length, 0) +
    [...vanStock.values()].reduce((sum, list) => sum + list.length, 0);
  const width = idWidth(upperBound, 6);
  const createdAt = formatDateTime(startOfDay(todayMs));
  const referenceId = `OB-${formatDate(todayMs)}`;
  let number = 0;
  const movement = (locationId: string, skuId: string, qty: number): StockMovement => ({
    id: numberedId('M-', ++number, width),
    kind: 'receipt',
    locationId,
    skuId,
    onHandDelta: qty,
    referenceType: 'opening-balance',
    referenceId,
    reason: 'Opening balance',
    actor: 'demo-generator',
    createdAt,
  });

  for (const location of locations) {
    const list = demand.byLocation.get(location.id);
    if (!list) continue;
    for (let k = 0; k < list.skuIndex.length; k++) {
      const sku = catalog.skus[list.skuIndex[k]!]!;
      const qty = openingQty(
        sku.id,
        list.rate[k]!,
        location.kind,
        catalog,
        seed.fork(`${location.id}/${sku.id}`),
      );
      if (qty > 0) yield movement(location.id, sku.id, qty);
    }
  }
  const vans = [...vanStock.keys()].sort();
  for (const vanId of vans)
    for (const { skuId, qty } of vanStock.get(vanId)!) yield movement(vanId, skuId, qty);
}

function openingQty(
  skuId: string,
  monthlyRate: number,
  kind: 'depot' | 'office',
  catalog: Catalog,
  random: Random,
): number {
  const sku = catalog.skuById.get(skuId)!;
  const profile = catalog.profiles.get(skuId)!;
  if (!profile.current) return random.chance(0.3) ? random.int(1, 3) : 0;
  if (random.chance(STOCKOUT_SHARE)) return 0;
  if (sku.kind === 'unit') return kind === 'office' ? 1 : random.int(1, 3);
  const months = sku.leadTimeDaysMean / 30 + REVIEW_MONTHS[kind];
  const mean = monthlyRate * months * (1 + profile.extraUnits);
  const target = mean + SAFETY * Math.sqrt(mean);
  return Math.max(kind === 'depot' ? 1 : 0, Math.round(target * random.float(0.6, 1.4)));
}
