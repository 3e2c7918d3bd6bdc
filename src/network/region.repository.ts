import type { Knex } from 'knex';
import { containsPattern, paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type { Region, RegionCreate, RegionListQuery, RegionUpdate } from './region.schemas.ts';

interface RegionRow {
  id: string;
  name: string;
  name_zh: string | null;
  time_zone: string;
  created_at: Date;
  updated_at: Date;
}

const toRegion = (row: RegionRow): Region => ({
  id: row.id,
  name: row.name,
  nameZh: row.name_zh,
  timeZone: row.time_zone,
  createdAt: toIso(row.created_at)!,
  updatedAt: toIso(row.updated_at)!,
});

const sortColumns = { id: 'id', name: 'name', createdAt: 'created_at' };

/** Regions: a province or a city region, with the time zone its calendars run in. */
export function createRegionRepository(db: Knex) {
  return {
    async list(query: RegionListQuery, trx: Knex = db): Promise<Page<Region>> {
      const builder = trx<RegionRow>('regions').select('*');
      if (query.q) {
        const pattern = containsPattern(query.q);
        builder.where((match) => match.whereILike('name', pattern).orWhereILike('name_zh', pattern));
      }
      const page = await paginate<RegionRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map(toRegion), nextCursor: page.nextCursor };
    },

    async get(id: string, trx: Knex = db): Promise<Region | undefined> {
      const row = await trx<RegionRow>('regions').where({ id }).first();
      return row ? toRegion(row) : undefined;
    },

    async insert(input: RegionCreate, trx: Knex = db): Promise<Region> {
      const [row] = await trx<RegionRow>('regions')
        .insert({
          id: input.id,
          name: input.name,
          name_zh: input.nameZh ?? null,
          ...(input.timeZone ? { time_zone: input.timeZone } : {}),
        })
        .returning('*');
      return toRegion(row as RegionRow);
    },

    async update(id: string, input: RegionUpdate, trx: Knex = db): Promise<Region | undefined> {
      const changes: Record<string, unknown> = { updated_at: trx.fn.now() };
      if (input.name !== undefined) changes.name = input.name;
      if (input.nameZh !== undefined) changes.name_zh = input.nameZh;
      if (input.timeZone !== undefined) changes.time_zone = input.timeZone;
      const [row] = await trx('regions').where({ id }).update(changes).returning('*');
      return row ? toRegion(row as RegionRow) : undefined;
    },

    /** Deletes the region; the database refuses (23503) while zones, locations or customers use it. */
    async remove(id: string, trx: Knex = db): Promise<boolean> {
      return (await trx('regions').where({ id }).delete()) > 0;
    },
  };
}

export type RegionRepository = ReturnType<typeof createRegionRepository>;
