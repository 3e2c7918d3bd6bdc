import type { Knex } from 'knex';
import { containsPattern, paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type { Zone, ZoneCreate, ZoneListQuery, ZoneUpdate } from './zone.schemas.ts';

interface ZoneRow {
  id: string;
  region_id: string;
  name: string;
  kind: Zone['kind'];
  created_at: Date;
  updated_at: Date;
}

const toZone = (row: ZoneRow): Zone => ({
  id: row.id,
  regionId: row.region_id,
  name: row.name,
  kind: row.kind,
  createdAt: toIso(row.created_at)!,
  updatedAt: toIso(row.updated_at)!,
});

const sortColumns = { id: 'id', name: 'name', createdAt: 'created_at' };

/** Service zones within a region. */
export function createZoneRepository(db: Knex) {
  return {
    async list(query: ZoneListQuery, trx: Knex = db): Promise<Page<Zone>> {
      const builder = trx<ZoneRow>('zones').select('*');
      if (query.regionId) builder.where('region_id', query.regionId);
      if (query.kind) builder.where('kind', query.kind);
      if (query.q) builder.whereILike('name', containsPattern(query.q));
      const page = await paginate<ZoneRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map(toZone), nextCursor: page.nextCursor };
    },

    async get(id: string, trx: Knex = db): Promise<Zone | undefined> {
      const row = await trx<ZoneRow>('zones').where({ id }).first();
      return row ? toZone(row) : undefined;
    },

    async insert(input: ZoneCreate, trx: Knex = db): Promise<Zone> {
      const [row] = await trx<ZoneRow>('zones')
        .insert({ id: input.id, region_id: input.regionId, name: input.name, kind: input.kind })
        .returning('*');
      return toZone(row as ZoneRow);
    },

    async update(id: string, input: ZoneUpdate, trx: Knex = db): Promise<Zone | undefined> {
      const changes: Record<string, unknown> = { updated_at: trx.fn.now() };
      if (input.name !== undefined) changes.name = input.name;
      if (input.kind !== undefined) changes.kind = input.kind;
      const [row] = await trx('zones').where({ id }).update(changes).returning('*');
      return row ? toZone(row as ZoneRow) : undefined;
    },

    /** Deletes the zone; the database refuses (23503) while a location is in it. */
    async remove(id: string, trx: Knex = db): Promise<boolean> {
      return (await trx('zones').where({ id }).delete()) > 0;
    },
  };
}

export type ZoneRepository = ReturnType<typeof createZoneRepository>;
