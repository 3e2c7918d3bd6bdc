import type { Knex } from 'knex';

/** Regions (a province or a city region) and service zones within them. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('regions', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('name_zh');
    t.text('time_zone').notNullable().defaultTo('Asia/Shanghai');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('zones', (t) => {
    t.text('id').primary();
    t.text('region_id').notNullable().references('regions.id');
    t.text('name').notNullable();
    // A zone id of the commitment catalog (data/commitments.json: same-city, surrounding,
    // other-province, beijing-urban, …): the profiles map (zone kind, level) to on-site hours.
    t.text('kind').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table zones add constraint zones_kind_check check (kind ~ '^[a-z0-9][a-z0-9-]*$')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('zones');
  await knex.schema.dropTable('regions');
}
