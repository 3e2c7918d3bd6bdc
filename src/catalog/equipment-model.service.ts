import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { problems } from '../http/problem.ts';
import type { EquipmentModelRepository } from './equipment-model.repository.ts';
import type {
  EquipmentModel,
  EquipmentModelCreate,
  EquipmentModelListQuery,
  EquipmentModelUpdate,
} from './equipment-model.schemas.ts';

const entity = 'equipment-model';

export function createEquipmentModelService(deps: { db: Knex; models: EquipmentModelRepository }) {
  const { db, models } = deps;
  return {
    list: (query: EquipmentModelListQuery) => models.list(query),

    async get(id: string): Promise<EquipmentModel> {
      const model = await models.get(id);
      if (!model) throw problems.notFound(entity, id);
      return model;
    },

    create: (input: EquipmentModelCreate, actor: string): Promise<EquipmentModel> =>
      db.transaction(async (trx) => {
        const model = await models.insert(input, trx);
        await recordAudit(trx, { actor, action: 'create', entity, entityId: model.id, data: input });
        return model;
      }),

    update: (id: string, input: EquipmentModelUpdate, actor: string): Promise<EquipmentModel> =>
      db.transaction(async (trx) => {
        const model = await models.update(id, input, trx);
        if (!model) throw problems.notFound(entity, id);
        await recordAudit(trx, { actor, action: 'update', entity, entityId: id, data: input });
        return model;
      }),

    remove: (id: string, actor: string): Promise<void> =>
      db.transaction(async (trx) => {
        if (!(await models.remove(id, trx))) throw problems.notFound(entity, id);
        await recordAudit(trx, { actor, action: 'delete', entity, entityId: id });
      }),
  };
}

export type EquipmentModelService = ReturnType<typeof createEquipmentModelService>;
