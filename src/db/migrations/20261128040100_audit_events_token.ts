import type { Knex } from 'knex';

/**
 * Which API token made each audited change. `actor` is the name recorded (the token's name, or
 * the person an admin token acts for); `token_id` is the credential that was used, so a change is
 * traceable to its token even when an admin acted on someone's behalf. Null for changes made by
 * the service itself (the scheduler, the demo loader) and for rows older than tokens.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table audit_events add column token_id text');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table audit_events drop column token_id');
}
