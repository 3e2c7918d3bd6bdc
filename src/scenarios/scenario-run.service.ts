import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { compare, type KpiComparison } from '../../solver/simulate/index.ts';
import type { Courier } from '../../solver/problem.schema.ts';
import { addDays, formatInZone, fromLocal, localDateOf } from '../commitments/zoned-time.ts';
import { problems } from '../http/problem.ts';
import type { Logger } from '../logger.ts';
import type { Routing } from '../routing/types.ts';
import { travelForProblem } from '../routing/solver-travel.ts';
import { applyChangeSet, ChangeSetError } from './apply-change-set.ts';
import { readDemandHistory, readStoredTickets } from './demand-history.repository.ts';
import { DemandEstimateError } from './demand-model.ts';
import { networkFingerprint, readNetworkSnapshot } from './network-snapshot.repository.ts';
import type { ScenarioRepository } from './scenario.repository.ts';
import { createInProcessRunJobs, type ExecuteRun, type ScenarioRunJobs } from './scenario-run-jobs.ts';
import type { ScenarioRunRepository, StoredRun } from './scenario-run.repository.ts';
import type {
  KpiDifference,
  ScenarioRun,
  ScenarioRunCreate,
  ScenarioRunResults,
} from './scenario-run.schemas.ts';
import { buildSimulationInputs, type SimulationEnvironment } from './simulation-input.ts';
import { SimulationAborted, type SimulationRunner } from './simulation-runner.ts';

/** Dispatch's own courier when the problem builder is not told otherwise (problem-builder.ts). */
const DISPATCH_COURIER: Courier = { handlingMinutes: 30, speedFactor: 1 };
/** Progress is written at most this often (ms of real time). */
const PROGRESS_EVERY_MS = 500;
/** An active run that no job here holds and whose row has not moved for this long was orphaned. */
const ORPHANED_AFTER_MS = 60_000;

export interface ScenarioRunServiceDeps {
  db: Knex;
  now: () => Date;
  logger?: Logger;
  scenarios: ScenarioRepository;
  runs: ScenarioRunRepository;
  runner: SimulationRunner;
  /** The service's time zone: a run's days start at its local midnight. */
  timeZone: string;
  /** Road times as dispatch gets them (OSRM when configured); absent: the great-circle model. */
  routing?: Routing;
  /** Where runs execute (default: in this process, one at a time). */
  jobs?: (execute: ExecuteRun) => ScenarioRunJobs;
}

/** Run parameters as stored: the request with its defaults, the resolved start and the demand used. */
export interface RunParameters extends Omit<ScenarioRunCreate, 'start' | 'tickets'> {
  start: string;
  tickets?: number;
}

const toDifference = (c: KpiComparison): KpiDifference => ({
  kpi: c.kpi,
  baselineMean: c.baselineMean,
  scenarioMean: c.scenarioMean,
  difference: c.meanDifference,
  ci95: c.ci95,
  significant: c.ci95 ? c.ci95[0] > 0 || c.ci95[1] < 0 : null,
  replications: c.replications,
});

/**
 * What-if runs of a scenario: both sides built from the live network (the scenario's changes
 * applied to today's, so a stale scenario still runs, flagged `stale`; one that no longer applies
 * is a 409) and the stored demand history, then simulated in the background on the same seeds,
 * replication by replication, and compared KPI by KPI with 95 % intervals.
 */
