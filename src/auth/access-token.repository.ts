import type { Knex } from 'knex';
import { paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type { AccessToken, AccessTokenListQuery } from './access-token.schemas.ts';
import type { Role } from './roles.ts';

export interface AccessTokenRow {
  id: string;
  name: string;
  role: Role;
  secret_sha256: Uint8Array;
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export function tokenStatus(row: AccessTokenRow, now: Date): AccessToken['status'] {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at && new Date(row.expires_at).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export const toAccessToken = (row: AccessTokenRow, now: Date): AccessToken => ({
  id: row.id,
  name: row.name,
  role: row.role,
  status: tokenStatus(row, now),
  createdBy: row.created_by,
  createdAt: toIso(row.created_at)!,
  lastUsedAt: toIso(row.last_used_at),
  expiresAt: toIso(row.expires_at),
  revokedAt: toIso(row.revoked_at),
  revokedBy: row.revoked_by,
});

const sortColumns = { createdAt: 'created_at', name: 'name' };

/** api_tokens rows; the secret's hash never leaves this module and the service. */
export function createAccessTokenRepository(db: Knex) {
  return {
    async find(id: string, trx: Knex = db): Promise<AccessTokenRow | undefined> {
      return trx<AccessTokenRow>('api_tokens').where({ id }).first();
    },

    async list(query: AccessTokenListQuery, now: Date, trx: Knex = db): Promise<Page<AccessToken>> {
      const builder = trx<AccessTokenRow>('api_tokens').select('*');
      if (query.status === 'revoked') builder.whereNotNull('revoked_at');
      if (query.status === 'expired') builder.whereNull('revoked_at').where('expires_at', '<=', now);
      if (query.status === 'active')
        builder
          .whereNull('revoked_at')
          .andWhere((active) => active.whereNull('expires_at').orWhere('expires_at', '>', now));
      const page = await paginate<AccessTokenRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map((row) => toAccessToken(row, now)), nextCursor: page.nextCursor };
    },

    async insert(
      token: Pick<
        AccessTokenRow,
        'id' | 'name' | 'role' | 'secret_sha256' | 'created_by' | 'created_at' | 'expires_at'
      >,
      trx: Knex = db,
    ): Promise<AccessTokenRow> {
      const [row] = await trx<AccessTokenRow>('api_tokens').insert(token).returning('*');
      return row as AccessTokenRow;
    },

    /** Revokes a token in force; undefined when there is none with this id or it was revoked already. */
    async revoke(id: string, by: string, at: Date, trx: Knex = db): Promise<AccessTokenRow | undefined> {
      const [row] = await trx<AccessTokenRow>('api_tokens')
        .where({ id })
        .whereNull('revoked_at')
        .update({ revoked_at: at, revoked_by: by })
        .returning('*');
      return row as AccessTokenRow | undefined;
    },

    /** Active tokens with one of these names (the demo and bootstrap tokens are found by name). */
    async activeNamed(names: readonly string[], trx: Knex = db): Promise<AccessTokenRow[]> {
      return trx<AccessTokenRow>('api_tokens').whereIn('name', names).whereNull('revoked_at');
    },

    /** Whether any token not named here is in force: someone manages access for real. */
    async anyActiveOtherThan(names: readonly string[], now: Date, trx: Knex = db): Promise<boolean> {
      const row = await trx('api_tokens')
        .whereNotIn('name', names)
        .whereNull('revoked_at')
        .andWhere((active) => active.whereNull('expires_at').orWhere('expires_at', '>', now))
        .first('id');
      return row !== undefined;
    },

    /**
     * Moves last_used_at forward, at most once per `everyMs` per token, so a busy token does not
     * turn every request into a write.
     */
    async touch(id: string, at: Date, everyMs: number, trx: Knex = db): Promise<void> {
      await trx('api_tokens')
        .where({ id })
        .andWhere((stale) =>
          stale.whereNull('last_used_at').orWhere('last_used_at', '<', new Date(at.getTime() - everyMs)),
        )
        .update({ last_used_at: at });
    },
  };
}

export type AccessTokenRepository = ReturnType<typeof createAccessTokenRepository>;
