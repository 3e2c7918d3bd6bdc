import type { Knex } from 'knex';

/**
 * The nightly reorder run and what depot managers do with its output: run history, one
 * suggestion per location and SKU per run, and the purchase and transfer orders approved
 * suggestions become. Units on open order lines count as "on order" in the next run.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table reorder_runs (
      id bigserial primary key,
      -- The schedule date (one run per night) or a manual key; re-running a key replaces its proposals.
      run_key text not null unique,
      trigger text not null,
      status text not null,
      actor text not null,
      started_at timestamptz not null,
      finished_at timestamptz,
      duration_ms integer,
      counts jsonb not null default '{}',
      error text,
      constraint reorder_runs_trigger_check check (trigger in ('schedule', 'manual')),
      constraint reorder_runs_status_check check (status in ('succeeded', 'failed')),
      constraint reorder_runs_duration_check check (duration_ms is null or duration_ms >= 0)
    )`);

  await knex.raw(`
    create table reorder_suggestions (
      id bigserial primary key,
      run_id bigint not null references reorder_runs(id) on delete cascade,
      location_id text not null references locations(id),
      sku_id text not null references skus(id),
      classification text,
      method text,
      forecast double precision,
      lead_time_demand_mean double precision,
      lead_time_demand_variance double precision,
      on_hand integer not null,
      on_order integer not null,
      reserved integer not null,
      backorders integer not null,
      inventory_position integer not null,
      reorder_point integer,
      order_up_to integer,
      target_fill_rate double precision not null,
      predicted_fill_rate double precision,
      coverage_at_risk boolean not null default false,
      action text not null,
      quantity integer not null,
      from_location_id text references locations(id),
      unit_cost numeric(14, 2) not null,
      value numeric(16, 2) not null,
      alerts jsonb not null default '[]',
      explanation jsonb not null default '{}',
      -- 'superseded': a later run (another key) proposed afresh; it can no longer be approved.
      status text not null default 'proposed',
      reject_reason text,
      -- Bumped by every edit or decision: an edit made against an older version is refused.
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint reorder_suggestions_pair_unique unique (run_id, location_id, sku_id),
      constraint reorder_suggestions_action_check check (action in ('buy', 'transfer', 'none', 'last-time-buy')),
      constraint reorder_suggestions_status_check check (status in ('proposed', 'approved', 'edited', 'rejected', 'superseded')),
      constraint reorder_suggestions_quantity_check check (quantity >= 0 and (action = 'none') = (quantity = 0)),
      constraint reorder_suggestions_transfer_check check ((action = 'transfer') = (from_location_id is not null)),
      constraint reorder_suggestions_reject_check check ((status = 'rejected') = (reject_reason is not null))
    )`);
  await knex.raw(
    `create index reorder_suggestions_location_idx on reorder_suggestions (location_id, sku_id)`,
  );
  await knex.raw(`create index reorder_suggestions_sku_idx on reorder_suggestions (sku_id)`);
  await knex.raw(`create index reorder_suggestions_status_idx on reorder_suggestions (status, action)`);

  await knex.raw(`create sequence purchase_order_number_seq`);
  await knex.raw(`create sequence transfer_order_number_seq`);
  await knex.raw(`
    create table purchase_orders (
      id text primary key default 'PO-' || lpad(nextval('purchase_order_number_seq')::text, 6, '0'),
      supplier_id text references suppliers(id),
      location_id text not null references locations(id),
      status text not null default 'open',
      suggestion_id bigint unique references reorder_suggestions(id),
      created_by text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      constraint purchase_orders_status_check check (status in ('open', 'partially_received', 'received', 'cancelled'))
    )`);
  await knex.raw(`create index purchase_orders_status_idx on purchase_orders (status)`);
  await knex.raw(`
    create table purchase_order_lines (
      purchase_order_id text not null references purchase_orders(id) on delete cascade,
      line_no integer not null,
      sku_id text not null references skus(id),
      qty integer not null,
      received_qty integer not null default 0,
      unit_cost numeric(14, 2) not null,
      primary key (purchase_order_id, line_no),
      constraint purchase_order_lines_qty_check check (qty > 0 and received_qty >= 0 and received_qty <= qty)
    )`);
  await knex.raw(`create index purchase_order_lines_sku_idx on purchase_order_lines (sku_id)`);
  // One receipt per (order, key): a retried receive with the same key posts nothing twice.
  await knex.raw(`
    create table purchase_order_receipts (
      purchase_order_id text not null references purchase_orders(id) on delete cascade,
      receipt_key text not null,
      lines jsonb not null,
      actor text not null,
      received_at timestamptz not null,
      primary key (purchase_order_id, receipt_key)
    )`);

  await knex.raw(`
    create table transfer_orders (
      id text primary key default 'TO-' || lpad(nextval('transfer_order_number_seq')::text, 6, '0'),
      from_location_id text not null references locations(id),
      to_location_id text not null references locations(id),
      sku_id text not null references skus(id),
      qty integer not null,
      status text not null default 'open',
      suggestion_id bigint unique references reorder_suggestions(id),
      created_by text not null,
      created_at timestamptz not null,
      shipped_at timestamptz,
      completed_at timestamptz,
      updated_at timestamptz not null,
      constraint transfer_orders_qty_check check (qty > 0),
      constraint transfer_orders_places_check check (from_location_id <> to_location_id),
      constraint transfer_orders_status_check check (status in ('open', 'shipped', 'completed', 'cancelled'))
    )`);
  await knex.raw(`create index transfer_orders_status_idx on transfer_orders (status)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table transfer_orders');
  await knex.raw('drop table purchase_order_receipts');
  await knex.raw('drop table purchase_order_lines');
  await knex.raw('drop table purchase_orders');
  await knex.raw('drop table reorder_suggestions');
  await knex.raw('drop table reorder_runs');
  await knex.raw('drop sequence transfer_order_number_seq');
  await knex.raw('drop sequence purchase_order_number_seq');
}
