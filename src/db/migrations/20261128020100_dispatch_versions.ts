import type { Knex } from 'knex';

/**
 * What dispatch needs to notice change cheaply and safely:
 *
 * - `engineers.version`, bumped when an engineer's record, skills, shifts or absences change, so
 *   a plan committed against an older snapshot is refused. A position report does not bump it:
 *   engineers move all day, and a plan made a minute ago is not wrong because a van moved.
 * - `dispatch_changes`: one row whose counter is bumped once by every transaction that changes
 *   tickets, ticket parts or clocks, stock balances, engineers (positions included), locations or
 *   the catalog. The candidates service keeps today's prepared routes while the counter stands
 *   still; one primary-key read tells it whether they are stale. The bump is a deferred
 *   constraint trigger, so the counter row is locked only at commit, after every other lock the
 *   transaction takes (no lock-order deadlock with the stock ledger), and a reader sees the
 *   counter and the data of the same snapshot (no stale cache after a late commit).
 */
const WATCHED_TABLES = [
  'tickets',
  'ticket_parts',
  'ticket_clocks',
  'stock_balances',
  'engineers',
  'engineer_skills',
  'engineer_shifts',
  'engineer_absences',
  'locations',
  'equipment',
  'equipment_models',
  'skus',
  'sku_fits',
  'sku_supersessions',
  'fault_codes',
] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table engineers add column version integer not null default 1`);
  await knex.raw(`
    create function engineers_bump_version() returns trigger language plpgsql as $$
    begin
      if (new.name, new.home_office_id, new.van_location_id, new.van_capacity, new.max_jobs_per_day, new.active)
         is distinct from
         (old.name, old.home_office_id, old.van_location_id, old.van_capacity, old.max_jobs_per_day, old.active)
         and new.version = old.version then
        new.version := old.version + 1;
      end if;
      return new;
    end $$`);
  await knex.raw(`
    create trigger engineers_version before update on engineers
    for each row execute function engineers_bump_version()`);
  await knex.raw(`
    create function engineer_detail_bump_version() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        update engineers set version = version + 1 where id = old.engineer_id;
      end if;
      if tg_op in ('INSERT', 'UPDATE') and (tg_op = 'INSERT' or new.engineer_id <> old.engineer_id) then
        update engineers set version = version + 1 where id = new.engineer_id;
      end if;
      return null;
    end $$`);
  for (const table of ['engineer_skills', 'engineer_shifts', 'engineer_absences'])
    await knex.raw(`
      create trigger ${table}_engineer_version after insert or update or delete on ${table}
      for each row execute function engineer_detail_bump_version()`);

  await knex.raw(`
    create table dispatch_changes (
      id smallint primary key default 1,
      counter bigint not null default 0,
      constraint dispatch_changes_single_row check (id = 1)
    )`);
  await knex.raw(`insert into dispatch_changes (id, counter) values (1, 0)`);
  // Once per transaction: the flag is a transaction-local setting holding the transaction id.
  await knex.raw(`
    create function dispatch_changes_bump() returns trigger language plpgsql as $$
    begin
      if current_setting('dispatch.bumped_in', true) is distinct from txid_current()::text then
        update dispatch_changes set counter = counter + 1 where id = 1;
        perform set_config('dispatch.bumped_in', txid_current()::text, true);
      end if;
      return null;
    end $$`);
  for (const table of WATCHED_TABLES)
    await knex.raw(`
      create constraint trigger ${table}_dispatch_changes after insert or update or delete on ${table}
      deferrable initially deferred
      for each row execute function dispatch_changes_bump()`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of WATCHED_TABLES) await knex.raw(`drop trigger ${table}_dispatch_changes on ${table}`);
  await knex.raw('drop function dispatch_changes_bump()');
  await knex.raw('drop table dispatch_changes');
  for (const table of ['engineer_skills', 'engineer_shifts', 'engineer_absences'])
    await knex.raw(`drop trigger ${table}_engineer_version on ${table}`);
  await knex.raw('drop function engineer_detail_bump_version()');
  await knex.raw('drop trigger engineers_version on engineers');
  await knex.raw('drop function engineers_bump_version()');
  await knex.raw('alter table engineers drop column version');
}
