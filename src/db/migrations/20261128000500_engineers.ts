import type { Knex } from 'knex';

/** Field engineers: home office, van (a stock location of its own), skills, shifts, absences, position. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('engineers', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('home_office_id').notNullable().references('locations.id');
    t.text('van_location_id').unique().references('locations.id');
    t.text('phone');
    t.double('van_capacity');
    t.integer('max_jobs_per_day').notNullable().defaultTo(6);
    t.boolean('active').notNullable().defaultTo(true);
    t.double('position_lat');
    t.double('position_lon');
    t.timestamp('position_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['home_office_id']);
  });
  await knex.raw(
    `alter table engineers add constraint engineers_position_check check ((position_lat is null) = (position_lon is null) and (position_lat is null or (position_lat between -90 and 90 and position_lon between -180 and 180)))`,
  );
  await knex.schema.createTable('engineer_skills', (t) => {
    t.text('engineer_id').notNullable().references('engineers.id').onDelete('CASCADE');
    t.text('skill').notNullable();
    t.integer('level').notNullable();
    t.primary(['engineer_id', 'skill']);
  });
  await knex.raw(
    `alter table engineer_skills add constraint engineer_skills_level_check check (level between 1 and 3)`,
  );
  await knex.schema.createTable('engineer_shifts', (t) => {
    t.increments('id');
    t.text('engineer_id').notNullable().references('engineers.id').onDelete('CASCADE');
    // ISO weekday, 1 = Monday … 7 = Sunday; times are local to the engineer's region.
    t.integer('weekday').notNullable();
    t.time('starts_at').notNullable();
    t.time('ends_at').notNullable();
    t.unique(['engineer_id', 'weekday']);
  });
  await knex.raw(
    `alter table engineer_shifts add constraint engineer_shifts_check check (weekday between 1 and 7 and ends_at > starts_at)`,
  );
  await knex.schema.createTable('engineer_absences', (t) => {
    t.increments('id');
    t.text('engineer_id').notNullable().references('engineers.id').onDelete('CASCADE');
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.text('reason');
    t.index(['engineer_id', 'starts_at']);
  });
  await knex.raw(
    `alter table engineer_absences add constraint engineer_absences_check check (ends_at > starts_at)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('engineer_absences');
  await knex.schema.dropTable('engineer_shifts');
  await knex.schema.dropTable('engineer_skills');
  await knex.schema.dropTable('engineers');
}
