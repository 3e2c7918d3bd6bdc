import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import type { Page } from '../db/pagination.ts';
import type { Permission } from '../http/api.ts';
import { problems } from '../http/problem.ts';
import { unauthorized } from './auth-problems.ts';
import {
  toAccessToken,
  tokenStatus,
  type AccessTokenRepository,
  type AccessTokenRow,
} from './access-token.repository.ts';
import type {
  AccessToken,
  AccessTokenCreate,
  AccessTokenListQuery,
  CreatedAccessToken,
} from './access-token.schemas.ts';
import { ROLE_PERMISSIONS, type Role } from './roles.ts';
import { formatToken, hashSecret, newSecret, newTokenId, parseToken, secretMatches } from './token-secret.ts';

/** The caller a valid token stands for. */
export interface Principal {
  tokenId: string;
  /** The token's name. */
  name: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
  /**
   * Who is recorded as acting: the token's name, or for an admin token the person named in
   * X-Actor (an integration or the hotline acting on someone's behalf; the audit trail still
   * records the token id).
   */
  actor: string;
}

const entity = 'api_token';
/** The name of the admin token ADMIN_TOKEN seeds; a new ADMIN_TOKEN revokes the previous one. */
export const BOOTSTRAP_ADMIN_NAME = 'bootstrap-admin';
/** last_used_at moves at most this often per token, so that reads do not each become a write. */
const LAST_USED_RESOLUTION_MS = 60_000;
const ACTOR_PATTERN = /^[\w.@:-]{1,100}$/;

/**
 * How long a token's row read for one request serves the next ones (ms of a monotonic clock): a
 * busy client does not cost a database read per request. A revocation through this process holds
 * from the very next request; one through another replica (or straight in the database) within
 * this window. Expiry is checked on every request against the cached expires_at.
 */
export const TOKEN_CACHE_MS = 5_000;
/** At most this many tokens are remembered; past it the oldest is forgotten. */
const TOKEN_CACHE_ENTRIES = 10_000;

/**
 * API tokens: issue (the secret is returned once and only its SHA-256 kept), list, revoke, and
 * authenticate a presented bearer token. A token's row is remembered for TOKEN_CACHE_MS (only
 * rows found: an unknown id is read each time); the presented secret is still hashed and compared
 * on every request.
 */
