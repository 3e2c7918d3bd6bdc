import type { Knex } from 'knex';

/** Depots, offices, customer sites and engineers' vans: everything that has a place or holds stock. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('locations', (t) => {
    t.text('id').primary();
    t.text('kind').notNullable();
    t.text('name').notNullable();
    t.text('region_id').notNullable().references('regions.id');
    t.text('zone_id').references('zones.id');
    t.double('lat').notNullable();
    t.double('lon').notNullable();
    t.text('address');
    t.text('city');
    // The office or depot that serves this location (a site's serving office defines its zone).
    t.text('serving_office_id').references('locations.id');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['kind']);
    t.index(['region_id']);
  });
  await knex.raw(
    `alter table locations add constraint locations_kind_check check (kind in ('depot', 'office', 'site', 'van'))`,
  );
  await knex.raw(`alter table locations add constraint locations_lat_check check (lat between -90 and 90)`);
  await knex.raw(`alter table locations add constraint locations_lon_check check (lon between -180 and 180)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('locations');
}
