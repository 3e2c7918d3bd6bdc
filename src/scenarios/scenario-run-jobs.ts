/**
 * Where a run's work happens, behind the one interface the service talks to. Today: in this
 * process, one run at a time in arrival order (each run spreads its replications over at most two
 * worker threads). Issue 8 moves simulations onto pg-boss workers: a queue-backed implementation
 * sends the run id on `enqueue`, its worker calls the same `execute`, and `cancel` relies on the
 * row's status (which `execute` checks before and after the simulation) instead of an abort.
 */
export interface ScenarioRunJobs {
  /** Schedules a stored, queued run. */
  enqueue(runId: string): void;
  /** Stops the run's work if this process holds it (the row's status is the service's to set). */
  cancel(runId: string): void;
  /** Whether this process is running or holding the run. */
  isActive(runId: string): boolean;
  /** Resolves once nothing is queued or running here. */
  idle(): Promise<void>;
  /** Aborts what runs and drops what waits. */
  close(): Promise<void>;
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
