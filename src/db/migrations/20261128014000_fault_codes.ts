import type { Knex } from 'knex';

/** Fault codes: what a reported fault usually needs (skill, level, time on site, part role, spare unit). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('fault_codes', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('name_zh');
    t.text('skill').notNullable();
    t.text('ticket_kind').notNullable().defaultTo('fault');
    t.integer('typical_level').notNullable();
    t.integer('min_skill_level').notNullable().defaultTo(1);
    t.double('service_minutes').notNullable();
    t.text('component');
    // The role of the part this fault usually consumes (e.g. 'psu'), matched against SKUs' roles.
    t.text('part_role');
    t.boolean('needs_spare_unit').notNullable().defaultTo(false);
  });
  await knex.raw(
    `alter table fault_codes add constraint fault_codes_check check (typical_level between 1 and 3 and min_skill_level between 1 and 3 and service_minutes >= 0)`,
  );
  await knex.schema.alterTable('skus', (t) => {
    t.text('role');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('skus', (t) => t.dropColumn('role'));
  await knex.schema.dropTable('fault_codes');
}
