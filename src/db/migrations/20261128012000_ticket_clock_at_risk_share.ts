import type { Knex } from 'knex';

/**
 * The at-risk share of each ticket clock, kept with the clock as the contract set it at intake, so
 * that "which tickets are at risk now" is one query rather than a profile resolution per ticket.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('ticket_clocks', (t) => {
    t.double('at_risk_share').notNullable().defaultTo(0.25);
  });
  await knex.raw(
    `alter table ticket_clocks add constraint ticket_clocks_at_risk_share_check check (at_risk_share > 0 and at_risk_share < 1 and budget_minutes >= 0 and due_at >= starts_at)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table ticket_clocks drop constraint ticket_clocks_at_risk_share_check');
  await knex.schema.alterTable('ticket_clocks', (t) => t.dropColumn('at_risk_share'));
}
