import type { Knex } from 'knex';

/**
 * Dispatch plans and the assignments a committed plan made. A plan row is written when a solve is
 * asked for ('solving') and completed by the worker's answer ('solved' or 'failed'); it keeps the
 * problem it solved and the versions of what it read, so a commit can refuse a plan whose stock,
 * engineers or tickets changed since ('stale'), and a planner can replay it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('dispatch_plans', (t) => {
    t.text('id').primary();
    t.text('status').notNullable().defaultTo('solving');
    // What started it: a dispatcher ('manual') or an event ('level-1': a new level-1 ticket).
    t.text('trigger').notNullable().defaultTo('manual');
    t.text('region_id');
    t.jsonb('options').notNullable().defaultTo('{}');
    t.jsonb('problem');
    t.jsonb('snapshot');
    t.jsonb('plan');
    t.jsonb('kpis');
    t.jsonb('validation');
    t.text('error');
    t.text('created_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('solved_at', { useTz: true });
    // Milliseconds: reading the problem from the database, and solving plus validating it.
    t.integer('build_ms');
    t.integer('solve_ms');
    t.timestamp('committed_at', { useTz: true });
    t.text('committed_by');
    t.index(['created_at']);
    t.index(['status']);
  });
  await knex.raw(
    `alter table dispatch_plans add constraint dispatch_plans_status_check check (status in ('solving', 'solved', 'failed', 'committed', 'stale'))`,
  );

  await knex.schema.createTable('dispatch_assignments', (t) => {
    t.bigIncrements('id');
    t.text('plan_id').notNullable().references('dispatch_plans.id').onDelete('CASCADE');
    t.text('ticket_id').notNullable().references('tickets.id');
    t.text('engineer_id').notNullable().references('engineers.id');
    // Position of the ticket in the engineer's route (0 = first stop).
    t.integer('sequence').notNullable();
    t.timestamp('planned_arrive', { useTz: true }).notNullable();
    t.timestamp('planned_start', { useTz: true }).notNullable();
    t.timestamp('planned_end', { useTz: true }).notNullable();
    // The plan's supplies as it gave them: parts [{sku, qty, from, via, atSite}] and the spare unit.
    t.jsonb('parts').notNullable().defaultTo('[]');
    t.jsonb('spare_unit');
    t.boolean('pinned').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.unique(['plan_id', 'ticket_id']);
    t.index(['ticket_id']);
    t.index(['engineer_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('dispatch_assignments');
  await knex.schema.dropTable('dispatch_plans');
}
