import type { Api } from '../http/api.ts';
import { IdParams } from '../http/schemas.ts';
import { Zone, ZoneCreate, ZoneListQuery, ZonePage, ZoneUpdate } from './zone.schemas.ts';
import type { ZoneService } from './zone.service.ts';

export function registerZoneRoutes(api: Api, zones: ZoneService): void {
  const tags = ['network'];
  api.route({
    method: 'get',
    path: '/zones',
    summary: 'List service zones',
    tags,
    permission: 'network:read',
    query: ZoneListQuery,
    response: ZonePage,
    handler: ({ query }) => zones.list(query),
  });
  api.route({
    method: 'get',
    path: '/zones/:id',
    summary: 'Get a zone',
    tags,
    permission: 'network:read',
    params: IdParams,
    response: Zone,
    handler: ({ params }) => zones.get(params.id),
  });
  api.route({
    method: 'post',
    path: '/zones',
    summary: 'Create a zone',
    tags,
    permission: 'network:write',
    body: ZoneCreate,
    status: 201,
    response: Zone,
    handler: ({ body, actor }) => zones.create(body, actor),
  });
  api.route({
    method: 'patch',
    path: '/zones/:id',
    summary: 'Update a zone',
    tags,
    permission: 'network:write',
    params: IdParams,
    body: ZoneUpdate,
    response: Zone,
    handler: ({ params, body, actor }) => zones.update(params.id, body, actor),
  });
  api.route({
    method: 'delete',
    path: '/zones/:id',
    summary: 'Delete a zone that nothing refers to (409 still-referenced otherwise)',
    tags,
    permission: 'network:write',
    params: IdParams,
    status: 204,
    handler: ({ params, actor }) => zones.remove(params.id, actor),
  });
}
