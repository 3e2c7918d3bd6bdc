import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from './access-token.service.ts';

/**
 * The principal of the request being handled, for code far from the route (the audit trail
 * records the token id with every change) without threading it through every service call.
 */
const principals = new AsyncLocalStorage<Principal>();

export function currentPrincipal(): Principal | undefined {
  return principals.getStore();
}

export function runAs<T>(principal: Principal, work: () => T): T {
  return principals.run(principal, work);
}
