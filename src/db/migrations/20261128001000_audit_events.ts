import type { Knex } from 'knex';

/** Who did what, when: every change made through the API (ticket history lives in ticket_events). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_events', (t) => {
    t.bigIncrements('id');
    t.text('actor').notNullable();
    t.text('action').notNullable();
    t.text('entity').notNullable();
    t.text('entity_id').notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.jsonb('data').notNullable().defaultTo('{}');
    t.index(['entity', 'entity_id']);
    t.index(['at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_events');
}
