import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { problems } from '../http/problem.ts';
import type { CustomerRepository } from './customer.repository.ts';
import type { Customer, CustomerCreate, CustomerListQuery, CustomerUpdate } from './customer.schemas.ts';

export function createCustomerService(deps: { db: Knex; customers: CustomerRepository }) {
  const { db, customers } = deps;
  return {
    list: (query: CustomerListQuery) => customers.list(query),

    async get(id: string): Promise<Customer> {
      const customer = await customers.get(id);
      if (!customer) throw problems.notFound('customer', id);
      return customer;
    },

    create: (input: CustomerCreate, actor: string): Promise<Customer> =>
      db.transaction(async (trx) => {
        const customer = await customers.insert(input, trx);
        await recordAudit(trx, {
          actor,
          action: 'create',
          entity: 'customer',
          entityId: customer.id,
          data: input,
        });
        return customer;
      }),

    update: (id: string, input: CustomerUpdate, actor: string): Promise<Customer> =>
      db.transaction(async (trx) => {
        const customer = await customers.update(id, input, trx);
        if (!customer) throw problems.notFound('customer', id);
        await recordAudit(trx, { actor, action: 'update', entity: 'customer', entityId: id, data: input });
        return customer;
      }),

    remove: (id: string, actor: string): Promise<void> =>
      db.transaction(async (trx) => {
        if (!(await customers.remove(id, trx))) throw problems.notFound('customer', id);
        await recordAudit(trx, { actor, action: 'delete', entity: 'customer', entityId: id });
      }),
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;
