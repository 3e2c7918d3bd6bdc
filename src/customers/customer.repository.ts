import type { Knex } from 'knex';
import { containsPattern, paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type { Customer, CustomerCreate, CustomerListQuery, CustomerUpdate } from './customer.schemas.ts';

interface CustomerRow {
  id: string;
  name: string;
  kind: string;
  region_id: string | null;
  contact: string | null;
  created_at: Date;
  updated_at: Date;
}

const toCustomer = (row: CustomerRow): Customer => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  regionId: row.region_id,
  contact: row.contact,
  createdAt: toIso(row.created_at)!,
  updatedAt: toIso(row.updated_at)!,
});

const sortColumns = { id: 'id', name: 'name', createdAt: 'created_at' };

/** Customers: hospitals, schools, farms, … whose sites hold the installed equipment. */
export function createCustomerRepository(db: Knex) {
  return {
    async list(query: CustomerListQuery, trx: Knex = db): Promise<Page<Customer>> {
      const builder = trx<CustomerRow>('customers').select('*');
      if (query.kind) builder.where('kind', query.kind);
      if (query.regionId) builder.where('region_id', query.regionId);
      if (query.q) builder.whereILike('name', containsPattern(query.q));
      const page = await paginate<CustomerRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map(toCustomer), nextCursor: page.nextCursor };
    },

    async get(id: string, trx: Knex = db): Promise<Customer | undefined> {
      const row = await trx<CustomerRow>('customers').where({ id }).first();
      return row ? toCustomer(row) : undefined;
    },

    async insert(input: CustomerCreate, trx: Knex = db): Promise<Customer> {
      const [row] = await trx<CustomerRow>('customers')
        .insert({
          id: input.id,
          name: input.name,
          kind: input.kind,
          region_id: input.regionId ?? null,
          contact: input.contact ?? null,
        })
        .returning('*');
      return toCustomer(row as CustomerRow);
    },

    async update(id: string, input: CustomerUpdate, trx: Knex = db): Promise<Customer | undefined> {
      const changes: Record<string, unknown> = { updated_at: trx.fn.now() };
      if (input.name !== undefined) changes.name = input.name;
      if (input.kind !== undefined) changes.kind = input.kind;
      if (input.regionId !== undefined) changes.region_id = input.regionId;
      if (input.contact !== undefined) changes.contact = input.contact;
      const [row] = await trx('customers').where({ id }).update(changes).returning('*');
      return row ? toCustomer(row as CustomerRow) : undefined;
    },

    /** Deletes the customer; the database refuses (23503) while its sites, contracts or tickets exist. */
    async remove(id: string, trx: Knex = db): Promise<boolean> {
      return (await trx('customers').where({ id }).delete()) > 0;
    },
  };
}

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
