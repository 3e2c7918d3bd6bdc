/**
 * Where a run's work happens, behind the one interface the service talks to. Today: in this
 * process, one run at a time in arrival order (each run spreads its replications over at most two
 * worker threads). Issue 8 moves simulations onto pg-boss workers: a queue-backed implementation
 * sends the run id on `enqueue`, its worker calls the same `execute`, and `cancel` relies on the
 * row's status (which `execute` checks before and after the simulation) instead of an abort.
 */
export interface ScenarioRunJobs {
  /** Schedules a stored, queued run (a queue resolves once the job is stored). */
  enqueue(runId: string): void | Promise<void>;
  /** Stops the run's work if this process holds it (the row's status is the service's to set). */
  cancel(runId: string): void;
  /** Whether this process is running or holding the run. */
  isActive(runId: string): boolean;
  /** Resolves once nothing is queued or running here. */
  idle(): Promise<void>;
  /** Aborts what runs and drops what waits. */
  close(): Promise<void>;
  /** Starts taking runs from a queue, in a process that works jobs (the in-process jobs need none). */
  start?(): Promise<void>;
}

/** The work of one run: simulate and store the outcome; it must settle the row whatever happens. */
export type ExecuteRun = (runId: string, signal: AbortSignal) => Promise<void>;

export function createInProcessRunJobs(execute: ExecuteRun): ScenarioRunJobs {
  const waiting: string[] = [];
  let current: { runId: string; controller: AbortController; done: Promise<void> } | null = null;
  let idleWaiters: Array<() => void> = [];
  let closed = false;

  const pump = () => {
    if (current || closed) return;
    const runId = waiting.shift();
    if (runId === undefined) {
      for (const resolve of idleWaiters.splice(0)) resolve();
      return;
    }
    const controller = new AbortController();
    const done = execute(runId, controller.signal)
      .catch(() => undefined)
      .finally(() => {
        current = null;
        pump();
      });
    current = { runId, controller, done };
  };

  return {
    enqueue(runId) {
      if (closed) return;
      waiting.push(runId);
      pump();
    },
    cancel(runId) {
      const index = waiting.indexOf(runId);
      if (index >= 0) waiting.splice(index, 1);
      if (current?.runId === runId) current.controller.abort();
      pump();
    },
    isActive: (runId) => current?.runId === runId || waiting.includes(runId),
    idle() {
      if (!current && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      closed = true;
      waiting.splice(0);
      current?.controller.abort();
      await current?.done;
      for (const resolve of idleWaiters.splice(0)) resolve();
      idleWaiters = [];
    },
  };
}

/** What the queued runner reads and writes of a run's row. */
export interface RunRows {
  status(runId: string): Promise<string | undefined>;
  fail(runId: string, message: string): Promise<void>;
}

/** The queue as the runs see it (src/jobs/: pg-boss). */
export interface RunQueue {
  send(runId: string): Promise<void>;
  cancel(runId: string): Promise<void>;
  /** Registers the handler when this process works jobs; absent in a pure API replica. */
  work?(handler: (runId: string, context: { signal: AbortSignal }) => Promise<void>): Promise<void>;
}

/** How often a worker looks at a running run's row for a cancel made through another process. */
const CANCEL_POLL_MS = 1000;

/**
 * Runs through a job queue: `enqueue` stores a job for the run id and any worker process takes it.
 * A cancel writes the row (the service's part); the worker that holds the run sees it within a
 * second and aborts, so a cancel works from any API replica. Liveness is the queue's: a run whose
 * worker died is retried by the queue, and the retry (finding the row `running`) fails it, so this
 * process never declares another process's run orphaned (`isActive` is true for what the queue holds).
 */
export function createQueuedRunJobs(
  queue: RunQueue,
  rows: RunRows,
): (execute: ExecuteRun) => ScenarioRunJobs {
  return (execute) => {
    const held = new Map<string, { controller: AbortController; done: Promise<void> }>();
    let idleWaiters: Array<() => void> = [];

    async function take(runId: string, jobSignal: AbortSignal): Promise<void> {
      const status = await rows.status(runId);
      if (status === 'running') {
        // A previous attempt's worker died in the middle: its replications are lost.
        await rows.fail(runId, 'interrupted: the worker running it stopped; start the run again');
        return;
      }
      if (status !== 'queued') return;
      const controller = new AbortController();
      const abort = () => controller.abort();
      jobSignal.addEventListener('abort', abort);
      const watch = setInterval(() => {
        rows
          .status(runId)
          .then((now) => now === 'cancelled' && controller.abort())
          .catch(() => undefined);
      }, CANCEL_POLL_MS);
      const done = execute(runId, controller.signal);
      held.set(runId, { controller, done });
      try {
        await done;
        // Aborted by the worker stopping rather than by a cancel: the row must not stay active.
        const after = await rows.status(runId);
        if (after === 'queued' || after === 'running')
          await rows.fail(runId, 'interrupted: the worker running it shut down; start the run again');
      } finally {
        clearInterval(watch);
        jobSignal.removeEventListener('abort', abort);
        held.delete(runId);
        if (held.size === 0) for (const resolve of idleWaiters.splice(0)) resolve();
      }
    }

    return {
      async start() {
        await queue.work?.((runId, context) => take(runId, context.signal));
      },
      enqueue: (runId) => queue.send(runId),
      cancel(runId) {
        held.get(runId)?.controller.abort();
        void queue.cancel(runId).catch(() => undefined);
      },
      isActive: () => true,
      idle() {
        if (held.size === 0) return Promise.resolve();
        return new Promise((resolve) => idleWaiters.push(resolve));
      },
      async close() {
        for (const { controller } of held.values()) controller.abort();
        await Promise.allSettled([...held.values()].map((run) => run.done));
        for (const resolve of idleWaiters.splice(0)) resolve();
        idleWaiters = [];
      },
    };
  };
}
