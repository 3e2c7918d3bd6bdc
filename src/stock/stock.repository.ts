import type { Knex } from 'knex';
import { toIso } from '../http/schemas.ts';
import type { MovementKind, StockBalance, StockMovement, StockReference } from './stock.schemas.ts';

/**
 * The ledger's tables. Movements are only ever inserted (a trigger refuses updates and deletes);
 * balances are only ever read here, because the insert trigger keeps them. Every call accepts a
 * transaction so the ledger operations compose into a caller's unit of work.
 */

interface MovementRow {
  id: number;
  location_id: string;
  sku_id: string;
  kind: MovementKind;
  on_hand_delta: number;
  reserved_delta: number;
  defective_delta: number;
  reference_type: StockReference['type'] | null;
  reference_id: string | null;
  transfer_id: string | null;
  reason: string | null;
  actor: string;
  created_at: Date;
}

export interface BalanceRow {
  location_id: string;
  sku_id: string;
  on_hand: number;
  reserved: number;
  available: number;
  defective: number;
  version: number;
  updated_at: Date | null;
}

export interface NewMovement {
  locationId: string;
  skuId: string;
  kind: MovementKind;
  onHandDelta?: number;
  reservedDelta?: number;
  defectiveDelta?: number;
  reference?: StockReference;
  transferId?: string;
  reason?: string;
  actor: string;
  createdAt: Date;
}

export interface StockPair {
  locationId: string;
  skuId: string;
}

export interface LocationFacts {
  kind: string;
  active: boolean;
}

export const toMovement = (row: MovementRow): StockMovement => ({
  id: row.id,
  locationId: row.location_id,
  skuId: row.sku_id,
  kind: row.kind,
  onHandDelta: row.on_hand_delta,
  reservedDelta: row.reserved_delta,
  defectiveDelta: row.defective_delta,
  reference:
    row.reference_type && row.reference_id ? { type: row.reference_type, id: row.reference_id } : null,
  transferId: row.transfer_id,
  reason: row.reason,
  actor: row.actor,
  createdAt: toIso(row.created_at)!,
});

export const toBalance = (row: BalanceRow): StockBalance => ({
  locationId: row.location_id,
  skuId: row.sku_id,
  onHand: row.on_hand,
  reserved: row.reserved,
  available: row.available,
  defective: row.defective,
  version: row.version,
  updatedAt: toIso(row.updated_at),
});

/** The balance of a pair that has never moved: nothing anywhere, version 0. */
export const emptyBalance = (pair: StockPair): StockBalance => ({
  ...pair,
  onHand: 0,
  reserved: 0,
  available: 0,
  defective: 0,
  version: 0,
  updatedAt: null,
});

/** One fixed order of pairs (code units, not locale): writers that post in it lock rows in it. */
export const comparePairs = (a: StockPair, b: StockPair): number =>
  a.locationId < b.locationId
    ? -1
    : a.locationId > b.locationId
      ? 1
      : a.skuId < b.skuId
        ? -1
        : a.skuId > b.skuId
          ? 1
          : 0;

const pairKey = (locationId: string, skuId: string) => `${locationId}\u001f${skuId}`;

/** Tuple lists are sent in chunks so a file of thousands of lines stays within parameter limits. */
const CHUNK = 1000;
function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) result.push(items.slice(start, start + CHUNK));
  return result;
}

