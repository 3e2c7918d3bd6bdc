import type { Knex } from 'knex';

/**
 * Background what-if runs of a scenario (src/scenarios/scenario-run.service.ts): which scenario
 * version on which network (fingerprint, and whether that was the network the scenario was saved
 * on), the parameters, status and progress, and the results. `inputs` keeps the exact simulation
 * inputs of both sides, so a run can be repeated from its row alone; `updated_at` is the heartbeat
 * a running job moves with each progress write.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table scenario_runs (
      id text primary key,
      scenario_id text not null references scenarios(id) on delete cascade,
      scenario_version integer not null,
      network_version text not null,
      stale boolean not null,
      parameters jsonb not null,
      status text not null default 'queued',
      progress double precision not null default 0,
      inputs jsonb,
      results jsonb,
      warnings jsonb not null default '[]',
      error text,
      created_by text not null,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      updated_at timestamptz not null default now(),
      constraint scenario_runs_status_check
        check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
      constraint scenario_runs_progress_check check (progress >= 0 and progress <= 1)
    )`);
  await knex.raw(`create index scenario_runs_scenario_idx on scenario_runs (scenario_id, created_at, id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table scenario_runs');
}
