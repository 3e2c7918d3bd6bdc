import type { Api } from '../http/api.ts';
import { IdParams } from '../http/schemas.ts';
import {
  EquipmentModel,
  EquipmentModelCreate,
  EquipmentModelListQuery,
  EquipmentModelPage,
  EquipmentModelUpdate,
} from './equipment-model.schemas.ts';
import type { EquipmentModelService } from './equipment-model.service.ts';

export function registerEquipmentModelRoutes(api: Api, models: EquipmentModelService): void {
  const tags = ['catalog'];
  api.route({
    method: 'get',
    path: '/equipment-models',
    summary: 'List equipment models',
    tags,
    permission: 'network:read',
    query: EquipmentModelListQuery,
    response: EquipmentModelPage,
    handler: ({ query }) => models.list(query),
  });
  api.route({
    method: 'get',
    path: '/equipment-models/:id',
    summary: 'Get an equipment model',
    tags,
    permission: 'network:read',
    params: IdParams,
    response: EquipmentModel,
    handler: ({ params }) => models.get(params.id),
  });
  api.route({
    method: 'post',
    path: '/equipment-models',
    summary: 'Create an equipment model',
    tags,
    permission: 'network:write',
    body: EquipmentModelCreate,
    status: 201,
    response: EquipmentModel,
    handler: ({ body, actor }) => models.create(body, actor),
  });
  api.route({
    method: 'patch',
    path: '/equipment-models/:id',
    summary: 'Update an equipment model',
    tags,
    permission: 'network:write',
    params: IdParams,
    body: EquipmentModelUpdate,
    response: EquipmentModel,
    handler: ({ params, body, actor }) => models.update(params.id, body, actor),
  });
  api.route({
    method: 'delete',
    path: '/equipment-models/:id',
    summary: 'Delete an equipment model that nothing refers to (409 still-referenced otherwise)',
    tags,
    permission: 'network:write',
    params: IdParams,
    status: 204,
    handler: ({ params, actor }) => models.remove(params.id, actor),
  });
}
