import type { Knex } from 'knex';
import { containsPattern, paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type { Sku, SkuListQuery, SkuUpdate } from './sku.schemas.ts';

/** An SKU's figures without its timestamps: what a create, an update or an import row writes. */
export type SkuValues = Omit<Sku, 'createdAt' | 'updatedAt'>;

interface SkuRow {
  id: string;
  kind: Sku['kind'];
  name: string;
  model_id: string | null;
  unit_cost: number;
  pack_size: number;
  min_order_qty: number;
  supplier_id: string | null;
  lead_time_days_mean: number;
  lead_time_days_sd: number;
  end_of_life: string | null;
  load_units: number;
  created_at: Date;
  updated_at: Date;
}

const toSku = (row: SkuRow, fits: string[], supersedes: string[]): Sku => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  modelId: row.model_id,
  fits,
  supersedes,
  unitCost: row.unit_cost,
  packSize: row.pack_size,
  minOrderQty: row.min_order_qty,
  supplierId: row.supplier_id,
  leadTimeDaysMean: row.lead_time_days_mean,
  leadTimeDaysSd: row.lead_time_days_sd,
  endOfLife: row.end_of_life,
  loadUnits: row.load_units,
  createdAt: toIso(row.created_at)!,
  updatedAt: toIso(row.updated_at)!,
});

const columnOf = {
  kind: 'kind',
  name: 'name',
  modelId: 'model_id',
  unitCost: 'unit_cost',
  packSize: 'pack_size',
  minOrderQty: 'min_order_qty',
  supplierId: 'supplier_id',
  leadTimeDaysMean: 'lead_time_days_mean',
  leadTimeDaysSd: 'lead_time_days_sd',
  endOfLife: 'end_of_life',
  loadUnits: 'load_units',
} as const;

const toColumns = (values: Partial<SkuValues>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(columnOf)
      .filter(([field]) => values[field as keyof typeof columnOf] !== undefined)
      .map(([field, column]) => [column, values[field as keyof typeof columnOf]]),
  );

const sortColumns = { id: 'id', name: 'name', unitCost: 'unit_cost', createdAt: 'created_at' };

/** Statements stay well under PostgreSQL's 65535 bind parameters. */
const CHUNK = 500;
const chunks = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}

/**
 * Serialises every change to the supersession graph, so that two transactions cannot each add
 * half of a cycle that neither sees. The key is this lock's own number, shared by no other lock.
 */
const SUPERSESSION_LOCK = 4_207_310_001;

