import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { DEFAULT_TIME_ZONE, localDateOf } from '../commitments/index.ts';
import { problems } from '../http/problem.ts';
import type { LocationRepository } from '../network/location.repository.ts';
import type { RegionRepository } from '../network/region.repository.ts';
import type { EquipmentRepository } from './equipment.repository.ts';
import type {
  Equipment,
  EquipmentCreate,
  EquipmentListQuery,
  EquipmentUpdate,
  EquipmentWarranty,
} from './equipment.schemas.ts';
import { warrantyOn } from './warranty-status.ts';

const entity = 'equipment';

export function createEquipmentService(deps: {
  db: Knex;
  equipment: EquipmentRepository;
  locations: LocationRepository;
  regions: RegionRepository;
  now: () => Date;
}) {
  const { db, equipment, locations, regions, now } = deps;

  async function mustGet(id: string, trx: Knex = db): Promise<Equipment> {
    const found = await equipment.get(id, trx);
    if (!found) throw problems.notFound(entity, id);
    return found;
  }

  /** Equipment is installed at a customer site, not at a depot, an office or in a van. */
  async function checkSite(siteId: string, trx: Knex): Promise<void> {
    const site = await locations.get(siteId, trx);
    if (!site) throw problems.validation([{ field: 'body.siteId', message: `no location ${siteId}` }]);
    if (site.kind !== 'site')
      throw problems.validation([
        { field: 'body.siteId', message: `${siteId} is a ${site.kind}, not a customer site` },
      ]);
  }

  /** Today where the equipment is: the date in its site's region's time zone. */
  async function todayAt(siteId: string): Promise<string> {
    const site = await locations.get(siteId);
    const region = site ? await regions.get(site.regionId) : undefined;
    return localDateOf(now(), region?.timeZone ?? DEFAULT_TIME_ZONE);
  }

  return {
    list: (query: EquipmentListQuery) => equipment.list(query),
    get: (id: string) => mustGet(id),

    create: (input: EquipmentCreate, actor: string): Promise<Equipment> =>
      db.transaction(async (trx) => {
        await checkSite(input.siteId, trx);
        await equipment.insert(input, trx);
        await recordAudit(trx, { actor, action: 'create', entity, entityId: input.id, data: input });
        return mustGet(input.id, trx);
      }),

    update: (id: string, input: EquipmentUpdate, actor: string): Promise<Equipment> =>
      db.transaction(async (trx) => {
        await mustGet(id, trx);
        if (input.siteId !== undefined) await checkSite(input.siteId, trx);
        await equipment.update(id, input, trx);
        await recordAudit(trx, { actor, action: 'update', entity, entityId: id, data: input });
        return mustGet(id, trx);
      }),

    remove: (id: string, actor: string): Promise<void> =>
      db.transaction(async (trx) => {
        if (!(await equipment.remove(id, trx))) throw problems.notFound(entity, id);
        await recordAudit(trx, { actor, action: 'delete', entity, entityId: id });
      }),

    async warranty(id: string, at?: string): Promise<EquipmentWarranty> {
      const found = await mustGet(id);
      return warrantyOn(found, at ?? (await todayAt(found.siteId)));
    },
  };
}

export type EquipmentService = ReturnType<typeof createEquipmentService>;
