import type { Api } from '../http/api.ts';
import {
  AccessToken,
  AccessTokenCreate,
  AccessTokenListQuery,
  AccessTokenPage,
  CreatedAccessToken,
  Me,
  TokenIdParams,
} from './access-token.schemas.ts';
import type { AccessTokenService } from './access-token.service.ts';
import { principalOf } from './authorize.ts';
import { GRANTABLE_PERMISSIONS } from './roles.ts';

export function registerAccessRoutes(api: Api, tokens: AccessTokenService): void {
  const tags = ['access'];
  api.route({
    method: 'get',
    path: '/me',
    summary: 'Who the bearer token is: name, role, permissions, and the actor recorded for its changes',
    tags,
    permission: 'authenticated',
    response: Me,
    handler: async ({ res }) => {
      const principal = principalOf(res)!;
      return {
        tokenId: principal.tokenId,
        name: principal.name,
        role: principal.role,
        actor: principal.actor,
        permissions: GRANTABLE_PERMISSIONS.filter((permission) => principal.permissions.has(permission)),
      };
    },
  });
  api.route({
    method: 'get',
    path: '/tokens',
    summary: 'List API tokens (never their secrets)',
    tags,
    permission: 'admin',
    query: AccessTokenListQuery,
    response: AccessTokenPage,
    handler: ({ query }) => tokens.list(query),
  });
  api.route({
    method: 'get',
    path: '/tokens/:id',
    summary: 'Get an API token (never its secret)',
    tags,
    permission: 'admin',
    params: TokenIdParams,
    response: AccessToken,
    handler: ({ params }) => tokens.get(params.id),
  });
  api.route({
    method: 'post',
    path: '/tokens',
    summary: 'Issue an API token with a role; the answer holds the token, which is shown only this once',
    tags,
    permission: 'admin',
    body: AccessTokenCreate,
    status: 201,
    response: CreatedAccessToken,
    handler: ({ body, actor, res }) => {
      // The secret is in this answer: no cache along the way may keep it.
      res.setHeader('Cache-Control', 'no-store');
      return tokens.create(body, actor);
    },
  });
  api.route({
    method: 'delete',
    path: '/tokens/:id',
    summary: 'Revoke an API token: refused from the next request on (revoking twice is a no-op)',
    tags,
    permission: 'admin',
    params: TokenIdParams,
    status: 204,
    handler: ({ params, actor }) => tokens.revoke(params.id, actor),
  });
}