export function createScenarioRunService(deps: ScenarioRunServiceDeps) {
  const { db, runs, runner } = deps;
  const jobs = (deps.jobs ?? createInProcessRunJobs)((runId, signal) => execute(runId, signal));

  const env: SimulationEnvironment = {
    travelFor: async (locations) => {
      if (!deps.routing) return { travel: { mode: 'greatCircle', speedKmh: 60, circuity: 1.3 } };
      const routed = await travelForProblem(deps.routing, locations);
      return {
        travel: routed.travel,
        ...(routed.fallbackReason
          ? { warning: `travel: great-circle fallback (${routed.fallbackReason})` }
          : {}),
      };
    },
    courier: DISPATCH_COURIER,
  };

  async function execute(runId: string, signal: AbortSignal): Promise<void> {
    const inputs = await runs.inputs(runId);
    const run = await runs.get(runId);
    if (!run || !inputs || !(await runs.start(runId, deps.now()))) return;
    const parameters = run.parameters as unknown as RunParameters;
    let writing: Promise<void> = Promise.resolve();
    try {
      const tasks = [];
      for (let replication = 0; replication < parameters.replications; replication++) {
        const common = { seed: parameters.seed, replication };
        tasks.push({ ...common, input: inputs.baseline }, { ...common, input: inputs.scenario });
        if (parameters.compareNearestFree)
          tasks.push({
            ...common,
            input: { ...inputs.baseline, dispatch: { policy: 'nearest-free' as const } },
          });
      }
      const daysDone = tasks.map(() => 0);
      let lastWrite = -Infinity;
      const total = tasks.length * parameters.days;
      const results = await runner.runAll(tasks, {
        signal,
        onProgress: (task, days) => {
          daysDone[task] = days;
          const at = performance.now();
          if (at - lastWrite < PROGRESS_EVERY_MS) return;
          lastWrite = at;
          // 1 is written with the results: a run shows 1 only when they are there.
          const fraction = Math.min(0.99, daysDone.reduce((s, d) => s + d, 0) / total);
          writing = writing.then(() => runs.progress(runId, fraction, deps.now())).catch(() => undefined);
        },
      });
      await writing;
      const per = parameters.compareNearestFree ? 3 : 2;
      const replications = Array.from({ length: parameters.replications }, (_, r) => ({
        replication: r,
        baseline: results[r * per]!,
        scenario: results[r * per + 1]!,
        nearestFree: parameters.compareNearestFree ? results[r * per + 2] : undefined,
      }));
      const comparison = compare(
        replications.map((r) => r.baseline),
        replications.map((r) => r.scenario),
      ).map(toDifference);
      const stored: ScenarioRunResults = {
        replications: replications.map((r) => ({
          replication: r.replication,
          baseline: r.baseline.kpis as unknown as Record<string, unknown>,
          scenario: r.scenario.kpis as unknown as Record<string, unknown>,
          ...(r.nearestFree
            ? { baselineNearestFree: r.nearestFree.kpis as unknown as Record<string, unknown> }
            : {}),
        })),
        comparison,
        ...(parameters.compareNearestFree
          ? {
              optimizationWorth: compare(
                replications.map((r) => r.nearestFree!),
                replications.map((r) => r.baseline),
              ).map(toDifference),
            }
          : {}),
      };
      await runs.finish(runId, stored, deps.now());
    } catch (error) {
      await writing;
      // A cancel already wrote the status; anything else fails the run (never left running).
      if (error instanceof SimulationAborted) return;
      const message = error instanceof Error ? error.message : String(error);
      deps.logger?.warn({ err: error, runId }, 'scenario run failed');
      await runs.fail(runId, message, deps.now());
    }
  }

  async function foundScenario(id: string) {
    const scenario = await deps.scenarios.get(id);
    if (!scenario) throw problems.notFound('scenario', id);
    return scenario;
  }

  /** An active run that nothing here holds and that has not moved for a minute was orphaned (a restart). */
  async function settled(run: StoredRun): Promise<StoredRun> {
    if (run.status !== 'queued' && run.status !== 'running') return run;
    if (jobs.isActive(run.id)) return run;
    if (deps.now().getTime() - Date.parse(run.updatedAt) < ORPHANED_AFTER_MS) return run;
    await runs.fail(
      run.id,
      'interrupted: no worker holds this run any more (the service restarted?)',
      deps.now(),
    );
    return (await runs.get(run.id)) ?? run;
  }

  async function found(runId: string): Promise<StoredRun> {
    const run = await runs.get(runId);
    if (!run) throw problems.notFound('scenario run', runId);
    return settled(run);
  }

  const view = ({ updatedAt: _updatedAt, ...run }: StoredRun): ScenarioRun => run;

  return {
    async create(scenarioId: string, input: ScenarioRunCreate, actor: string) {
      const scenario = await foundScenario(scenarioId);
      if (input.compareNearestFree && input.policy === 'nearest-free')
        throw problems.validation([
          {
            field: 'body.compareNearestFree',
            message: 'compares against nearest-free: the policy must be optimized',
          },
        ]);
      const today = localDateOf(deps.now(), deps.timeZone);
      const startDate = input.start ?? addDays(today, 1);
      const start = formatInZone(fromLocal(startDate, 0, deps.timeZone), deps.timeZone);
      const baseline = await readNetworkSnapshot(db);
      const networkVersion = networkFingerprint(baseline);
      let changed;
      try {
        changed = applyChangeSet(baseline, scenario.changes);
      } catch (error) {
        if (!(error instanceof ChangeSetError)) throw error;
        throw problems.conflict(
          `the network changed since scenario ${scenarioId} was saved and change ${error.index} no longer applies: ${error.reason}`,
          'scenario-does-not-apply',
          [{ field: `changes[${error.index}].${error.field}`, message: error.reason }],
        );
      }
      const history = await readDemandHistory(db, new Date(Date.parse(start)));
      const replay =
        input.demand === 'replay'
          ? await readStoredTickets(
              db,
              new Date(Date.parse(start)),
              new Date(fromLocal(addDays(startDate, input.days), 0, deps.timeZone)),
            )
          : undefined;
      let built;
      try {
        built = await buildSimulationInputs({
          baseline,
          scenario: changed,
          history,
          settings: {
            start,
            days: input.days,
            policy: input.policy,
            ...(input.ticketsPerDay !== undefined ? { ticketsPerDay: input.ticketsPerDay } : {}),
            ...(input.tickets !== undefined ? { tickets: input.tickets } : {}),
            demandScale: input.demandScale,
          },
          env,
          ...(replay ? { replay } : {}),
        });
      } catch (error) {
        if (!(error instanceof DemandEstimateError)) throw error;
        throw problems.validation([
          { field: 'body.ticketsPerDay', message: `required here: ${error.message}` },
        ]);
      }
      const stale = scenario.baseNetworkVersion !== networkVersion;
      const warnings = [
        ...(stale ? ['the network changed since the scenario was saved: the run used today’s network'] : []),
        ...built.warnings,
      ];
      const { start: _start, ...rest } = input;
      const parameters: RunParameters = { ...rest, start };
      const id = randomUUID();
      await runs.insert(
        {
          id,
          scenarioId,
          scenarioVersion: scenario.version,
          networkVersion,
          stale,
          parameters: { ...parameters, demandEstimate: built.demand } as unknown as Record<string, unknown>,
          inputs: { baseline: built.baseline, scenario: built.scenario },
          warnings,
          createdBy: actor,
        },
        deps.now(),
      );
      try {
        await jobs.enqueue(id);
      } catch (error) {
        deps.logger?.error({ err: error, runId: id }, 'scenario run could not be queued');
        await runs.fail(id, 'the run could not be queued', deps.now());
        throw problems.unavailable('the job queue is unavailable');
      }
      return {
        id,
        status: 'queued' as const,
        stale,
        location: `/api/v1/scenario-runs/${id}`,
        warnings,
        demand: built.demand,
      };
    },

    async list(scenarioId: string) {
      await foundScenario(scenarioId);
      const items = await Promise.all((await runs.listForScenario(scenarioId)).map(settled));
      return { items: items.map(({ results: _results, updatedAt: _updatedAt, ...run }) => run) };
    },

    async get(runId: string): Promise<ScenarioRun> {
      return view(await found(runId));
    },

    async comparison(runId: string) {
      const run = await found(runId);
      if (run.status !== 'done' || !run.results)
        throw problems.conflict(
          `run ${runId} is ${run.status}: a comparison exists once it is done`,
          'run-not-done',
        );
      return {
        runId,
        scenarioId: run.scenarioId,
        stale: run.stale,
        replications: run.results.replications.length,
        items: run.results.comparison,
        ...(run.results.optimizationWorth ? { optimizationWorth: run.results.optimizationWorth } : {}),
        warnings: run.warnings,
      };
    },

    async cancel(runId: string): Promise<ScenarioRun> {
      const run = await found(runId);
      if (!(await runs.cancel(runId, deps.now())))
        throw problems.conflict(
          `run ${runId} is ${run.status}: only a queued or running run can be cancelled`,
          'run-ended',
        );
      jobs.cancel(runId);
      return view((await runs.get(runId))!);
    },

    /** Resolves when no run is queued or running in this process (tests, shutdown). */
    idle: () => jobs.idle(),
    close: () => jobs.close(),
    /** Starts taking runs from the job queue when runs go through one (a worker process). */
    start: async () => {
      await jobs.start?.();
    },
  };
}

export type ScenarioRunService = ReturnType<typeof createScenarioRunService>;
