import type { Api } from '../http/api.ts';
import { IdParams } from '../http/schemas.ts';
import { Region, RegionCreate, RegionListQuery, RegionPage, RegionUpdate } from './region.schemas.ts';
import type { RegionService } from './region.service.ts';

export function registerRegionRoutes(api: Api, regions: RegionService): void {
  const tags = ['network'];
  api.route({
    method: 'get',
    path: '/regions',
    summary: 'List regions',
    tags,
    permission: 'network:read',
    query: RegionListQuery,
    response: RegionPage,
    handler: ({ query }) => regions.list(query),
  });
  api.route({
    method: 'get',
    path: '/regions/:id',
    summary: 'Get a region',
    tags,
    permission: 'network:read',
    params: IdParams,
    response: Region,
    handler: ({ params }) => regions.get(params.id),
  });
  api.route({
    method: 'post',
    path: '/regions',
    summary: 'Create a region',
    tags,
    permission: 'network:write',
    body: RegionCreate,
    status: 201,
    response: Region,
    handler: ({ body, actor }) => regions.create(body, actor),
  });
  api.route({
    method: 'patch',
    path: '/regions/:id',
    summary: 'Update a region',
    tags,
    permission: 'network:write',
    params: IdParams,
    body: RegionUpdate,
    response: Region,
    handler: ({ params, body, actor }) => regions.update(params.id, body, actor),
  });
  api.route({
    method: 'delete',
    path: '/regions/:id',
    summary: 'Delete a region that nothing refers to (409 still-referenced otherwise)',
    tags,
    permission: 'network:write',
    params: IdParams,
    status: 204,
    handler: ({ params, actor }) => regions.remove(params.id, actor),
  });
}
