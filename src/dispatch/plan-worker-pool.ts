import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Plan, PlanValidation, Problem } from '../../solver/index.ts';

/** What a worker is asked: one problem to solve. */
export interface PlanJob {
  id: number;
  problem: Problem;
}

/** What a worker answers: the plan and its check, or why the solve failed. */
export type PlanJobResult =
  | { id: number; ok: true; plan: Plan; validation: PlanValidation; solveMs: number }
  | { id: number; ok: false; error: string; solveMs: number };

export type PlanSolution = Extract<PlanJobResult, { ok: true }>;

export interface PlanWorkerPool {
  /** Solves on a free worker (or when one frees up); rejects when the solve fails. */
  solve(problem: Problem): Promise<PlanSolution>;
  /** Starts the workers now, so the first solve does not pay for loading the solver. */
  warm(): Promise<void>;
  /** Stops every worker; solves in flight or queued are rejected. */
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: { job: PlanJob; resolve: (r: PlanSolution) => void; reject: (e: Error) => void } | null;
}

/**
 * The worker runs TypeScript (the service runs under tsx and tests under vitest), and a worker
 * does not inherit the main thread's loader. So it starts from a small CommonJS bootstrap that
 * registers tsx's ESM loader inside the worker and then imports the entry (plan-worker.ts here;
 * the what-if simulation's worker uses it too). tsx is found from this file, so the service works
 * from any working directory. The worker posts `{ ready: true }` once the entry is loaded.
 */
export function tsxWorkerSource(entryUrl: URL): string {
  const require = createRequire(import.meta.url);
  const tsxPackage = require.resolve('tsx/package.json');
  const exports = JSON.parse(readFileSync(tsxPackage, 'utf8')).exports['./esm/api'].import.default;
  const tsxApi = pathToFileURL(path.join(path.dirname(tsxPackage), exports)).href;
  const entry = entryUrl.href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); }).then(() => require('node:worker_threads').parentPort.postMessage({ ready: true }));`;
}

/**
 * A bounded pool of solver workers: at most `size` solves run at once, the rest wait in order.
 * A worker that crashes fails its solve and is replaced.
 */
export function createPlanWorkerPool(options: { size: number }): PlanWorkerPool {
  const size = Math.max(1, options.size);
  const slots: Slot[] = [];
  const queue: Array<NonNullable<Slot['busy']>> = [];
  let nextId = 1;
  let closed = false;
  let source: string | undefined;

  function start(): Slot {
    source ??= tsxWorkerSource(new URL('./plan-worker.ts', import.meta.url));
    const worker = new Worker(source, { eval: true });
    worker.unref();
    let markReady: () => void = () => {};
    const slot: Slot = { worker, ready: new Promise((resolve) => (markReady = resolve)), busy: null };
    worker.on('message', (message: PlanJobResult | { ready: true }) => {
      if ('ready' in message) return markReady();
      const busy = slot.busy;
      slot.busy = null;
      if (busy) {
        if (message.ok) busy.resolve(message);
        else busy.reject(new Error(message.error));
      }
      dispatch();
    });
    const fail = (error: Error) => {
      const busy = slot.busy;
      slot.busy = null;
      slots.splice(slots.indexOf(slot), 1);
      busy?.reject(error);
      markReady();
      if (!closed) dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (slots.includes(slot)) fail(new Error(`solver worker exited with code ${code}`));
    });
    slots.push(slot);
    return slot;
  }

  function dispatch(): void {
    while (queue.length > 0 && !closed) {
      let slot = slots.find((candidate) => candidate.busy === null);
      if (!slot && slots.length < size) slot = start();
      if (!slot) return;
      const next = queue.shift()!;
      slot.busy = next;
      // A busy worker keeps the process alive until its answer arrives.
      slot.worker.ref();
      const release = () => slot!.worker.unref();
      const { resolve, reject } = next;
      next.resolve = (result) => (release(), resolve(result));
      next.reject = (error) => (release(), reject(error));
      slot.worker.postMessage(next.job);
    }
  }

  return {
    solve(problem) {
      if (closed) return Promise.reject(new Error('the solver pool is closed'));
      return new Promise<PlanSolution>((resolve, reject) => {
        queue.push({ job: { id: nextId++, problem }, resolve, reject });
        dispatch();
      });
    },
    async warm() {
      while (!closed && slots.length < size) start();
      await Promise.all(slots.map((slot) => slot.ready));
    },
    async close() {
      closed = true;
      for (const waiting of queue.splice(0)) waiting.reject(new Error('the solver pool is closed'));
      const stopping = slots.splice(0);
      for (const slot of stopping) slot.busy?.reject(new Error('the solver pool is closed'));
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
    },
  };
}
