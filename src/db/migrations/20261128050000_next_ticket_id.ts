import type { Knex } from 'knex';

/**
 * Ticket ids come from one function, the column's default and batched intake alike: a batch of
 * intakes draws its ids first, so each request is matched to its own row without trusting the
 * order in which INSERT … RETURNING answers. The function keeps the search path it was created
 * with, so the sequence it draws from is this schema's whoever calls it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create function next_ticket_id() returns text language sql volatile
    set search_path from current as $$ select 'T-' || lpad(nextval('ticket_number_seq')::text, 6, '0') $$`);
  await knex.raw(`alter table tickets alter column id set default next_ticket_id()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(
    `alter table tickets alter column id set default ('T-' || lpad(nextval('ticket_number_seq')::text, 6, '0'))`,
  );
  await knex.raw(`drop function next_ticket_id()`);
}
