import type { Permission } from '../http/api.ts';

/**
 * Who may do what: each role is a set of the permissions routes declare (src/http/api.ts). This
 * table is the whole access policy; test/api/auth-routes.test.ts walks every route against it.
 */
export const ROLES = ['dispatcher', 'depot_manager', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Every permission a route can require, `public` and `authenticated` excepted. */
export const GRANTABLE_PERMISSIONS = [
  'network:read',
  'network:write',
  'stock:read',
  'stock:write',
  'tickets:read',
  'tickets:write',
  'dispatch:read',
  'dispatch:write',
  'reorder:read',
  'reorder:write',
  'scenarios:read',
  'scenarios:write',
  'admin',
] as const satisfies readonly Permission[];

// Adding a permission to the type without deciding who holds it does not compile.
type Unlisted = Exclude<Permission, (typeof GRANTABLE_PERMISSIONS)[number] | 'public' | 'authenticated'>;
const everyPermissionListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyPermissionListed;

type Grantable = (typeof GRANTABLE_PERMISSIONS)[number];
const reads = GRANTABLE_PERMISSIONS.filter((permission) => permission.endsWith(':read'));

const grants: Record<Role, readonly Grantable[]> = {
  // Works the day's tickets: sees the network, stock and tickets; moves tickets and commits plans
  // (engineer positions are dispatch:write). Changes neither stock nor master data.
  dispatcher: [
    'network:read',
    'stock:read',
    'tickets:read',
    'tickets:write',
    'dispatch:read',
    'dispatch:write',
  ],
  // Runs a depot: books stock movements and reviews the nightly reorder suggestions; sees tickets
  // to know what the stock is for.
  depot_manager: [
    'network:read',
    'stock:read',
    'stock:write',
    'tickets:read',
    'reorder:read',
    'reorder:write',
  ],
  // Plans the network: reads everything operational and writes only what-if scenarios.
  planner: [...reads, 'scenarios:write'],
  // Master data (network:write), commitment profiles and tokens, and everything else.
  admin: [...GRANTABLE_PERMISSIONS],
};

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = Object.freeze({
  dispatcher: new Set<Permission>(grants.dispatcher),
  depot_manager: new Set<Permission>(grants.depot_manager),
  planner: new Set<Permission>(grants.planner),
  admin: new Set<Permission>(grants.admin),
});

/** Whether a role may use a route that declares `permission`. */
export function roleAllows(role: Role, permission: Permission): boolean {
  if (permission === 'public' || permission === 'authenticated') return true;
  return ROLE_PERMISSIONS[role].has(permission);
}
