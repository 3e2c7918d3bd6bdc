import type { Knex } from 'knex';

/**
 * The balance trigger updates the existing balance row first and inserts only for a pair's first
 * movement. PostgreSQL checks a row's CHECK constraints on the row an INSERT proposes, before it
 * looks for a conflict, so the former upsert-only trigger refused every reservation, issue or
 * outbound transfer (the proposed row of bare deltas, e.g. on_hand 0 and reserved 2, is invalid)
 * even where the existing balance had the stock.
 */
const columns = `on_hand = stock_balances.on_hand + new.on_hand_delta,
        reserved = stock_balances.reserved + new.reserved_delta,
        defective = stock_balances.defective + new.defective_delta,
        version = stock_balances.version + 1,
        updated_at = new.created_at`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function stock_apply_movement() returns trigger language plpgsql as $$
    begin
      update stock_balances set ${columns}
      where location_id = new.location_id and sku_id = new.sku_id;
      if not found then
        -- The pair's first movement. If a concurrent first movement inserts the row meanwhile,
        -- the upsert adds to it; a movement that would leave an empty balance negative fails here,
        -- as it should, because it saw no stock.
        insert into stock_balances (location_id, sku_id, on_hand, reserved, defective, version, updated_at)
        values (new.location_id, new.sku_id, new.on_hand_delta, new.reserved_delta, new.defective_delta, 1, new.created_at)
        on conflict (location_id, sku_id) do update set ${columns};
      end if;
      return new;
    end $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function stock_apply_movement() returns trigger language plpgsql as $$
    begin
      insert into stock_balances (location_id, sku_id, on_hand, reserved, defective, version, updated_at)
      values (new.location_id, new.sku_id, new.on_hand_delta, new.reserved_delta, new.defective_delta, 1, new.created_at)
      on conflict (location_id, sku_id) do update set
        on_hand = stock_balances.on_hand + excluded.on_hand,
        reserved = stock_balances.reserved + excluded.reserved,
        defective = stock_balances.defective + excluded.defective,
        version = stock_balances.version + 1,
        updated_at = excluded.updated_at;
      return new;
    end $$`);
}
