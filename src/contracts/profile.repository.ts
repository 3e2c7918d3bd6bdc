import type { Knex } from 'knex';
import type { ProfileOverrides } from '../commitments/index.ts';
import { containsPattern, paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type { CommitmentProfile, ProfileCreate, ProfileListQuery, ProfileUpdate } from './profile.schemas.ts';

interface ProfileRow {
  id: string;
  name: string;
  definition: ProfileOverrides;
  created_at: Date;
  updated_at: Date;
}

const toProfile = (row: ProfileRow): CommitmentProfile => ({
  id: row.id,
  name: row.name,
  definition: row.definition,
  createdAt: toIso(row.created_at)!,
  updatedAt: toIso(row.updated_at)!,
});

const sortColumns = { id: 'id', name: 'name', createdAt: 'created_at' };

/** Commitment profiles; definitions are stored as jsonb, validated before they get here. */
export function createProfileRepository(db: Knex) {
  return {
    async list(query: ProfileListQuery, trx: Knex = db): Promise<Page<CommitmentProfile>> {
      const builder = trx<ProfileRow>('commitment_profiles').select('*');
      if (query.q) builder.whereILike('name', containsPattern(query.q));
      const page = await paginate<ProfileRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map(toProfile), nextCursor: page.nextCursor };
    },

    async get(id: string, trx: Knex = db): Promise<CommitmentProfile | undefined> {
      const row = await trx<ProfileRow>('commitment_profiles').where({ id }).first();
      return row ? toProfile(row) : undefined;
    },

    /**
     * The profile, share-locked until the transaction ends: a contract validated against it cannot
     * be committed while the profile's definition changes under it, nor the other way round.
     */
    async getForShare(id: string, trx: Knex): Promise<CommitmentProfile | undefined> {
      const row = await trx<ProfileRow>('commitment_profiles').where({ id }).forShare().first();
      return row ? toProfile(row) : undefined;
    },

    async insert(input: ProfileCreate, trx: Knex = db): Promise<CommitmentProfile> {
      const [row] = await trx('commitment_profiles')
        .insert({ id: input.id, name: input.name, definition: JSON.stringify(input.definition) })
        .returning('*');
      return toProfile(row as ProfileRow);
    },

    async update(id: string, input: ProfileUpdate, trx: Knex = db): Promise<CommitmentProfile | undefined> {
      const changes: Record<string, unknown> = { updated_at: trx.fn.now() };
      if (input.name !== undefined) changes.name = input.name;
      if (input.definition !== undefined) changes.definition = JSON.stringify(input.definition);
      const [row] = await trx('commitment_profiles').where({ id }).update(changes).returning('*');
      return row ? toProfile(row as ProfileRow) : undefined;
    },

    /** Deletes the profile; the database refuses (23503) while a contract uses it. */
    async remove(id: string, trx: Knex = db): Promise<boolean> {
      return (await trx('commitment_profiles').where({ id }).delete()) > 0;
    },
  };
}

export type ProfileRepository = ReturnType<typeof createProfileRepository>;
