import type { Knex } from 'knex';

/** Equipment models, suppliers, part and spare-unit SKUs, compatibility and supersession. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('equipment_models', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('category').notNullable();
    // The skill an engineer needs to work on this model, and the level for each fault level.
    t.text('skill').notNullable();
    t.integer('min_skill_level').notNullable().defaultTo(1);
    t.integer('design_life_years');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `alter table equipment_models add constraint equipment_models_level_check check (min_skill_level between 1 and 3)`,
  );
  await knex.schema.createTable('suppliers', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('skus', (t) => {
    t.text('id').primary();
    t.text('kind').notNullable();
    t.text('name').notNullable();
    // For a spare unit: the equipment model it is.
    t.text('model_id').references('equipment_models.id');
    t.decimal('unit_cost', 14, 2).notNullable().defaultTo(0);
    t.integer('pack_size').notNullable().defaultTo(1);
    t.integer('min_order_qty').notNullable().defaultTo(1);
    t.text('supplier_id').references('suppliers.id');
    t.double('lead_time_days_mean').notNullable().defaultTo(14);
    t.double('lead_time_days_sd').notNullable().defaultTo(0);
    t.date('end_of_life');
    t.double('load_units').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table skus add constraint skus_kind_check check (kind in ('part', 'unit'))`);
  await knex.raw(
    `alter table skus add constraint skus_unit_model_check check (kind = 'part' or model_id is not null)`,
  );
  await knex.raw(
    `alter table skus add constraint skus_quantities_check check (unit_cost >= 0 and pack_size >= 1 and min_order_qty >= 1 and lead_time_days_mean >= 0 and lead_time_days_sd >= 0 and load_units >= 0)`,
  );
  await knex.schema.createTable('sku_fits', (t) => {
    t.text('sku_id').notNullable().references('skus.id').onDelete('CASCADE');
    t.text('model_id').notNullable().references('equipment_models.id');
    t.primary(['sku_id', 'model_id']);
  });
  await knex.schema.createTable('sku_supersessions', (t) => {
    // `sku_id` replaces `supersedes_id`: a need for the old SKU may be met with the new one.
    t.text('sku_id').notNullable().references('skus.id').onDelete('CASCADE');
    t.text('supersedes_id').notNullable().references('skus.id');
    t.primary(['sku_id', 'supersedes_id']);
  });
  await knex.raw(
    `alter table sku_supersessions add constraint sku_supersessions_self_check check (sku_id <> supersedes_id)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sku_supersessions');
  await knex.schema.dropTable('sku_fits');
  await knex.schema.dropTable('skus');
  await knex.schema.dropTable('suppliers');
  await knex.schema.dropTable('equipment_models');
}
