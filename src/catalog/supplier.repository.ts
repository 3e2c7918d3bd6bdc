import type { Knex } from 'knex';
import { containsPattern, paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type { Supplier, SupplierCreate, SupplierListQuery, SupplierUpdate } from './supplier.schemas.ts';

interface SupplierRow {
  id: string;
  name: string;
  created_at: Date;
  updated_at: Date;
}

const toSupplier = (row: SupplierRow): Supplier => ({
  id: row.id,
  name: row.name,
  createdAt: toIso(row.created_at)!,
  updatedAt: toIso(row.updated_at)!,
});

const sortColumns = { id: 'id', name: 'name', createdAt: 'created_at' };

/** Suppliers of parts and spare units. */
export function createSupplierRepository(db: Knex) {
  return {
    async list(query: SupplierListQuery, trx: Knex = db): Promise<Page<Supplier>> {
      const builder = trx<SupplierRow>('suppliers').select('*');
      if (query.q) builder.whereILike('name', containsPattern(query.q));
      const page = await paginate<SupplierRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map(toSupplier), nextCursor: page.nextCursor };
    },

    async get(id: string, trx: Knex = db): Promise<Supplier | undefined> {
      const row = await trx<SupplierRow>('suppliers').where({ id }).first();
      return row ? toSupplier(row) : undefined;
    },

    async insert(input: SupplierCreate, trx: Knex = db): Promise<Supplier> {
      const [row] = await trx<SupplierRow>('suppliers')
        .insert({ id: input.id, name: input.name })
        .returning('*');
      return toSupplier(row as SupplierRow);
    },

    async update(id: string, input: SupplierUpdate, trx: Knex = db): Promise<Supplier | undefined> {
      const [row] = await trx('suppliers')
        .where({ id })
        .update({ name: input.name, updated_at: trx.fn.now() })
        .returning('*');
      return row ? toSupplier(row as SupplierRow) : undefined;
    },

    /** Deletes the supplier; the database refuses (23503) while an SKU names it. */
    async remove(id: string, trx: Knex = db): Promise<boolean> {
      return (await trx('suppliers').where({ id }).delete()) > 0;
    },
  };
}

export type SupplierRepository = ReturnType<typeof createSupplierRepository>;
