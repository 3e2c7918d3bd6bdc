import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { problems } from '../http/problem.ts';
import type { ZoneRepository } from './zone.repository.ts';
import type { Zone, ZoneCreate, ZoneListQuery, ZoneUpdate } from './zone.schemas.ts';

export function createZoneService(deps: { db: Knex; zones: ZoneRepository }) {
  const { db, zones } = deps;
  return {
    list: (query: ZoneListQuery) => zones.list(query),

    async get(id: string): Promise<Zone> {
      const zone = await zones.get(id);
      if (!zone) throw problems.notFound('zone', id);
      return zone;
    },

    create: (input: ZoneCreate, actor: string): Promise<Zone> =>
      db.transaction(async (trx) => {
        const zone = await zones.insert(input, trx);
        await recordAudit(trx, { actor, action: 'create', entity: 'zone', entityId: zone.id, data: input });
        return zone;
      }),

    update: (id: string, input: ZoneUpdate, actor: string): Promise<Zone> =>
      db.transaction(async (trx) => {
        const zone = await zones.update(id, input, trx);
        if (!zone) throw problems.notFound('zone', id);
        await recordAudit(trx, { actor, action: 'update', entity: 'zone', entityId: id, data: input });
        return zone;
      }),

    remove: (id: string, actor: string): Promise<void> =>
      db.transaction(async (trx) => {
        if (!(await zones.remove(id, trx))) throw problems.notFound('zone', id);
        await recordAudit(trx, { actor, action: 'delete', entity: 'zone', entityId: id });
      }),
  };
}

export type ZoneService = ReturnType<typeof createZoneService>;
