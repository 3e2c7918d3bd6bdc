import type { Knex } from 'knex';
import { STOCK_HOLDING_KINDS } from '../stock/stock.schemas.ts';

/**
 * What the nightly run reads, in a few set-based queries (never one query per location × SKU):
 * stock locations, the catalog, monthly demand history as one array per pair, balances, and units
 * on order (open purchase-order lines and open transfer orders inbound).
 */

export interface StockLocation {
  id: string;
  kind: 'depot' | 'office' | 'van';
  lat: number;
  lon: number;
}

export interface CatalogSku {
  id: string;
  kind: 'part' | 'unit';
  modelId: string | null;
  unitCost: number;
  packSize: number;
  minOrderQty: number;
  supplierId: string | null;
  leadTimeDaysMean: number;
  leadTimeDaysSd: number;
  /** 'YYYY-MM-DD' or null. */
  endOfLife: string | null;
}

/**
 * Monthly demand of one pair: `qty[i]` units in month `months[i]` (months since year 0, ascending).
 * Only months with demand are listed; a recorded month of zero and an unrecorded month mean the
 * same to the planner (the dense history is zero-filled). `since` is the pair's first recorded
 * month, demand or not, so the history window still starts where the records do.
 */
export interface DemandSeries {
  locationId: string;
  skuId: string;
  since: number;
  months: number[];
  qty: number[];
}

export interface PairCounts {
  locationId: string;
  skuId: string;
  onHand: number;
  reserved: number;
}

export interface OnOrder {
  locationId: string;
  skuId: string;
  qty: number;
}

export const pairKey = (locationId: string, skuId: string) => `${locationId}\u001f${skuId}`;

/** Months since year 0 of a 'YYYY-MM-DD' date: consecutive months differ by one. */
export const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/** '24290:3,24288:1' → months [24288, 24290], qty [1, 3] (the aggregate's order is not kept). */
export function monthlyDemand(text: string | null): { months: number[]; qty: number[] } {
  if (!text) return { months: [], qty: [] };
  const entries = text.split(',').map((entry) => {
    const colon = entry.indexOf(':');
    return [Number(entry.slice(0, colon)), Number(entry.slice(colon + 1))] as const;
  });
  entries.sort((a, b) => a[0] - b[0]);
  return { months: entries.map((e) => e[0]), qty: entries.map((e) => e[1]) };
}

export function createReorderInputs(db: Knex) {
  return {
    async stockLocations(trx: Knex = db): Promise<StockLocation[]> {
      const rows = await trx('locations')
        .select('id', 'kind', 'lat', 'lon')
        .whereIn('kind', STOCK_HOLDING_KINDS)
        .andWhere('active', true)
        .orderBy('id');
      return rows as StockLocation[];
    },

    async catalog(trx: Knex = db): Promise<CatalogSku[]> {
      const rows = await trx('skus')
        .select(
          'id',
          'kind',
          'model_id',
          'unit_cost',
          'pack_size',
          'min_order_qty',
          'supplier_id',
          'lead_time_days_mean',
          'lead_time_days_sd',
          trx.raw(`to_char(end_of_life, 'YYYY-MM-DD') as end_of_life`),
        )
        .orderBy('id');
      return rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        modelId: row.model_id,
        unitCost: Number(row.unit_cost),
        packSize: row.pack_size,
        minOrderQty: row.min_order_qty,
        supplierId: row.supplier_id,
        leadTimeDaysMean: row.lead_time_days_mean,
        leadTimeDaysSd: row.lead_time_days_sd,
        endOfLife: row.end_of_life,
      }));
    },

    /**
     * One row per pair with history: its first recorded month and its months with demand as
     * 'month:qty,month:qty' text (null when every recorded month is zero), aggregated in SQL.
     * At national scale 98 % of the 8.5 M monthly rows are zero: aggregating only the others,
     * unordered (each value carries its month), cut the query from 22.7 s to 4.5 s (EXPLAIN
     * ANALYZE, docs/benchmarks.md); an ordered string_agg had to sort every group's 24 values.
     * Text, not int[]: splitting text is about 3× cheaper than the driver's array-literal parser.
     */
    async demandHistory(trx: Knex = db): Promise<DemandSeries[]> {
      const result = await trx.raw(`
        select location_id, sku_id,
               extract(year from min(period_start))::int * 12 + extract(month from min(period_start))::int - 1 as since,
               string_agg((extract(year from period_start)::int * 12
                           + extract(month from period_start)::int - 1)::text || ':' || qty::text, ',')
                 filter (where qty > 0) as demand
        from demand_history
        where period = 'month'
        group by location_id, sku_id`);
      return (
        result.rows as Array<{ location_id: string; sku_id: string; since: number; demand: string | null }>
      ).map((row) => ({
        locationId: row.location_id,
        skuId: row.sku_id,
        since: Number(row.since),
        ...monthlyDemand(row.demand),
      }));
    },

    async balances(trx: Knex = db): Promise<PairCounts[]> {
      const rows = await trx('stock_balances')
        .select('location_id', 'sku_id', 'on_hand', 'reserved')
        .where('on_hand', '>', 0)
        .orWhere('reserved', '>', 0);
      return rows.map((row) => ({
        locationId: row.location_id,
        skuId: row.sku_id,
        onHand: row.on_hand,
        reserved: row.reserved,
      }));
    },

    /**
     * Units ordered and not yet arrived: open purchase-order lines less what was received, and
     * transfer orders not yet completed (at the destination; the source holds them reserved).
     */
    async onOrder(trx: Knex = db): Promise<OnOrder[]> {
      const result = await trx.raw(`
        select location_id, sku_id, sum(qty)::int as qty from (
          select po.location_id, line.sku_id, line.qty - line.received_qty as qty
          from purchase_order_lines line
          join purchase_orders po on po.id = line.purchase_order_id
          where po.status in ('open', 'partially_received')
          union all
          select to_location_id, sku_id, qty
          from transfer_orders
          where status in ('open', 'shipped')
        ) open_lines
        group by location_id, sku_id
        having sum(qty) > 0`);
      return (result.rows as Array<{ location_id: string; sku_id: string; qty: number }>).map((row) => ({
        locationId: row.location_id,
        skuId: row.sku_id,
        qty: Number(row.qty),
      }));
    },
  };
}

export type ReorderInputs = ReturnType<typeof createReorderInputs>;
