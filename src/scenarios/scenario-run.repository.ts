import type { Knex } from 'knex';
import type { SimulationInput } from '../../solver/simulate/types.ts';
import { toIso } from '../http/schemas.ts';
import type { RunStatus, ScenarioRun, ScenarioRunResults } from './scenario-run.schemas.ts';

type RunRow = {
  id: string;
  scenario_id: string;
  scenario_version: number;
  network_version: string;
  stale: boolean;
  parameters: Record<string, unknown>;
  status: RunStatus;
  progress: number;
  results: ScenarioRunResults | null;
  warnings: string[];
  error: string | null;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
};

/** A stored run, with the time of its last write (a running job's heartbeat). */
export type StoredRun = ScenarioRun & { updatedAt: string };

const SUMMARY_COLUMNS = [
  'id',
  'scenario_id',
  'scenario_version',
  'network_version',
  'stale',
  'parameters',
  'status',
  'progress',
  'warnings',
  'error',
  'created_by',
  'created_at',
  'started_at',
  'finished_at',
  'updated_at',
];

const toRun = (row: RunRow): StoredRun => ({
  id: row.id,
  scenarioId: row.scenario_id,
  scenarioVersion: row.scenario_version,
  networkVersion: row.network_version,
  stale: row.stale,
  parameters: row.parameters,
  status: row.status,
  progress: Number(row.progress),
  warnings: row.warnings,
  error: row.error,
  createdBy: row.created_by,
  createdAt: toIso(row.created_at)!,
  startedAt: toIso(row.started_at),
  finishedAt: toIso(row.finished_at),
  updatedAt: toIso(row.updated_at)!,
  results: row.results ?? null,
});

export interface RunInputs {
  baseline: SimulationInput;
  scenario: SimulationInput;
}

export interface NewRun {
  id: string;
  scenarioId: string;
  scenarioVersion: number;
  networkVersion: string;
  stale: boolean;
  parameters: Record<string, unknown>;
  inputs: RunInputs;
  warnings: string[];
  createdBy: string;
}

const ACTIVE: RunStatus[] = ['queued', 'running'];

/**
 * Scenario runs. Every state change is a conditional update on the status it expects, so a
 * cancel and a finishing job cannot both win: whichever writes first decides.
 */
export function createScenarioRunRepository(db: Knex) {
  return {
    async insert(run: NewRun, at: Date): Promise<void> {
      await db('scenario_runs').insert({
        id: run.id,
        scenario_id: run.scenarioId,
        scenario_version: run.scenarioVersion,
        network_version: run.networkVersion,
        stale: run.stale,
        parameters: JSON.stringify(run.parameters),
        status: 'queued',
        progress: 0,
        inputs: JSON.stringify(run.inputs),
        warnings: JSON.stringify(run.warnings),
        created_by: run.createdBy,
        created_at: at,
        updated_at: at,
      });
    },

    async get(id: string): Promise<StoredRun | undefined> {
      const row: RunRow | undefined = await db('scenario_runs')
        .where({ id })
        .first([...SUMMARY_COLUMNS, 'results']);
      return row ? toRun(row) : undefined;
    },

    async listForScenario(scenarioId: string): Promise<StoredRun[]> {
      const rows: RunRow[] = await db('scenario_runs')
        .where({ scenario_id: scenarioId })
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(100)
        .select(SUMMARY_COLUMNS);
      return rows.map((row) => toRun({ ...row, results: null }));
    },

    async inputs(id: string): Promise<RunInputs | undefined> {
      const row = await db('scenario_runs').where({ id }).first('inputs');
      return row?.inputs ?? undefined;
    },

    /** queued → running; false when the run is no longer queued (cancelled meanwhile). */
    async start(id: string, at: Date): Promise<boolean> {
      const updated = await db('scenario_runs')
        .where({ id, status: 'queued' })
        .update({ status: 'running', started_at: at, updated_at: at });
      return updated === 1;
    },

    async progress(id: string, progress: number, at: Date): Promise<void> {
      await db('scenario_runs')
        .where({ id, status: 'running' })
        .update({ progress: Math.min(1, Math.max(0, progress)), updated_at: at });
    },

    async finish(id: string, results: ScenarioRunResults, at: Date): Promise<boolean> {
      const updated = await db('scenario_runs')
        .where({ id, status: 'running' })
        .update({
          status: 'done',
          progress: 1,
          results: JSON.stringify(results),
          finished_at: at,
          updated_at: at,
        });
      return updated === 1;
    },

    /** Any active run → failed with the reason; false when it had already ended. */
    async fail(id: string, error: string, at: Date): Promise<boolean> {
      const updated = await db('scenario_runs')
        .where({ id })
        .whereIn('status', ACTIVE)
        .update({ status: 'failed', error: error.slice(0, 2000), finished_at: at, updated_at: at });
      return updated === 1;
    },

    async cancel(id: string, at: Date): Promise<boolean> {
      const updated = await db('scenario_runs')
        .where({ id })
        .whereIn('status', ACTIVE)
        .update({ status: 'cancelled', finished_at: at, updated_at: at });
      return updated === 1;
    },
  };
}

export type ScenarioRunRepository = ReturnType<typeof createScenarioRunRepository>;
