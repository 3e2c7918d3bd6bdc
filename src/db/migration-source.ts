import type { Knex } from 'knex';
import * as regionsAndZones from './migrations/20261128000100_regions_and_zones.ts';
import * as locations from './migrations/20261128000200_locations.ts';
import * as catalog from './migrations/20261128000300_catalog.ts';
import * as stockLedger from './migrations/20261128000400_stock_ledger.ts';
import * as engineers from './migrations/20261128000500_engineers.ts';
import * as customersAndEquipment from './migrations/20261128000600_customers_and_equipment.ts';
import * as commitmentProfilesAndContracts from './migrations/20261128000700_commitment_profiles_and_contracts.ts';
import * as tickets from './migrations/20261128000800_tickets.ts';
import * as preventiveJobs from './migrations/20261128000900_preventive_jobs.ts';
import * as auditEvents from './migrations/20261128001000_audit_events.ts';
import * as stockBalanceUpdateFirst from './migrations/20261128011000_stock_balance_update_first.ts';
import * as ticketClockAtRiskShare from './migrations/20261128012000_ticket_clock_at_risk_share.ts';
import * as calendarDaysSeed from './migrations/20261128012100_calendar_days_seed.ts';
import * as faultCodes from './migrations/20261128014000_fault_codes.ts';
import * as demandHistory from './migrations/20261128014100_demand_history.ts';
import * as networkDetails from './migrations/20261128014200_network_details.ts';
import * as reorder from './migrations/20261128015500_reorder.ts';
import * as dispatchPlans from './migrations/20261128020000_dispatch_plans.ts';
import * as dispatchVersions from './migrations/20261128020100_dispatch_versions.ts';
import * as scenarios from './migrations/20261128023000_scenarios.ts';
import * as scenarioRuns from './migrations/20261128030000_scenario_runs.ts';
import * as apiTokens from './migrations/20261128040000_api_tokens.ts';
import * as auditEventsToken from './migrations/20261128040100_audit_events_token.ts';
import * as nextTicketId from './migrations/20261128050000_next_ticket_id.ts';

interface Migration {
  up: (knex: Knex) => Promise<void>;
  down: (knex: Knex) => Promise<void>;
}

/**
 * The migrations in order, imported statically so they load the same way under tsx, vitest and
 * a bundler (knex's directory loader uses a bare dynamic import that test runners cannot
 * transform). test/db/migrations.test.ts fails when a file in migrations/ is missing here.
 */
export const migrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['20261128000100_regions_and_zones', regionsAndZones],
  ['20261128000200_locations', locations],
  ['20261128000300_catalog', catalog],
  ['20261128000400_stock_ledger', stockLedger],
  ['20261128000500_engineers', engineers],
  ['20261128000600_customers_and_equipment', customersAndEquipment],
  ['20261128000700_commitment_profiles_and_contracts', commitmentProfilesAndContracts],
  ['20261128000800_tickets', tickets],
  ['20261128000900_preventive_jobs', preventiveJobs],
  ['20261128001000_audit_events', auditEvents],
  ['20261128011000_stock_balance_update_first', stockBalanceUpdateFirst],
  ['20261128012000_ticket_clock_at_risk_share', ticketClockAtRiskShare],
  ['20261128012100_calendar_days_seed', calendarDaysSeed],
  ['20261128014000_fault_codes', faultCodes],
  ['20261128014100_demand_history', demandHistory],
  ['20261128014200_network_details', networkDetails],
  ['20261128015500_reorder', reorder],
  ['20261128020000_dispatch_plans', dispatchPlans],
  ['20261128020100_dispatch_versions', dispatchVersions],
  ['20261128023000_scenarios', scenarios],
  ['20261128030000_scenario_runs', scenarioRuns],
  ['20261128040000_api_tokens', apiTokens],
  ['20261128040100_audit_events_token', auditEventsToken],
  ['20261128050000_next_ticket_id', nextTicketId],
];

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => migrations.map(([name]) => name),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const found = migrations.find(([candidate]) => candidate === name);
    if (!found) throw new Error(`unknown migration ${name}`);
    return found[1];
  },
};
