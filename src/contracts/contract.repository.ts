import type { Knex } from 'knex';
import type { OutOfWarrantyPolicy, ProfileOverrides, Tier } from '../commitments/index.ts';
import { paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type { Contract, ContractListQuery, ContractUpdate } from './contract.schemas.ts';

/** A contract's terms without its timestamps: what a create writes. */
export type ContractValues = Omit<Contract, 'createdAt' | 'updatedAt'>;

interface ContractRow {
  id: string;
  customer_id: string;
  profile_id: string;
  tier: Tier;
  overrides: ProfileOverrides;
  out_of_warranty_policy: OutOfWarrantyPolicy;
  starts_on: string;
  ends_on: string | null;
  created_at: Date;
  updated_at: Date;
}

const toContract = (row: ContractRow): Contract => ({
  id: row.id,
  customerId: row.customer_id,
  profileId: row.profile_id,
  tier: row.tier,
  overrides: row.overrides,
  outOfWarrantyPolicy: row.out_of_warranty_policy,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  createdAt: toIso(row.created_at)!,
  updatedAt: toIso(row.updated_at)!,
});

const sortColumns = { id: 'id', startsOn: 'starts_on', createdAt: 'created_at' };

/** Customers' contracts: a profile, a tier, overrides and the dates they run. */
export function createContractRepository(db: Knex) {
  return {
    async list(query: ContractListQuery, trx: Knex = db): Promise<Page<Contract>> {
      const builder = trx<ContractRow>('contracts').select('*');
      if (query.customerId) builder.where('customer_id', query.customerId);
      if (query.profileId) builder.where('profile_id', query.profileId);
      if (query.tier) builder.where('tier', query.tier);
      if (query.activeOn)
        builder
          .where('starts_on', '<=', query.activeOn)
          .andWhere((ends) => ends.whereNull('ends_on').orWhere('ends_on', '>=', query.activeOn!));
      const page = await paginate<ContractRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map(toContract), nextCursor: page.nextCursor };
    },

    async get(id: string, trx: Knex = db): Promise<Contract | undefined> {
      const row = await trx<ContractRow>('contracts').where({ id }).first();
      return row ? toContract(row) : undefined;
    },

    /** Every contract on a profile, to check them against a new definition of it. */
    async onProfile(profileId: string, trx: Knex = db): Promise<Contract[]> {
      const rows: ContractRow[] = await trx('contracts').where({ profile_id: profileId }).orderBy('id');
      return rows.map(toContract);
    },

    async insert(values: ContractValues, trx: Knex = db): Promise<Contract> {
      const [row] = await trx('contracts')
        .insert({
          id: values.id,
          customer_id: values.customerId,
          profile_id: values.profileId,
          tier: values.tier,
          overrides: JSON.stringify(values.overrides),
          out_of_warranty_policy: values.outOfWarrantyPolicy,
          starts_on: values.startsOn,
          ends_on: values.endsOn,
        })
        .returning('*');
      return toContract(row as ContractRow);
    },

    async update(id: string, input: ContractUpdate, trx: Knex = db): Promise<Contract | undefined> {
      const changes: Record<string, unknown> = { updated_at: trx.fn.now() };
      if (input.profileId !== undefined) changes.profile_id = input.profileId;
      if (input.tier !== undefined) changes.tier = input.tier;
      if (input.overrides !== undefined) changes.overrides = JSON.stringify(input.overrides);
      if (input.outOfWarrantyPolicy !== undefined) changes.out_of_warranty_policy = input.outOfWarrantyPolicy;
      if (input.startsOn !== undefined) changes.starts_on = input.startsOn;
      if (input.endsOn !== undefined) changes.ends_on = input.endsOn;
      const [row] = await trx('contracts').where({ id }).update(changes).returning('*');
      return row ? toContract(row as ContractRow) : undefined;
    },

    /** Deletes the contract; the database refuses (23503) while a ticket refers to it. */
    async remove(id: string, trx: Knex = db): Promise<boolean> {
      return (await trx('contracts').where({ id }).delete()) > 0;
    },
  };
}

export type ContractRepository = ReturnType<typeof createContractRepository>;
