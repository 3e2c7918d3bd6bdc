import type { Knex } from 'knex';

/**
 * Planners' what-if scenarios: a named change set over the live network (src/scenarios). The
 * current state lives in `scenarios`; every save (create or edit) also writes an immutable row
 * to `scenario_revisions`, so an edit never loses what was there before. `version` guards edits
 * (optimistic concurrency); `base_network_version` is the fingerprint (sha256 of the canonical
 * network snapshot) of the network the change set was last validated against, so a reader can
 * tell whether the network changed since.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table scenarios (
      id text primary key,
      name text not null,
      description text,
      status text not null default 'draft',
      changes jsonb not null default '[]',
      base_network_version text not null,
      version integer not null default 1,
      created_by text not null,
      updated_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint scenarios_name_unique unique (name),
      constraint scenarios_status_check check (status in ('draft', 'archived')),
      constraint scenarios_changes_check check (jsonb_typeof(changes) = 'array'),
      constraint scenarios_version_check check (version >= 1)
    )`);
  await knex.raw(`create index scenarios_created_at_idx on scenarios (created_at, id)`);
  await knex.raw(`
    create table scenario_revisions (
      scenario_id text not null references scenarios(id) on delete cascade,
      version integer not null,
      name text not null,
      description text,
      status text not null,
      changes jsonb not null,
      base_network_version text not null,
      actor text not null,
      created_at timestamptz not null default now(),
      primary key (scenario_id, version)
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table scenario_revisions');
  await knex.raw('drop table scenarios');
}
