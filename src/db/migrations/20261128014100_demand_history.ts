import type { Knex } from 'knex';

/** Demand history per stock location and SKU, by period: what the inventory forecasts learn from. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('demand_history', (t) => {
    t.text('location_id').notNullable().references('locations.id');
    t.text('sku_id').notNullable().references('skus.id');
    t.text('period').notNullable().defaultTo('month');
    t.date('period_start').notNullable();
    t.integer('qty').notNullable();
    t.primary(['location_id', 'sku_id', 'period', 'period_start']);
  });
  await knex.raw(
    `alter table demand_history add constraint demand_history_check check (qty >= 0 and period in ('week', 'month'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('demand_history');
}
