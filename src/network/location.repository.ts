import type { Knex } from 'knex';
import { containsPattern, paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type { Location, LocationCreate, LocationListQuery, LocationUpdate } from './location.schemas.ts';

interface LocationRow {
  id: string;
  kind: Location['kind'];
  name: string;
  region_id: string;
  zone_id: string | null;
  lat: number;
  lon: number;
  address: string | null;
  city: string | null;
  serving_office_id: string | null;
  customer_id: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const toLocation = (row: LocationRow): Location => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  regionId: row.region_id,
  zoneId: row.zone_id,
  lat: row.lat,
  lon: row.lon,
  address: row.address,
  city: row.city,
  servingOfficeId: row.serving_office_id,
  customerId: row.customer_id,
  active: row.active,
  createdAt: toIso(row.created_at)!,
  updatedAt: toIso(row.updated_at)!,
});

const sortColumns = { id: 'id', name: 'name', createdAt: 'created_at' };

/** Locations: depots, offices, customer sites and vans. Accepts a transaction for every call. */
export function createLocationRepository(db: Knex) {
  return {
    async list(query: LocationListQuery, trx: Knex = db): Promise<Page<Location>> {
      const builder = trx<LocationRow>('locations').select('*');
      if (query.kind) builder.where('kind', query.kind);
      if (query.regionId) builder.where('region_id', query.regionId);
      if (query.zoneId) builder.where('zone_id', query.zoneId);
      if (query.customerId) builder.where('customer_id', query.customerId);
      if (query.q) builder.whereILike('name', containsPattern(query.q));
      const page = await paginate<LocationRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map(toLocation), nextCursor: page.nextCursor };
    },

    async get(id: string, trx: Knex = db): Promise<Location | undefined> {
      const row = await trx<LocationRow>('locations').where({ id }).first();
      return row ? toLocation(row) : undefined;
    },

    async insert(input: LocationCreate, trx: Knex = db): Promise<Location> {
      const [row] = await trx<LocationRow>('locations')
        .insert({
          id: input.id,
          kind: input.kind,
          name: input.name,
          region_id: input.regionId,
          zone_id: input.zoneId ?? null,
          lat: input.lat,
          lon: input.lon,
          address: input.address ?? null,
          city: input.city ?? null,
          serving_office_id: input.servingOfficeId ?? null,
          customer_id: input.customerId ?? null,
          active: input.active ?? true,
        })
        .returning('*');
      return toLocation(row as LocationRow);
    },

    async update(id: string, input: LocationUpdate, trx: Knex = db): Promise<Location | undefined> {
      const changes: Record<string, unknown> = { updated_at: trx.fn.now() };
      if (input.name !== undefined) changes.name = input.name;
      if (input.zoneId !== undefined) changes.zone_id = input.zoneId;
      if (input.lat !== undefined) changes.lat = input.lat;
      if (input.lon !== undefined) changes.lon = input.lon;
      if (input.address !== undefined) changes.address = input.address;
      if (input.city !== undefined) changes.city = input.city;
      if (input.servingOfficeId !== undefined) changes.serving_office_id = input.servingOfficeId;
      if (input.active !== undefined) changes.active = input.active;
      const [row] = await trx('locations').where({ id }).update(changes).returning('*');
      return row ? toLocation(row as LocationRow) : undefined;
    },
  };
}

export type LocationRepository = ReturnType<typeof createLocationRepository>;
