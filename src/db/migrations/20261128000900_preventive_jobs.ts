import type { Knex } from 'knex';

/** Preventive work (inspections, training): plannable jobs with a window, not emergencies. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('preventive_jobs', (t) => {
    t.text('id').primary();
    t.text('site_id').notNullable().references('locations.id');
    t.text('equipment_id').references('equipment.id');
    t.text('kind').notNullable();
    t.text('skill').notNullable();
    t.integer('min_skill_level').notNullable().defaultTo(1);
    t.double('service_minutes').notNullable();
    t.timestamp('window_start', { useTz: true }).notNullable();
    t.timestamp('window_end', { useTz: true }).notNullable();
    // monthly, twice-a-year, once
    t.text('recurrence').notNullable().defaultTo('once');
    t.text('status').notNullable().defaultTo('planned');
    t.text('assigned_engineer_id').references('engineers.id');
    t.timestamp('done_at', { useTz: true });
    t.timestamp('report_due_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['status', 'window_start']);
  });
  await knex.raw(
    `alter table preventive_jobs add constraint preventive_jobs_kind_check check (kind in ('inspection', 'training'))`,
  );
  await knex.raw(
    `alter table preventive_jobs add constraint preventive_jobs_status_check check (status in ('planned', 'assigned', 'done', 'report_filed', 'cancelled'))`,
  );
  await knex.raw(
    `alter table preventive_jobs add constraint preventive_jobs_window_check check (window_end > window_start and service_minutes >= 0 and min_skill_level between 1 and 3)`,
  );
  await knex.raw(
    `alter table preventive_jobs add constraint preventive_jobs_recurrence_check check (recurrence in ('once', 'monthly', 'twice-a-year'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('preventive_jobs');
}
