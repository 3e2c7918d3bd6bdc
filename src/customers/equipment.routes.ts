import type { Api } from '../http/api.ts';
import { IdParams } from '../http/schemas.ts';
import {
  Equipment,
  EquipmentCreate,
  EquipmentListQuery,
  EquipmentPage,
  EquipmentUpdate,
  EquipmentWarranty,
  WarrantyQuery,
} from './equipment.schemas.ts';
import type { EquipmentService } from './equipment.service.ts';

export function registerEquipmentRoutes(api: Api, equipment: EquipmentService): void {
  const tags = ['customers'];
  api.route({
    method: 'get',
    path: '/equipment',
    summary: 'List installed equipment',
    tags,
    permission: 'network:read',
    query: EquipmentListQuery,
    response: EquipmentPage,
    handler: ({ query }) => equipment.list(query),
  });
  api.route({
    method: 'get',
    path: '/equipment/:id',
    summary: 'Get installed equipment with its components',
    tags,
    permission: 'network:read',
    params: IdParams,
    response: Equipment,
    handler: ({ params }) => equipment.get(params.id),
  });
  api.route({
    method: 'get',
    path: '/equipment/:id/warranty',
    summary: 'Which components are in warranty on a day (today at the site by default)',
    tags,
    permission: 'network:read',
    params: IdParams,
    query: WarrantyQuery,
    response: EquipmentWarranty,
    handler: ({ params, query }) => equipment.warranty(params.id, query.at),
  });
  api.route({
    method: 'post',
    path: '/equipment',
    summary: 'Register equipment installed at a customer site',
    tags,
    permission: 'network:write',
    body: EquipmentCreate,
    status: 201,
    response: Equipment,
    handler: ({ body, actor }) => equipment.create(body, actor),
  });
  api.route({
    method: 'patch',
    path: '/equipment/:id',
    summary: 'Update installed equipment (components replace the list)',
    tags,
    permission: 'network:write',
    params: IdParams,
    body: EquipmentUpdate,
    response: Equipment,
    handler: ({ params, body, actor }) => equipment.update(params.id, body, actor),
  });
  api.route({
    method: 'delete',
    path: '/equipment/:id',
    summary: 'Delete equipment that no ticket or job refers to (409 still-referenced otherwise)',
    tags,
    permission: 'network:write',
    params: IdParams,
    status: 204,
    handler: ({ params, actor }) => equipment.remove(params.id, actor),
  });
}
