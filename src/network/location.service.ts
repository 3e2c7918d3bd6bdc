import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { problems } from '../http/problem.ts';
import type { LocationRepository } from './location.repository.ts';
import type { Location, LocationCreate, LocationListQuery, LocationUpdate } from './location.schemas.ts';

export function createLocationService(deps: { db: Knex; locations: LocationRepository }) {
  const { db, locations } = deps;
  return {
    list: (query: LocationListQuery) => locations.list(query),

    async get(id: string): Promise<Location> {
      const location = await locations.get(id);
      if (!location) throw problems.notFound('location', id);
      return location;
    },

    create: (input: LocationCreate, actor: string): Promise<Location> =>
      db.transaction(async (trx) => {
        const location = await locations.insert(input, trx);
        await recordAudit(trx, {
          actor,
          action: 'create',
          entity: 'location',
          entityId: location.id,
          data: input,
        });
        return location;
      }),

    update: (id: string, input: LocationUpdate, actor: string): Promise<Location> =>
      db.transaction(async (trx) => {
        const location = await locations.update(id, input, trx);
        if (!location) throw problems.notFound('location', id);
        await recordAudit(trx, { actor, action: 'update', entity: 'location', entityId: id, data: input });
        return location;
      }),
  };
}

export type LocationService = ReturnType<typeof createLocationService>;
