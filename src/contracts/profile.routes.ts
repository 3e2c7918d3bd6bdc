import type { Api } from '../http/api.ts';
import { IdParams } from '../http/schemas.ts';
import {
  CommitmentProfile,
  ProfileCreate,
  ProfileListQuery,
  ProfilePage,
  ProfileUpdate,
} from './profile.schemas.ts';
import type { ProfileService } from './profile.service.ts';

export function registerProfileRoutes(api: Api, profiles: ProfileService): void {
  const tags = ['contracts'];
  api.route({
    method: 'get',
    path: '/commitment-profiles',
    summary: 'List commitment profiles',
    tags,
    permission: 'network:read',
    query: ProfileListQuery,
    response: ProfilePage,
    handler: ({ query }) => profiles.list(query),
  });
  api.route({
    method: 'get',
    path: '/commitment-profiles/:id',
    summary: 'Get a commitment profile',
    tags,
    permission: 'network:read',
    params: IdParams,
    response: CommitmentProfile,
    handler: ({ params }) => profiles.get(params.id),
  });
  api.route({
    method: 'post',
    path: '/commitment-profiles',
    summary: "Create a commitment profile (its definition patches the catalog's default terms)",
    tags,
    permission: 'admin',
    body: ProfileCreate,
    status: 201,
    response: CommitmentProfile,
    handler: ({ body, actor }) => profiles.create(body, actor),
  });
  api.route({
    method: 'patch',
    path: '/commitment-profiles/:id',
    summary: "Update a commitment profile (409 when its contracts' overrides would no longer apply)",
    tags,
    permission: 'admin',
    params: IdParams,
    body: ProfileUpdate,
    response: CommitmentProfile,
    handler: ({ params, body, actor }) => profiles.update(params.id, body, actor),
  });
  api.route({
    method: 'delete',
    path: '/commitment-profiles/:id',
    summary: 'Delete a commitment profile no contract uses (409 still-referenced otherwise)',
    tags,
    permission: 'admin',
    params: IdParams,
    status: 204,
    handler: ({ params, actor }) => profiles.remove(params.id, actor),
  });
}
