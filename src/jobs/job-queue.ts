import { createHash } from 'node:crypto';
import { PgBoss } from 'pg-boss';
import type { Logger } from '../logger.ts';

/**
 * The background work that scale-out moves off the API processes. Each job carries one id: the
 * row it names (a dispatch plan, a scenario run) holds the input and receives the result, so the
 * queue never carries data that the database does not already have.
 */
export const JOB_QUEUES = {
  planSolve: 'dispatch-plan-solve',
  planSolveFailed: 'dispatch-plan-solve-failed',
  scenarioRun: 'scenario-run',
  scenarioRunFailed: 'scenario-run-failed',
} as const;

const DEAD_LETTER_QUEUES = new Set<string>([JOB_QUEUES.planSolveFailed, JOB_QUEUES.scenarioRunFailed]);

export type JobQueueName = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES];

/** What a handler learns about the job it holds. */
export interface JobContext {
  /** Aborted when pg-boss gives the job up (expired, or the worker is stopping). */
  signal: AbortSignal;
  /** 0 on the first attempt. */
  retryCount: number;
}

export type JobHandler = (id: string, context: JobContext) => Promise<void>;

export interface JobQueue {
  /** Stores a job for the id (a second send of the same id is a no-op); resolves once stored. */
  send(queue: JobQueueName, id: string): Promise<void>;
  /** Takes jobs from the queue in this process, at most `concurrency` at once. */
  work(queue: JobQueueName, concurrency: number, handler: JobHandler): Promise<void>;
  /** Drops a job that no worker holds yet (one that runs is stopped through its row). */
  cancel(queue: JobQueueName, id: string): Promise<void>;
  /** Connects and creates the queues (idempotent). */
  start(): Promise<void>;
  /** Stops taking jobs, lets the ones held finish (for at most `timeoutMs`), disconnects. */
  stop(timeoutMs: number): Promise<void>;
}

/**
 * Per-queue policy. A worker sends a heartbeat every few seconds; one that dies (SIGKILL, lost
 * host) stops sending, and within `heartbeatSeconds` its job is retried on another worker, or,
 * out of retries, copied to the dead-letter queue whose handler marks the row failed. So no row
 * is left `solving`/`running` by a dead worker.
 */
const QUEUE_OPTIONS = {
  // A solve is bounded by its time limit (seconds); one retry, then the plan is failed.
  [JOB_QUEUES.planSolve]: {
    expireInSeconds: 15 * 60,
    heartbeatSeconds: 10,
    retryLimit: 1,
    retryDelay: 1,
    deadLetter: JOB_QUEUES.planSolveFailed,
  },
  // A simulation is not restarted halfway: the retry finds the row running and fails it.
  [JOB_QUEUES.scenarioRun]: {
    expireInSeconds: 6 * 60 * 60,
    heartbeatSeconds: 10,
    retryLimit: 1,
    retryDelay: 1,
    deadLetter: JOB_QUEUES.scenarioRunFailed,
  },
  [JOB_QUEUES.planSolveFailed]: { expireInSeconds: 60, retryLimit: 5, retryBackoff: true },
  [JOB_QUEUES.scenarioRunFailed]: { expireInSeconds: 60, retryLimit: 5, retryBackoff: true },
} satisfies Record<JobQueueName, object>;

/**
 * The job's id, derived from the queue and the row's id: sending the same row twice (a client's
 * retry, two replicas) stores one job, and a cancel finds it without a lookup.
 */
export function jobIdFor(queue: JobQueueName, id: string): string {
  const hex = createHash('sha256').update(`${queue}:${id}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A job queue in PostgreSQL (pg-boss, in its own schema of the service's database). */
export function createPgBossQueue(options: {
  connectionString: string;
  schema: string;
  logger: Logger;
}): JobQueue {
  const logger = options.logger.child({ component: 'jobs' });
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema,
    application_name: 'spares-dispatch-jobs',
    max: 4,
    // How soon a job whose worker stopped heart-beating is retried or failed: within about
    // heartbeatSeconds + these intervals (pg-boss's default is a minute each).
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
  });
  boss.on('error', (error: unknown) => logger.error({ err: error }, 'job queue error'));
  let starting: Promise<void> | undefined;

  const start = () =>
    (starting ??= (async () => {
      await boss.start();
      // Dead-letter queues first: a queue may only name one that exists.
      for (const name of [
        JOB_QUEUES.planSolveFailed,
        JOB_QUEUES.scenarioRunFailed,
        JOB_QUEUES.planSolve,
        JOB_QUEUES.scenarioRun,
      ]) {
        if (!(await boss.getQueue(name))) await boss.createQueue(name, QUEUE_OPTIONS[name]);
      }
      logger.info({ schema: options.schema }, 'job queue started');
    })());

  return {
    start,
    async send(queue, id) {
      await start();
      await boss.send(queue, { id }, { id: jobIdFor(queue, id) });
    },
    async work(queue, concurrency, handler) {
      await start();
      await boss.work<{ id: string }>(
        queue,
        {
          localConcurrency: Math.max(1, concurrency),
          batchSize: 1,
          // A dispatcher waits for a plan, so its solve starts within half a second; the
          // dead-letter queues are rare and can wait.
          pollingIntervalSeconds: DEAD_LETTER_QUEUES.has(queue) ? 5 : 0.5,
        },
        async ([job]) => {
          if (!job) return;
          await handler(job.data.id, { signal: job.signal, retryCount: job.retryCount });
        },
      );
    },
    async cancel(queue, id) {
      await start();
      // Only a job still waiting: one a worker holds ends through its row, and completes.
      const waiting = await boss.findJobs(queue, { id: jobIdFor(queue, id), queued: true });
      if (waiting.length > 0) await boss.cancel(queue, jobIdFor(queue, id));
    },
    async stop(timeoutMs) {
      if (!starting) return;
      await starting.catch(() => undefined);
      await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
    },
  };
}