/** Parts and spare-unit SKUs with the models they fit and the SKUs they supersede. */
export function createSkuRepository(db: Knex) {
  /** Each row's fits and supersessions, two queries for the whole page. */
  async function withLinks(rows: SkuRow[], trx: Knex): Promise<Sku[]> {
    const ids = rows.map((row) => row.id);
    // One after another: inside a transaction both would queue on its one connection anyway.
    const fits = await trx('sku_fits').whereIn('sku_id', ids).orderBy(['sku_id', 'model_id']);
    const supersessions = await trx('sku_supersessions')
      .whereIn('sku_id', ids)
      .orderBy(['sku_id', 'supersedes_id']);
    const group = (links: Array<Record<string, string>>, column: string) => {
      const byId = new Map<string, string[]>();
      for (const link of links) pushTo(byId, link.sku_id!, link[column]!);
      return byId;
    };
    const fitsOf = group(fits, 'model_id');
    const supersedesOf = group(supersessions, 'supersedes_id');
    return rows.map((row) => toSku(row, fitsOf.get(row.id) ?? [], supersedesOf.get(row.id) ?? []));
  }

  /** Replaces the lists given (an absent list is kept) for each SKU. */
  async function replaceLinks(
    skus: ReadonlyArray<{ id: string; fits?: readonly string[]; supersedes?: readonly string[] }>,
    trx: Knex,
  ): Promise<void> {
    const withFits = skus.filter((sku) => sku.fits !== undefined);
    const withSupersedes = skus.filter((sku) => sku.supersedes !== undefined);
    for (const part of chunks(withFits.map((sku) => sku.id)))
      await trx('sku_fits').whereIn('sku_id', part).delete();
    for (const part of chunks(withSupersedes.map((sku) => sku.id)))
      await trx('sku_supersessions').whereIn('sku_id', part).delete();
    const fits = withFits.flatMap((sku) =>
      sku.fits!.map((modelId) => ({ sku_id: sku.id, model_id: modelId })),
    );
    const supersessions = withSupersedes.flatMap((sku) =>
      sku.supersedes!.map((oldId) => ({ sku_id: sku.id, supersedes_id: oldId })),
    );
    for (const part of chunks(fits)) await trx('sku_fits').insert(part);
    for (const part of chunks(supersessions)) await trx('sku_supersessions').insert(part);
  }

  async function list(query: SkuListQuery, trx: Knex = db): Promise<Page<Sku>> {
    const builder = trx<SkuRow>('skus').select('*');
    if (query.kind) builder.where('kind', query.kind);
    if (query.modelId) builder.where('model_id', query.modelId);
    if (query.supplierId) builder.where('supplier_id', query.supplierId);
    if (query.fits) builder.whereIn('id', trx('sku_fits').select('sku_id').where('model_id', query.fits));
    if (query.q) builder.whereILike('name', containsPattern(query.q));
    const page = await paginate<SkuRow & Record<string, unknown>>(builder, {
      sort: query.sort,
      columns: sortColumns,
      idColumn: 'id',
      cursor: query.cursor,
      limit: query.limit,
    });
    return { items: await withLinks(page.rows, trx), nextCursor: page.nextCursor };
  }

  async function get(id: string, trx: Knex = db): Promise<Sku | undefined> {
    const row = await trx<SkuRow>('skus').where({ id }).first();
    return row ? (await withLinks([row], trx))[0] : undefined;
  }

  return {
    list,
    get,

    /** The whole catalog in id order, a page at a time, for the CSV export. */
    async *batches(size = CHUNK, trx: Knex = db): AsyncGenerator<Sku[]> {
      let cursor: string | undefined;
      do {
        const page = await list({ sort: 'id', limit: size, cursor }, trx);
        yield page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    },

    async insert(values: SkuValues, trx: Knex = db): Promise<void> {
      await trx('skus').insert({ id: values.id, ...toColumns(values) });
      await replaceLinks([values], trx);
    },

    /** Updates the figures given; a list given replaces the old one. False when there is no such SKU. */
    async update(id: string, changes: SkuUpdate, trx: Knex = db): Promise<boolean> {
      const updated = await trx('skus')
        .where({ id })
        .update({ ...toColumns(changes), updated_at: trx.fn.now() });
      if (updated === 0) return false;
      await replaceLinks([{ id, fits: changes.fits, supersedes: changes.supersedes }], trx);
      return true;
    },

    /** Inserts new SKUs and overwrites existing ones, figures and lists, keeping their creation time. */
    async upsert(skus: readonly SkuValues[], trx: Knex = db): Promise<void> {
      const merged = [...Object.values(columnOf), 'updated_at'];
      for (const part of chunks(skus))
        await trx('skus')
          .insert(part.map((sku) => ({ id: sku.id, ...toColumns(sku), updated_at: trx.fn.now() })))
          .onConflict('id')
          .merge(merged);
      await replaceLinks(skus, trx);
    },

    /** Deletes the SKU; the database refuses (23503) while stock, tickets or a newer SKU refer to it. */
    async remove(id: string, trx: Knex = db): Promise<boolean> {
      return (await trx('skus').where({ id }).delete()) > 0;
    },

    /** Which of `ids` exist in `table` (skus, equipment_models or suppliers). */
    async existing(table: 'skus' | 'equipment_models' | 'suppliers', ids: Iterable<string>, trx: Knex = db) {
      const found = new Set<string>();
      for (const part of chunks([...new Set(ids)])) {
        const rows: Array<{ id: string }> = await trx(table).whereIn('id', part).select('id');
        for (const row of rows) found.add(row.id);
      }
      return found;
    },

    /** Takes the supersession lock for the rest of the transaction. */
    async lockSupersessions(trx: Knex): Promise<void> {
      await trx.raw('select pg_advisory_xact_lock(?)', [SUPERSESSION_LOCK]);
    },

    /** The supersession graph: each SKU with the SKUs it supersedes. */
    async supersessionGraph(trx: Knex = db): Promise<Map<string, string[]>> {
      const graph = new Map<string, string[]>();
      const edges: Array<{ sku_id: string; supersedes_id: string }> = await trx('sku_supersessions').select(
        'sku_id',
        'supersedes_id',
      );
      for (const edge of edges) pushTo(graph, edge.sku_id, edge.supersedes_id);
      return graph;
    },
  };
}

export type SkuRepository = ReturnType<typeof createSkuRepository>;