export function createAccessTokenService(deps: {
  db: Knex;
  tokens: AccessTokenRepository;
  now: () => Date;
  /** TOKEN_CACHE_MS unless told; 0 reads the row on every request. */
  cacheMs?: number;
  /** Milliseconds of a clock that only moves forward (the cache's age; the wall clock may be fixed in tests). */
  monotonicMs?: () => number;
}) {
  const { db, tokens, now } = deps;
  const cacheMs = deps.cacheMs ?? TOKEN_CACHE_MS;
  const monotonicMs = deps.monotonicMs ?? (() => performance.now());
  const cached = new Map<string, { row: AccessTokenRow; readAt: number }>();
  // Bumped by every revocation: a read that began before one does not fill the cache.
  let revocations = 0;

  function forget(id: string): void {
    revocations += 1;
    cached.delete(id);
  }

  async function findToken(id: string): Promise<AccessTokenRow | undefined> {
    const hit = cached.get(id);
    if (hit && monotonicMs() - hit.readAt < cacheMs) return hit.row;
    const revocationsBefore = revocations;
    const readAt = monotonicMs();
    const row = await tokens.find(id);
    cached.delete(id);
    if (row && cacheMs > 0 && revocations === revocationsBefore) {
      if (cached.size >= TOKEN_CACHE_ENTRIES) cached.delete(cached.keys().next().value!);
      cached.set(id, { row, readAt });
    }
    return row;
  }

  async function issue(
    trx: Knex.Transaction,
    input: { name: string; role: Role; expiresAt?: string; id?: string; secret?: string },
    actor: string,
  ): Promise<CreatedAccessToken> {
    const id = input.id ?? newTokenId();
    const secret = input.secret ?? newSecret();
    const at = now();
    const row = await tokens.insert(
      {
        id,
        name: input.name,
        role: input.role,
        secret_sha256: hashSecret(secret),
        created_by: actor,
        created_at: at,
        expires_at: input.expiresAt ? new Date(input.expiresAt) : null,
      },
      trx,
    );
    await recordAudit(trx, {
      actor,
      action: 'create',
      entity,
      entityId: id,
      data: { name: input.name, role: input.role, expiresAt: input.expiresAt ?? null },
    });
    return { ...toAccessToken(row, at), token: formatToken({ id, secret }) };
  }

  async function revokeRow(trx: Knex.Transaction, id: string, actor: string): Promise<boolean> {
    const revoked = await tokens.revoke(id, actor, now(), trx);
    forget(id);
    if (!revoked) return false;
    await recordAudit(trx, {
      actor,
      action: 'revoke',
      entity,
      entityId: id,
      data: { name: revoked.name, role: revoked.role },
    });
    return true;
  }

  return {
    async create(input: AccessTokenCreate, actor: string): Promise<CreatedAccessToken> {
      if (input.expiresAt && new Date(input.expiresAt).getTime() <= now().getTime())
        throw problems.validation([{ field: 'body.expiresAt', message: 'must be in the future' }]);
      return db.transaction((trx) => issue(trx, input, actor));
    },

    list: (query: AccessTokenListQuery): Promise<Page<AccessToken>> => tokens.list(query, now()),

    async get(id: string): Promise<AccessToken> {
      const row = await tokens.find(id);
      if (!row) throw problems.notFound('token', id);
      return toAccessToken(row, now());
    },

    /** Revokes a token; revoking one that is revoked already changes nothing. */
    async revoke(id: string, actor: string): Promise<void> {
      try {
        await db.transaction(async (trx) => {
          if (await revokeRow(trx, id, actor)) return;
          if (!(await tokens.find(id, trx))) throw problems.notFound('token', id);
        });
      } finally {
        // Again once committed: a read that raced the transaction must not keep the old row.
        forget(id);
      }
    },

    /**
     * The principal of an `Authorization` header, or a 401 problem saying what is wrong. An
     * unknown id and a wrong secret get the same answer; revoked and expired are said only to a
     * caller who holds the right secret.
     */
    async authenticate(
      authorization: string | undefined,
      onBehalfOf: string | undefined,
    ): Promise<Principal> {
      if (!authorization) throw unauthorized('this route needs an API token: Authorization: Bearer <token>');
      const [scheme, presented, ...rest] = authorization.trim().split(/\s+/);
      if (scheme?.toLowerCase() !== 'bearer' || !presented || rest.length > 0)
        throw unauthorized('the Authorization header must be "Bearer <token>"', 'invalid_request');
      const parts = parseToken(presented);
      const row = parts ? await findToken(parts.id) : undefined;
      if (!parts || !row || !secretMatches(parts.secret, row.secret_sha256))
        throw unauthorized('the token is not valid', 'invalid_token');
      const at = now();
      const status = tokenStatus(row, at);
      if (status !== 'active') throw unauthorized(`the token is ${status}`, 'invalid_token');
      if (
        !row.last_used_at ||
        at.getTime() - new Date(row.last_used_at).getTime() >= LAST_USED_RESOLUTION_MS
      ) {
        await tokens.touch(row.id, at, LAST_USED_RESOLUTION_MS);
        row.last_used_at = at;
      }
      return principalOf(row, onBehalfOf);
    },

    /**
     * Makes sure the ADMIN_TOKEN of the configuration is an admin token in force, named
     * bootstrap-admin. A different ADMIN_TOKEN than last time replaces (revokes) the old one; a
     * bootstrap token an admin revoked stays revoked.
     */
    async ensureBootstrapAdmin(token: string): Promise<'created' | 'present' | 'revoked'> {
      const parts = parseToken(token);
      if (!parts) throw new Error('ADMIN_TOKEN is not shaped like sdt_<16 hex digits>_<secret>');
      const attempt = () =>
        db.transaction(async (trx): Promise<'created' | 'present' | 'revoked'> => {
          const existing = await tokens.find(parts.id, trx);
          if (existing) {
            if (!secretMatches(parts.secret, existing.secret_sha256))
              throw new Error(`ADMIN_TOKEN's id ${parts.id} belongs to a token with another secret`);
            return existing.revoked_at ? 'revoked' : 'present';
          }
          for (const previous of await tokens.activeNamed([BOOTSTRAP_ADMIN_NAME], trx))
            await revokeRow(trx, previous.id, 'system:bootstrap');
          await issue(trx, { name: BOOTSTRAP_ADMIN_NAME, role: 'admin', ...parts }, 'system:bootstrap');
          return 'created';
        });
      try {
        return await attempt();
      } catch (error) {
        // Replicas starting together race to insert the same token; the loser finds it made.
        if ((error as { code?: string }).code === '23505') return attempt();
        throw error;
      }
    },

    /** Issues tokens without going through the API (the demo bootstrap, tests). */
    issue: (input: { name: string; role: Role }, actor: string): Promise<CreatedAccessToken> =>
      db.transaction((trx) => issue(trx, input, actor)),

    /** Revokes every token in force with one of these names. */
    async revokeNamed(names: readonly string[], actor: string): Promise<void> {
      const revoked: string[] = [];
      try {
        await db.transaction(async (trx) => {
          for (const row of await tokens.activeNamed(names, trx)) {
            revoked.push(row.id);
            await revokeRow(trx, row.id, actor);
          }
        });
      } finally {
        for (const id of revoked) forget(id);
      }
    },

    /** Whether a token in force not named here exists (someone manages access for real). */
    anyActiveOtherThan: (names: readonly string[]): Promise<boolean> =>
      tokens.anyActiveOtherThan(names, now()),
  };
}

function principalOf(row: AccessTokenRow, onBehalfOf: string | undefined): Principal {
  const actsFor =
    row.role === 'admin' && onBehalfOf && ACTOR_PATTERN.test(onBehalfOf) ? onBehalfOf : undefined;
  return {
    tokenId: row.id,
    name: row.name,
    role: row.role,
    permissions: ROLE_PERMISSIONS[row.role],
    actor: actsFor ?? row.name,
  };
}

export type AccessTokenService = ReturnType<typeof createAccessTokenService>;
