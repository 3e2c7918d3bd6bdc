import type { Knex } from 'knex';
import { paginate, type Page } from '../db/pagination.ts';
import { toBalance, toMovement, type BalanceRow } from './stock.repository.ts';
import type { BalanceListQuery, MovementListQuery, StockBalance, StockMovement } from './stock.schemas.ts';

/** The ledger's read side: filtered, keyset-paginated lists and the streamed export. */

const balanceSortColumns = {
  locationId: 'page.location_id',
  skuId: 'page.sku_id',
  available: 'page.available',
  onHand: 'page.on_hand',
  updatedAt: 'page.updated_at',
};

export function createStockQueries(db: Knex) {
  return {
    async listBalances(query: BalanceListQuery, trx: Knex = db): Promise<Page<StockBalance>> {
      // A balance is keyed by two columns; the page breaks ties on one "C"-collated key made of
      // both, so the order is total whatever the sort field.
      const inner = trx('stock_balances as b')
        .join('locations as l', 'l.id', 'b.location_id')
        .select('b.*', trx.raw(`(b.location_id || chr(31) || b.sku_id) collate "C" as pair_key`));
      if (query.locationId) inner.where('b.location_id', query.locationId);
      if (query.skuId) inner.where('b.sku_id', query.skuId);
      if (query.locationKind) inner.where('l.kind', query.locationKind);
      if (query.onlyAvailable) inner.where('b.available', '>', 0);
      if (query.maxAvailable !== undefined) inner.where('b.available', '<=', query.maxAvailable);
      const page = await paginate<BalanceRow & Record<string, unknown>>(
        trx.from(inner.as('page')).select('*'),
        {
          sort: query.sort,
          columns: balanceSortColumns,
          idColumn: 'page.pair_key',
          cursor: query.cursor,
          limit: query.limit,
        },
      );
      return { items: page.rows.map(toBalance), nextCursor: page.nextCursor };
    },

    async listMovements(query: MovementListQuery, trx: Knex = db): Promise<Page<StockMovement>> {
      const builder = trx('stock_movements').select('*');
      if (query.locationId) builder.where('location_id', query.locationId);
      if (query.skuId) builder.where('sku_id', query.skuId);
      if (query.kind) builder.where('kind', query.kind);
      if (query.referenceType) builder.where('reference_type', query.referenceType);
      if (query.referenceId) builder.where('reference_id', query.referenceId);
      if (query.transferId) builder.where('transfer_id', query.transferId);
      if (query.from) builder.where('created_at', '>=', query.from);
      if (query.to) builder.where('created_at', '<', query.to);
      const page = await paginate<Parameters<typeof toMovement>[0] & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: { id: 'id' },
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map(toMovement), nextCursor: page.nextCursor };
    },

    /** Every balance, in location then SKU order, a batch at a time (each batch one short query). */
    async *balanceBatches(batchSize = 1000, trx: Knex = db): AsyncGenerator<StockBalance[]> {
      let after: [string, string] | undefined;
      for (;;) {
        const query = trx<BalanceRow>('stock_balances').orderBy(['location_id', 'sku_id']).limit(batchSize);
        if (after) query.whereRaw('(location_id, sku_id) > (?, ?)', after);
        const rows = (await query) as BalanceRow[];
        if (rows.length) yield rows.map(toBalance);
        if (rows.length < batchSize) return;
        const last = rows[rows.length - 1]!;
        after = [last.location_id, last.sku_id];
      }
    },
  };
}

export type StockQueries = ReturnType<typeof createStockQueries>;
