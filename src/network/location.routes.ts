import type { Api } from '../http/api.ts';
import { IdParams } from '../http/schemas.ts';
import type { LocationService } from './location.service.ts';
import {
  Location,
  LocationCreate,
  LocationListQuery,
  LocationPage,
  LocationUpdate,
} from './location.schemas.ts';

export function registerLocationRoutes(api: Api, locations: LocationService): void {
  const tags = ['network'];
  api.route({
    method: 'get',
    path: '/locations',
    summary: 'List depots, offices, sites and vans',
    tags,
    permission: 'network:read',
    query: LocationListQuery,
    response: LocationPage,
    handler: ({ query }) => locations.list(query),
  });
  api.route({
    method: 'get',
    path: '/locations/:id',
    summary: 'Get a location',
    tags,
    permission: 'network:read',
    params: IdParams,
    response: Location,
    handler: ({ params }) => locations.get(params.id),
  });
  api.route({
    method: 'post',
    path: '/locations',
    summary: 'Create a location',
    tags,
    permission: 'network:write',
    body: LocationCreate,
    status: 201,
    response: Location,
    handler: ({ body, actor }) => locations.create(body, actor),
  });
  api.route({
    method: 'patch',
    path: '/locations/:id',
    summary: 'Update a location',
    tags,
    permission: 'network:write',
    params: IdParams,
    body: LocationUpdate,
    response: Location,
    handler: ({ params, body, actor }) => locations.update(params.id, body, actor),
  });
}
