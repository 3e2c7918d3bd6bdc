import type { Api } from '../http/api.ts';
import { IdParams } from '../http/schemas.ts';
import {
  Customer,
  CustomerCreate,
  CustomerListQuery,
  CustomerPage,
  CustomerUpdate,
} from './customer.schemas.ts';
import type { CustomerService } from './customer.service.ts';

export function registerCustomerRoutes(api: Api, customers: CustomerService): void {
  const tags = ['customers'];
  api.route({
    method: 'get',
    path: '/customers',
    summary: 'List customers',
    tags,
    permission: 'network:read',
    query: CustomerListQuery,
    response: CustomerPage,
    handler: ({ query }) => customers.list(query),
  });
  api.route({
    method: 'get',
    path: '/customers/:id',
    summary: 'Get a customer',
    tags,
    permission: 'network:read',
    params: IdParams,
    response: Customer,
    handler: ({ params }) => customers.get(params.id),
  });
  api.route({
    method: 'post',
    path: '/customers',
    summary: 'Create a customer',
    tags,
    permission: 'network:write',
    body: CustomerCreate,
    status: 201,
    response: Customer,
    handler: ({ body, actor }) => customers.create(body, actor),
  });
  api.route({
    method: 'patch',
    path: '/customers/:id',
    summary: 'Update a customer',
    tags,
    permission: 'network:write',
    params: IdParams,
    body: CustomerUpdate,
    response: Customer,
    handler: ({ params, body, actor }) => customers.update(params.id, body, actor),
  });
  api.route({
    method: 'delete',
    path: '/customers/:id',
    summary: 'Delete a customer that nothing refers to (409 still-referenced otherwise)',
    tags,
    permission: 'network:write',
    params: IdParams,
    status: 204,
    handler: ({ params, actor }) => customers.remove(params.id, actor),
  });
}
