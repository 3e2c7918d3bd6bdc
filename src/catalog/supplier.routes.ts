import type { Api } from '../http/api.ts';
import { IdParams } from '../http/schemas.ts';
import {
  Supplier,
  SupplierCreate,
  SupplierListQuery,
  SupplierPage,
  SupplierUpdate,
} from './supplier.schemas.ts';
import type { SupplierService } from './supplier.service.ts';

export function registerSupplierRoutes(api: Api, suppliers: SupplierService): void {
  const tags = ['catalog'];
  api.route({
    method: 'get',
    path: '/suppliers',
    summary: 'List suppliers',
    tags,
    permission: 'network:read',
    query: SupplierListQuery,
    response: SupplierPage,
    handler: ({ query }) => suppliers.list(query),
  });
  api.route({
    method: 'get',
    path: '/suppliers/:id',
    summary: 'Get a supplier',
    tags,
    permission: 'network:read',
    params: IdParams,
    response: Supplier,
    handler: ({ params }) => suppliers.get(params.id),
  });
  api.route({
    method: 'post',
    path: '/suppliers',
    summary: 'Create a supplier',
    tags,
    permission: 'network:write',
    body: SupplierCreate,
    status: 201,
    response: Supplier,
    handler: ({ body, actor }) => suppliers.create(body, actor),
  });
  api.route({
    method: 'patch',
    path: '/suppliers/:id',
    summary: 'Update a supplier',
    tags,
    permission: 'network:write',
    params: IdParams,
    body: SupplierUpdate,
    response: Supplier,
    handler: ({ params, body, actor }) => suppliers.update(params.id, body, actor),
  });
  api.route({
    method: 'delete',
    path: '/suppliers/:id',
    summary: 'Delete a supplier that nothing refers to (409 still-referenced otherwise)',
    tags,
    permission: 'network:write',
    params: IdParams,
    status: 204,
    handler: ({ params, actor }) => suppliers.remove(params.id, actor),
  });
}
