import type { Knex } from 'knex';

/** Commitment profiles (the catalog of commitments.md as data), holidays, and customers' contracts. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('commitment_profiles', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    // The profile's figures per clock, tier, level and zone, validated by src/commitments.
    t.jsonb('definition').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('calendar_days', (t) => {
    t.date('day').primary();
    // 'holiday' (a weekday off) or 'workday' (a weekend day worked, 调休).
    t.text('kind').notNullable();
    t.text('name');
  });
  await knex.raw(
    `alter table calendar_days add constraint calendar_days_kind_check check (kind in ('holiday', 'workday'))`,
  );
  await knex.schema.createTable('contracts', (t) => {
    t.text('id').primary();
    t.text('customer_id').notNullable().references('customers.id');
    t.text('profile_id').notNullable().references('commitment_profiles.id');
    t.text('tier').notNullable();
    // Any figure of the profile, overridden for this customer.
    t.jsonb('overrides').notNullable().defaultTo('{}');
    // What the customer pays outside warranty (plan 1: parts at cost; plan 4: parts and labour).
    t.text('out_of_warranty_policy').notNullable().defaultTo('parts-and-labour');
    t.date('starts_on').notNullable();
    t.date('ends_on');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['customer_id']);
  });
  await knex.raw(`alter table contracts add constraint contracts_tier_check check (tier in ('A', 'B', 'C'))`);
  await knex.raw(
    `alter table contracts add constraint contracts_policy_check check (out_of_warranty_policy in ('parts-at-cost-no-labour', 'parts-and-labour'))`,
  );
  await knex.raw(
    `alter table contracts add constraint contracts_dates_check check (ends_on is null or ends_on >= starts_on)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('contracts');
  await knex.schema.dropTable('calendar_days');
  await knex.schema.dropTable('commitment_profiles');
}
