import type { Knex } from 'knex';

/** Tickets, the parts they need, their commitment clocks, and their event history (the audit of a ticket). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create sequence ticket_number_seq`);
  await knex.schema.createTable('tickets', (t) => {
    t.text('id').primary().defaultTo(knex.raw(`'T-' || lpad(nextval('ticket_number_seq')::text, 6, '0')`));
    t.text('site_id').notNullable().references('locations.id');
    t.text('customer_id').notNullable().references('customers.id');
    t.text('equipment_id').references('equipment.id');
    t.text('contract_id').references('contracts.id');
    // fault (on-site work), question, remote (remote resolution), complex (solution in working days).
    t.text('kind').notNullable().defaultTo('fault');
    t.integer('level').notNullable();
    t.text('tier').notNullable();
    t.text('fault_code');
    t.text('component');
    t.text('cause');
    t.text('description');
    t.text('status').notNullable().defaultTo('reported');
    t.timestamp('reported_at', { useTz: true }).notNullable();
    t.text('skill');
    t.integer('min_skill_level').notNullable().defaultTo(1);
    t.double('service_minutes').notNullable().defaultTo(60);
    t.text('spare_unit_model_id').references('equipment_models.id');
    // Three strikes: the same fault repaired three times: this ticket needs a replacement unit.
    t.boolean('requires_replacement').notNullable().defaultTo(false);
    t.text('replacement_reason');
    t.text('warranty_decision');
    t.text('warranty_reason');
    t.text('zone_kind');
    t.text('assigned_engineer_id').references('engineers.id');
    t.text('reported_by');
    t.text('idempotency_key').unique();
    t.text('request_hash');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['status', 'level']);
    t.index(['site_id']);
    t.index(['equipment_id', 'fault_code']);
  });
  await knex.raw(`alter table tickets add constraint tickets_level_check check (level between 1 and 3)`);
  await knex.raw(`alter table tickets add constraint tickets_tier_check check (tier in ('A', 'B', 'C'))`);
  await knex.raw(
    `alter table tickets add constraint tickets_kind_check check (kind in ('fault', 'question', 'remote', 'complex'))`,
  );
  await knex.raw(
    `alter table tickets add constraint tickets_status_check check (status in ('reported', 'acknowledged', 'assigned', 'en_route', 'on_site', 'resolved', 'report_filed', 'closed', 'cancelled'))`,
  );
  await knex.raw(
    `alter table tickets add constraint tickets_numbers_check check (min_skill_level between 1 and 3 and service_minutes >= 0)`,
  );

  await knex.schema.createTable('ticket_parts', (t) => {
    t.text('ticket_id').notNullable().references('tickets.id').onDelete('CASCADE');
    t.text('sku_id').notNullable().references('skus.id');
    t.integer('qty').notNullable();
    t.primary(['ticket_id', 'sku_id']);
  });
  await knex.raw(`alter table ticket_parts add constraint ticket_parts_qty_check check (qty > 0)`);

  await knex.schema.createTable('ticket_clocks', (t) => {
    t.text('ticket_id').notNullable().references('tickets.id').onDelete('CASCADE');
    t.text('clock').notNullable();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.double('budget_minutes').notNullable();
    // '24x7' or 'working-days'.
    t.text('calendar').notNullable();
    t.timestamp('stopped_at', { useTz: true });
    t.primary(['ticket_id', 'clock']);
    t.index(['due_at']);
  });

  await knex.schema.createTable('ticket_events', (t) => {
    t.bigIncrements('id');
    t.text('ticket_id').notNullable().references('tickets.id').onDelete('CASCADE');
    t.text('type').notNullable();
    t.text('from_status');
    t.text('to_status');
    t.text('actor').notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.jsonb('data').notNullable().defaultTo('{}');
    t.index(['ticket_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ticket_events');
  await knex.schema.dropTable('ticket_clocks');
  await knex.schema.dropTable('ticket_parts');
  await knex.schema.dropTable('tickets');
  await knex.raw('drop sequence ticket_number_seq');
}
