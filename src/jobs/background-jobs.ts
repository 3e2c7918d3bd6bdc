import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { RunQueue, RunRows } from '../scenarios/scenario-run-jobs.ts';
import { createPgBossQueue, JOB_QUEUES, type JobQueue } from './job-queue.ts';

/** The job queue the configuration asks for; none (work stays in this process) unless pg-boss. */
export function jobQueueFor(config: Config, logger: Logger): JobQueue | undefined {
  if (config.JOB_RUNNER !== 'pg-boss') return undefined;
  return createPgBossQueue({
    connectionString: config.DATABASE_URL!,
    schema: config.JOBS_SCHEMA,
    logger,
  });
}

/** Scenario runs' side of the queue; a pure API replica only sends and cancels. */
export function runQueueOn(queue: JobQueue, works: boolean): RunQueue {
  return {
    send: (runId) => queue.send(JOB_QUEUES.scenarioRun, runId),
    cancel: (runId) => queue.cancel(JOB_QUEUES.scenarioRun, runId),
    ...(works
      ? {
          work: (handler) =>
            queue.work(JOB_QUEUES.scenarioRun, 1, (runId, context) => handler(runId, context)),
        }
      : {}),
  };
}

/**
 * Starts and stops this process's part of the queue: connecting (every process that sends), and
 * in a process that works jobs, the handlers: solves on as many jobs at once as the solver has
 * threads, one simulation at a time (it spreads over the simulation threads itself), and the
 * dead-letter queues, whose jobs are the ones a dead worker left: their rows are marked failed.
 */
export function createBackgroundJobs(deps: {
  queue: JobQueue | undefined;
  works: boolean;
  /** The database is this process's alone (embedded PGlite): what it left running was interrupted. */
  ownsDatabase: boolean;
  solverThreads: number;
  logger: Logger;
  plans: {
    solveStored(planId: string): Promise<void>;
    failStored(planId: string, reason: string): Promise<void>;
    failInterrupted(): Promise<number>;
  };
  runs: { start(): Promise<void> };
  runRows: RunRows;
}) {
  const { queue } = deps;
  return {
    /** Which runner this process uses, and whether it takes jobs (for logs and /metrics). */
    mode: queue ? (deps.works ? 'pg-boss worker' : 'pg-boss sender') : 'in-process',
    async start(): Promise<void> {
      if (!queue) {
        if (!deps.ownsDatabase) return;
        const interrupted = await deps.plans.failInterrupted();
        if (interrupted > 0)
          deps.logger.warn({ interrupted }, 'plans left solving by the last run marked failed');
        return;
      }
      await queue.start();
      if (!deps.works) return;
      await queue.work(JOB_QUEUES.planSolve, deps.solverThreads, (planId) => deps.plans.solveStored(planId));
      await queue.work(JOB_QUEUES.planSolveFailed, 1, (planId) =>
        deps.plans.failStored(planId, 'the workers solving it stopped before it was solved; create it again'),
      );
      await queue.work(JOB_QUEUES.scenarioRunFailed, 1, (runId) =>
        deps.runRows.fail(runId, 'interrupted: the workers running it stopped; start the run again'),
      );
      await deps.runs.start();
      deps.logger.info({ solverThreads: deps.solverThreads }, 'taking solve and simulation jobs');
    },
    /** Stops taking jobs; those held finish for at most `timeoutMs` (or fail their rows). */
    async stop(timeoutMs: number): Promise<void> {
      await queue?.stop(timeoutMs);
    },
  };
}

export type BackgroundJobs = ReturnType<typeof createBackgroundJobs>;
