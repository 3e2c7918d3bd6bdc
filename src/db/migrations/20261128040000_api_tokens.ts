import type { Knex } from 'knex';

/**
 * API tokens (src/auth/): a role and the SHA-256 of the token's secret, never the secret itself.
 * A token reads `sdt_<id>_<secret>`, so a request finds its row by id and compares hashes.
 * Revoking sets `revoked_at` and keeps the row, so the audit trail's token ids stay resolvable;
 * a name is unique among the tokens still in force, as it is the actor the audit trail records.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table api_tokens (
      id text primary key,
      name text not null,
      role text not null,
      secret_sha256 bytea not null,
      created_by text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz,
      revoked_by text,
      constraint api_tokens_role_check check (role in ('dispatcher', 'depot_manager', 'planner', 'admin')),
      constraint api_tokens_secret_sha256_check check (length(secret_sha256) = 32)
    )`);
  await knex.raw(
    `create unique index api_tokens_active_name_idx on api_tokens (name) where revoked_at is null`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table api_tokens');
}
