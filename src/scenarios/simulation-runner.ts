import { Worker } from 'node:worker_threads';
import type { SimulationInput, SimulationKpis, SimulationResult } from '../../solver/simulate/types.ts';
import { tsxWorkerSource } from '../dispatch/plan-worker-pool.ts';

/** One replication of one side, as a worker runs it. */
export interface SimulationTask {
  id: number;
  input: SimulationInput;
  seed: number;
  replication: number;
}

export interface SimulationTaskResult {
  kpis: SimulationKpis;
  events: number;
  solverCalls: SimulationResult['solverCalls'];
}

export type SimulationWorkerMessage =
  | { id: number; kind: 'progress'; daysDone: number }
  | ({ id: number; kind: 'done' } & SimulationTaskResult)
  | { id: number; kind: 'error'; error: string }
  | { ready: true };

export interface SimulationRunner {
  /**
   * Runs the tasks on at most `size` worker threads and answers their results in task order.
   * `onProgress` hears each task's simulated days; aborting `signal` stops every worker at once.
   * Rejects on the first failure (a simulation that throws, a worker that dies), stopping the rest.
   */
  runAll(
    tasks: Omit<SimulationTask, 'id'>[],
    hooks: { onProgress?: (taskIndex: number, daysDone: number) => void; signal?: AbortSignal },
  ): Promise<SimulationTaskResult[]>;
}

export class SimulationAborted extends Error {
  constructor() {
    super('the simulation was cancelled');
  }
}

/**
 * Simulations in worker threads started for each batch of tasks and stopped after it, so a
 * cancel is a terminate and a crashed worker cannot poison the next run. `entry` is the worker
 * module (tests give one that fails).
 */
export function createSimulationRunner(options: { size: number; entry?: URL }): SimulationRunner {
  const size = Math.max(1, options.size);
  const source = tsxWorkerSource(options.entry ?? new URL('./simulation-worker.ts', import.meta.url));
  return {
    runAll(tasks, hooks) {
      return new Promise<SimulationTaskResult[]>((resolve, reject) => {
        const results: SimulationTaskResult[] = new Array(tasks.length);
        const workers: Worker[] = [];
        let next = 0;
        let remaining = tasks.length;
        let settled = false;
        const stop = () => {
          settled = true;
          hooks.signal?.removeEventListener('abort', onAbort);
          for (const worker of workers.splice(0)) void worker.terminate();
        };
        const fail = (error: Error) => {
          if (settled) return;
          stop();
          reject(error);
        };
        const onAbort = () => fail(new SimulationAborted());
        if (hooks.signal?.aborted) return reject(new SimulationAborted());
        hooks.signal?.addEventListener('abort', onAbort);
        if (tasks.length === 0) return resolve([]);
        const feed = (worker: Worker) => {
          if (next >= tasks.length) return;
          const id = next++;
          worker.postMessage({ ...tasks[id]!, id } satisfies SimulationTask);
        };
        for (let i = 0; i < Math.min(size, tasks.length); i++) {
          const worker = new Worker(source, { eval: true });
          workers.push(worker);
          worker.on('message', (message: SimulationWorkerMessage) => {
            if (settled) return;
            if ('ready' in message) return feed(worker);
            if (message.kind === 'progress') return hooks.onProgress?.(message.id, message.daysDone);
            if (message.kind === 'error')
              return fail(new Error(`replication ${tasks[message.id]!.replication}: ${message.error}`));
            results[message.id] = {
              kpis: message.kpis,
              events: message.events,
              solverCalls: message.solverCalls,
            };
            if (--remaining === 0) {
              stop();
              resolve(results);
            } else feed(worker);
          });
          worker.on('error', (error) => fail(error));
          worker.on('exit', (code) => fail(new Error(`a simulation worker stopped (exit code ${code})`)));
        }
      });
    },
  };
}
