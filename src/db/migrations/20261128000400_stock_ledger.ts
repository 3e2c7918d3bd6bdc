import type { Knex } from 'knex';

/**
 * Stock as a ledger. Every change is an immutable movement row; the per-location balances follow
 * from the movements through a trigger in the same transaction, and check constraints on the
 * balances make a movement that would drive stock below zero (or reserve more than is on hand)
 * fail, whoever writes it. Concurrent writers serialise on the balance row.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table stock_movements (
      id bigserial primary key,
      location_id text not null references locations(id),
      sku_id text not null references skus(id),
      kind text not null,
      on_hand_delta integer not null default 0,
      reserved_delta integer not null default 0,
      defective_delta integer not null default 0,
      -- What the movement belongs to: a ticket, a plan commit, a purchase or transfer order.
      reference_type text,
      reference_id text,
      -- A transfer writes a transfer_out and a transfer_in with the same transfer_id.
      transfer_id text,
      reason text,
      actor text not null,
      created_at timestamptz not null default now(),
      constraint stock_movements_kind_check check (kind in
        ('receipt', 'reservation', 'release', 'issue', 'transfer_out', 'transfer_in', 'return_defective', 'adjustment')),
      constraint stock_movements_sign_check check (case kind
        when 'receipt' then on_hand_delta > 0 and reserved_delta = 0 and defective_delta = 0
        when 'reservation' then on_hand_delta = 0 and reserved_delta > 0 and defective_delta = 0
        when 'release' then on_hand_delta = 0 and reserved_delta < 0 and defective_delta = 0
        when 'issue' then on_hand_delta < 0 and reserved_delta <= 0 and reserved_delta >= on_hand_delta and defective_delta = 0
        when 'transfer_out' then on_hand_delta < 0 and reserved_delta = 0 and defective_delta = 0 and transfer_id is not null
        when 'transfer_in' then on_hand_delta > 0 and reserved_delta = 0 and defective_delta = 0 and transfer_id is not null
        when 'return_defective' then on_hand_delta = 0 and reserved_delta = 0 and defective_delta > 0
        when 'adjustment' then (on_hand_delta <> 0 or defective_delta <> 0) and reserved_delta = 0 and reason is not null
      end)
    )`);
  await knex.raw(
    `create index stock_movements_location_sku_idx on stock_movements (location_id, sku_id, id)`,
  );
  await knex.raw(
    `create index stock_movements_reference_idx on stock_movements (reference_type, reference_id)`,
  );

  await knex.raw(`
    create table stock_balances (
      location_id text not null references locations(id),
      sku_id text not null references skus(id),
      on_hand integer not null default 0,
      reserved integer not null default 0,
      defective integer not null default 0,
      available integer generated always as (on_hand - reserved) stored,
      -- Bumped by every movement: a plan committed against an older version is refused.
      version integer not null default 0,
      updated_at timestamptz not null default now(),
      primary key (location_id, sku_id),
      constraint stock_balances_on_hand_check check (on_hand >= 0),
      constraint stock_balances_reserved_check check (reserved >= 0 and reserved <= on_hand),
      constraint stock_balances_defective_check check (defective >= 0)
    )`);
  await knex.raw(`create index stock_balances_sku_idx on stock_balances (sku_id)`);

  await knex.raw(`
    create function stock_apply_movement() returns trigger language plpgsql as $$
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
  await knex.raw(`
    create trigger stock_movements_apply after insert on stock_movements
    for each row execute function stock_apply_movement()`);
  await knex.raw(`
    create function stock_movements_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'stock movements are immutable: post a correcting movement instead'
        using errcode = 'P0001';
    end $$`);
  await knex.raw(`
    create trigger stock_movements_no_change before update or delete on stock_movements
    for each row execute function stock_movements_immutable()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table stock_balances');
  await knex.raw('drop table stock_movements');
  await knex.raw('drop function stock_movements_immutable()');
  await knex.raw('drop function stock_apply_movement()');
}
