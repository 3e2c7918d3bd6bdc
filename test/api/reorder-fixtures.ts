import type { Knex } from 'knex';
import { anOffice, aPart, someStock } from '../support/fixtures.ts';

/**
 * A small reorder network: an office in Yibin, a depot in Chengdu (about 220 km away) and one in
 * Beijing (about 1,600 km), with monthly history for the 24 full months before 2026-11-30.
 */
export const MONTHS = Array.from({ length: 24 }, (_, i) => {
  const month = 10 + i; // 2024-11 … 2026-10
  return `${2024 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
});

export async function history(db: Knex, locationId: string, skuId: string, values: number[]): Promise<void> {
  await db('demand_history').insert(
    values.map((qty, i) => ({
      location_id: locationId,
      sku_id: skuId,
      period: 'month',
      period_start: MONTHS[i],
      qty,
    })),
  );
}

/** Steady demand of about two a month. */
export const STEADY = [2, 3, 1, 2, 2, 3, 2, 1, 2, 3, 2, 2, 1, 2, 3, 2, 2, 1, 3, 2, 2, 2, 1, 3];
/** A little demand, enough for a model (not "too little history"). */
export const SPARSE = [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0];

export async function aReorderNetwork(db: Knex) {
  const yibin = await anOffice(db, 'O-YB', { lat: 28.77, lon: 104.64 });
  const chengdu = await anOffice(db, 'D-CTU', { kind: 'depot', lat: 30.66, lon: 104.07 });
  const beijing = await anOffice(db, 'D-PEK', { kind: 'depot', lat: 39.9, lon: 116.4 });
  await db('suppliers').insert({ id: 'SUP-1', name: 'Supplier one' }).onConflict('id').ignore();
  // Bought in packs of 5, at least 10 at a time.
  const fan = await aPart(db, 'P-FAN', { unitCost: 120 });
  await db('skus')
    .where({ id: fan })
    .update({ pack_size: 5, min_order_qty: 10, supplier_id: 'SUP-1', lead_time_days_mean: 30 });
  const psu = await aPart(db, 'P-PSU', { unitCost: 300 });
  await db('skus').where({ id: psu }).update({ supplier_id: 'SUP-1', lead_time_days_mean: 30 });
  await history(db, yibin, fan, STEADY);
  await history(db, yibin, psu, STEADY);
  await history(db, chengdu, psu, SPARSE);
  await history(db, beijing, psu, SPARSE);
  // Chengdu and Beijing hold far more PSUs than their sparse demand needs; Yibin holds none.
  await someStock(db, chengdu, psu, 40);
  await someStock(db, beijing, psu, 40);
  return { yibin, chengdu, beijing, fan, psu };
}
