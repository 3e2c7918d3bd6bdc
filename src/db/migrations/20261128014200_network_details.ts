import type { Knex } from 'knex';

/**
 * What the console shows besides ids: Chinese names, administrative areas, the office a zone is
 * measured from, a model's manufacturer and spare-unit SKU, and the skills' display names.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('locations', (t) => {
    t.text('name_zh');
    t.text('province');
    t.text('county');
  });
  await knex.schema.alterTable('zones', (t) => {
    t.text('name_zh');
    t.text('office_id').references('locations.id');
  });
  await knex.schema.alterTable('customers', (t) => t.text('name_zh'));
  await knex.schema.alterTable('engineers', (t) => t.text('name_zh'));
  await knex.schema.alterTable('equipment_models', (t) => {
    t.text('manufacturer');
    t.text('spare_unit_sku_id').references('skus.id');
  });
  await knex.schema.createTable('skills', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('name_zh');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('skills');
  await knex.schema.alterTable('equipment_models', (t) => {
    t.dropColumn('spare_unit_sku_id');
    t.dropColumn('manufacturer');
  });
  await knex.schema.alterTable('engineers', (t) => t.dropColumn('name_zh'));
  await knex.schema.alterTable('customers', (t) => t.dropColumn('name_zh'));
  await knex.schema.alterTable('zones', (t) => {
    t.dropColumn('office_id');
    t.dropColumn('name_zh');
  });
  await knex.schema.alterTable('locations', (t) => {
    t.dropColumn('county');
    t.dropColumn('province');
    t.dropColumn('name_zh');
  });
}
