import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/http/api.ts';
import { GRANTABLE_PERMISSIONS, ROLE_PERMISSIONS, ROLES, type Role } from '../../src/auth/roles.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

/**
 * Every route against every role, generated from the routes the application registers: a new
 * route is covered the day it is added, and one that declares no permission (or is mounted
 * beside the API's guard) fails here.
 */

/** Endpoints outside /api that anyone may call. Adding one is a decision: list it here. */
const PUBLIC_ENDPOINTS = new Set([
  // The web console's page; it calls the API with the token the user gives it.
  'GET /',
  'GET /index.html',
  'GET /healthz',
  'GET /readyz',
  'GET /openapi.json',
  'GET /metrics',
  'GET /console-settings.json',
]);
const KNOWN_PERMISSIONS = new Set<string>(['public', 'authenticated', ...GRANTABLE_PERMISSIONS]);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface Operation {
  method: Method;
  /** Express form, `/api/v1/tickets/:id`. */
  path: string;
  permission: string;
}

/** Every route of the express app, with the prefixes of the routers it is mounted in. */
function expressRoutes(app: Express): string[] {
  const found: string[] = [];
  type Layer = {
    rawPath?: unknown;
    route?: { path: string | string[]; methods: Record<string, boolean> };
    handle: { stack?: Layer[] };
  };
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route)
        for (const method of Object.keys(layer.route.methods))
          for (const path of [layer.route.path].flat())
            found.push(`${method.toUpperCase()} ${prefix}${path}`);
      else if (layer.handle.stack)
        walk(
          layer.handle.stack,
          `${prefix}${typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''}`,
        );
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

/** A path with each parameter filled: the guard answers before the parameters are read. */
const concrete = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => `x-${name}`);

describe('every route declares a permission that each role is held to', () => {
  let t: TestApp;
  let operations: Operation[];
  beforeAll(async () => {
    t = await createTestApp();
    const document = (await request(t.rawApp).get('/openapi.json').expect(200)).body as {
      paths: Record<string, Partial<Record<Method, { 'x-permission'?: string }>>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({
        method,
        path: path.replace(/\{([^}]+)\}/g, ':$1'),
        permission: item[method]!['x-permission'] ?? '(none)',
      })),
    );
  });
  afterAll(async () => {
    await t.services.dispatchPlans.close();
    await t.destroy();
  });

  it('finds the routes (the walk itself works)', () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(operations).toContainEqual({ method: 'post', path: '/api/v1/tokens', permission: 'admin' });
  });

  it('has every documented operation declare a known permission', () => {
    const undeclared = operations.filter((operation) => !KNOWN_PERMISSIONS.has(operation.permission));
    expect(undeclared).toEqual([]);
  });

  it('has every express route be either a documented API operation or a listed public endpoint', () => {
    const documented = new Set(
      operations.map((operation) => `${operation.method.toUpperCase()} ${operation.path}`),
    );
    const routes = expressRoutes(t.rawApp);
    expect(routes.length).toBeGreaterThanOrEqual(operations.length);
    const unguarded = routes.filter((route) => !documented.has(route) && !PUBLIC_ENDPOINTS.has(route));
    expect(unguarded).toEqual([]);
  });

  it('refuses every non-public operation without a token (401)', async () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      if (operation.permission === 'public') continue;
      const res = await request(t.rawApp)[operation.method](concrete(operation.path)).send({});
      if (res.status !== 401 || !res.headers['www-authenticate']?.startsWith('Bearer'))
        wrong.push(`${operation.method.toUpperCase()} ${operation.path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(ROLES)('holds the %s role to its permissions on every operation', async (role: Role) => {
    const token = await t.tokenFor(role);
    const wrong: string[] = [];
    let allowed = 0;
    let refused = 0;
    for (const operation of operations) {
      const permission = operation.permission as Permission;
      const mayUse =
        permission === 'public' || permission === 'authenticated' || ROLE_PERMISSIONS[role].has(permission);
      const call = request(t.rawApp)[operation.method](concrete(operation.path));
      const res = await call.set('Authorization', `Bearer ${token}`).send({});
      const name = `${operation.method.toUpperCase()} ${operation.path} (${permission})`;
      if (mayUse) {
        allowed += 1;
        if (res.status === 401 || res.status === 403)
          wrong.push(`${name}: ${role} refused with ${res.status}`);
      } else {
        refused += 1;
        if (
          res.status !== 403 ||
          res.body.code !== 'forbidden' ||
          !String(res.body.detail).includes(permission)
        )
          wrong.push(`${name}: ${role} got ${res.status} instead of 403 naming the permission`);
      }
    }
    expect(wrong).toEqual([]);
    // Each role can do something and (admin aside) is refused something.
    expect(allowed).toBeGreaterThan(0);
    if (role !== 'admin') expect(refused).toBeGreaterThan(0);
  });
});
