import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { problems } from '../http/problem.ts';
import type { RegionRepository } from './region.repository.ts';
import type { Region, RegionCreate, RegionListQuery, RegionUpdate } from './region.schemas.ts';

export function createRegionService(deps: { db: Knex; regions: RegionRepository }) {
  const { db, regions } = deps;
  return {
    list: (query: RegionListQuery) => regions.list(query),

    async get(id: string): Promise<Region> {
      const region = await regions.get(id);
      if (!region) throw problems.notFound('region', id);
      return region;
    },

    create: (input: RegionCreate, actor: string): Promise<Region> =>
      db.transaction(async (trx) => {
        const region = await regions.insert(input, trx);
        await recordAudit(trx, {
          actor,
          action: 'create',
          entity: 'region',
          entityId: region.id,
          data: input,
        });
        return region;
      }),

    update: (id: string, input: RegionUpdate, actor: string): Promise<Region> =>
      db.transaction(async (trx) => {
        const region = await regions.update(id, input, trx);
        if (!region) throw problems.notFound('region', id);
        await recordAudit(trx, { actor, action: 'update', entity: 'region', entityId: id, data: input });
        return region;
      }),

    remove: (id: string, actor: string): Promise<void> =>
      db.transaction(async (trx) => {
        if (!(await regions.remove(id, trx))) throw problems.notFound('region', id);
        await recordAudit(trx, { actor, action: 'delete', entity: 'region', entityId: id });
      }),
  };
}

export type RegionService = ReturnType<typeof createRegionService>;
