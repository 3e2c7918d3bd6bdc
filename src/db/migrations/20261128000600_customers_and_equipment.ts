import type { Knex } from 'knex';

/** Customers, which sites belong to them, and the equipment installed there with per-component warranty. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('customers', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('kind').notNullable();
    t.text('region_id').references('regions.id');
    t.text('contact');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.alterTable('locations', (t) => {
    // Set for customer sites only.
    t.text('customer_id').references('customers.id');
  });
  await knex.raw(
    `alter table locations add constraint locations_site_customer_check check ((kind = 'site') = (customer_id is not null))`,
  );
  await knex.schema.createTable('equipment', (t) => {
    t.text('id').primary();
    t.text('site_id').notNullable().references('locations.id');
    t.text('model_id').notNullable().references('equipment_models.id');
    t.text('serial').notNullable().unique();
    t.date('installed_on').notNullable();
    t.date('warranty_card_received_on');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['site_id']);
  });
  await knex.schema.createTable('equipment_components', (t) => {
    t.text('equipment_id').notNullable().references('equipment.id').onDelete('CASCADE');
    // main-unit, piping, electrical, software, …
    t.text('component').notNullable();
    t.date('warranty_end').notNullable();
    t.primary(['equipment_id', 'component']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('equipment_components');
  await knex.schema.dropTable('equipment');
  await knex.raw('alter table locations drop constraint locations_site_customer_check');
  await knex.schema.alterTable('locations', (t) => t.dropColumn('customer_id'));
  await knex.schema.dropTable('customers');
}
