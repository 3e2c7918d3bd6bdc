import type { RequestHandler, Response } from 'express';
import type { Permission } from '../http/api.ts';
import type { AccessTokenService, Principal } from './access-token.service.ts';
import { forbidden } from './auth-problems.ts';
import { runAs } from './principal-context.ts';
import { roleAllows } from './roles.ts';

export type Authorize = (permission: Permission) => RequestHandler;

/**
 * The guard in front of every API route: `public` passes; otherwise the bearer token must be
 * valid (401) and its role must hold the route's permission (403). The principal is left in
 * `res.locals.principal` (its actor in `res.locals.actor`, which src/http/api.ts hands to the
 * handler) and in the async context for the rest of the request.
 */
export function createAuthorizer(tokens: Pick<AccessTokenService, 'authenticate'>): Authorize {
  return (permission) => async (req, res, next) => {
    if (permission === 'public') return next();
    const principal = await tokens.authenticate(req.header('authorization'), req.header('x-actor'));
    if (!roleAllows(principal.role, permission)) throw forbidden(permission, principal.role);
    res.locals.principal = principal;
    res.locals.actor = principal.actor;
    runAs(principal, next);
  };
}

export function principalOf(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}
