import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { problems } from '../http/problem.ts';
import type { SupplierRepository } from './supplier.repository.ts';
import type { Supplier, SupplierCreate, SupplierListQuery, SupplierUpdate } from './supplier.schemas.ts';

const entity = 'supplier';

export function createSupplierService(deps: { db: Knex; suppliers: SupplierRepository }) {
  const { db, suppliers } = deps;
  return {
    list: (query: SupplierListQuery) => suppliers.list(query),

    async get(id: string): Promise<Supplier> {
      const supplier = await suppliers.get(id);
      if (!supplier) throw problems.notFound(entity, id);
      return supplier;
    },

    create: (input: SupplierCreate, actor: string): Promise<Supplier> =>
      db.transaction(async (trx) => {
        const supplier = await suppliers.insert(input, trx);
        await recordAudit(trx, { actor, action: 'create', entity, entityId: supplier.id, data: input });
        return supplier;
      }),

    update: (id: string, input: SupplierUpdate, actor: string): Promise<Supplier> =>
      db.transaction(async (trx) => {
        const supplier = await suppliers.update(id, input, trx);
        if (!supplier) throw problems.notFound(entity, id);
        await recordAudit(trx, { actor, action: 'update', entity, entityId: id, data: input });
        return supplier;
      }),

    remove: (id: string, actor: string): Promise<void> =>
      db.transaction(async (trx) => {
        if (!(await suppliers.remove(id, trx))) throw problems.notFound(entity, id);
        await recordAudit(trx, { actor, action: 'delete', entity, entityId: id });
      }),
  };
}

export type SupplierService = ReturnType<typeof createSupplierService>;