export function createStockRepository(db: Knex) {
  async function balancesOf(pairs: readonly StockPair[], trx: Knex, lock: boolean) {
    const found = new Map<string, StockBalance>();
    for (const chunk of chunks(pairs)) {
      const query = trx<BalanceRow>('stock_balances')
        .whereIn(
          ['location_id', 'sku_id'],
          chunk.map((pair) => [pair.locationId, pair.skuId]),
        )
        .orderBy(['location_id', 'sku_id']);
      if (lock) query.forUpdate();
      for (const row of (await query) as BalanceRow[])
        found.set(pairKey(row.location_id, row.sku_id), toBalance(row));
    }
    return pairs.map((pair) => found.get(pairKey(pair.locationId, pair.skuId)) ?? emptyBalance(pair));
  }

  return {
    async findLocations(ids: readonly string[], trx: Knex = db): Promise<Map<string, LocationFacts>> {
      const rows = (await trx('locations')
        .whereIn('id', [...new Set(ids)])
        .select('id', 'kind', 'active')) as Array<{ id: string } & LocationFacts>;
      return new Map(rows.map((row) => [row.id, { kind: row.kind, active: row.active }]));
    },

    async findSkuIds(ids: readonly string[], trx: Knex = db): Promise<Set<string>> {
      const rows = (await trx('skus')
        .whereIn('id', [...new Set(ids)])
        .select('id')) as Array<{ id: string }>;
      return new Set(rows.map((row) => row.id));
    },

    /** Every stock-holding location and every SKU id, for validating a file line by line. */
    async stockCatalog(holdingKinds: readonly string[], trx: Knex = db) {
      const locations = (await trx('locations')
        .whereIn('kind', [...holdingKinds])
        .select('id', 'active')) as Array<{ id: string; active: boolean }>;
      const skus = (await trx('skus').select('id')) as Array<{ id: string }>;
      return {
        locations: new Map(locations.map((row) => [row.id, row.active])),
        skus: new Set(skus.map((row) => row.id)),
      };
    },

    /** Inserts movements in the given order (the trigger updates each balance) and returns them. */
    async insertMovements(movements: readonly NewMovement[], trx: Knex): Promise<StockMovement[]> {
      const inserted: MovementRow[] = [];
      for (const chunk of chunks(movements)) {
        const rows = (await trx('stock_movements')
          .insert(
            chunk.map((movement) => ({
              location_id: movement.locationId,
              sku_id: movement.skuId,
              kind: movement.kind,
              on_hand_delta: movement.onHandDelta ?? 0,
              reserved_delta: movement.reservedDelta ?? 0,
              defective_delta: movement.defectiveDelta ?? 0,
              reference_type: movement.reference?.type ?? null,
              reference_id: movement.reference?.id ?? null,
              transfer_id: movement.transferId ?? null,
              reason: movement.reason ?? null,
              actor: movement.actor,
              created_at: movement.createdAt,
            })),
          )
          .returning('*')) as MovementRow[];
        inserted.push(...rows.sort((a, b) => a.id - b.id));
      }
      return inserted.map(toMovement);
    },

    /** Current balances of the pairs, in the order asked; a pair that never moved reads as zero. */
    getBalances: (pairs: readonly StockPair[], trx: Knex = db) => balancesOf(pairs, trx, false),

    /**
     * The balances of the pairs, locked until the transaction ends (in one key order, so two
     * writers locking overlapping sets cannot deadlock). Pairs without a row are not locked:
     * the insert trigger's upsert serialises their first movements instead.
     */
    lockBalances: (pairs: readonly StockPair[], trx: Knex) => balancesOf(pairs, trx, true),

    /** Units the reference still holds reserved at one location for one SKU. */
    async reservedFor(reference: StockReference, pair: StockPair, trx: Knex = db): Promise<number> {
      const row = (await trx('stock_movements')
        .where({
          location_id: pair.locationId,
          sku_id: pair.skuId,
          reference_type: reference.type,
          reference_id: reference.id,
        })
        .sum({ reserved: 'reserved_delta' })
        .first()) as { reserved: number | string | null } | undefined;
      return Number(row?.reserved ?? 0);
    },

    /** Everything a reference still holds reserved, per location and SKU. */
    async reservationsOf(reference: StockReference, trx: Knex = db) {
      const rows = (await trx('stock_movements')
        .where({ reference_type: reference.type, reference_id: reference.id })
        .groupBy('location_id', 'sku_id')
        .havingRaw('sum(reserved_delta) > 0')
        .select('location_id', 'sku_id', trx.raw('sum(reserved_delta) as qty'))
        .orderBy(['location_id', 'sku_id'])) as Array<{ location_id: string; sku_id: string; qty: number }>;
      return rows.map((row) => ({ locationId: row.location_id, skuId: row.sku_id, qty: Number(row.qty) }));
    },
  };
}

export type StockRepository = ReturnType<typeof createStockRepository>;
