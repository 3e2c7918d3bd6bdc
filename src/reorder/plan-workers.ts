import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReplenishmentInput, ReplenishmentPolicy } from '../../solver/inventory/types.ts';

/**
 * Plans a night's pairs on several threads: the policies are pure and independent, so workers
 * claim chunks of the pairs in turn and the outcomes are put back in input order.
 * Same results as planning in the main thread (a test compares them), only sooner on a machine
 * with cores to spare. Workers start from a CommonJS bootstrap that registers tsx's loader (a
 * worker does not inherit it; the dispatch plan pool does the same) and are stopped afterwards.
 */
export type PlanOutcome = { ok: true; plan: PolicySummary } | { ok: false; error: string };

/**
 * What a run keeps of a policy: every figure a suggestion shows or a decision reads. The lead-time
 * distribution and the forecast's internals (size distribution, smoothing state) are dropped: at
 * national scale (~374,000 pairs) they were about half of the planned policies' memory, copied
 * once more from each worker, and nothing after planning reads them.
 */
export type PolicySummary = Pick<
  ReplenishmentPolicy,
  | 'policy'
  | 'leadTimeDemand'
  | 'reorderPoint'
  | 'orderUpTo'
  | 'orderQuantity'
  | 'targetFillRate'
  | 'predictedFillRate'
  | 'expectedBackorders'
  | 'lastTimeBuy'
  | 'explanation'
  | 'alerts'
> & {
  classification: Pick<ReplenishmentPolicy['classification'], 'category'>;
  forecast: Pick<NonNullable<ReplenishmentPolicy['forecast']>, 'method' | 'perPeriod'> | null;
};

export function summarisePolicy(p: ReplenishmentPolicy): PolicySummary {
  return {
    classification: { category: p.classification.category },
    forecast: p.forecast ? { method: p.forecast.method, perPeriod: p.forecast.perPeriod } : null,
    policy: p.policy,
    leadTimeDemand: p.leadTimeDemand,
    reorderPoint: p.reorderPoint,
    orderUpTo: p.orderUpTo,
    orderQuantity: p.orderQuantity,
    targetFillRate: p.targetFillRate,
    predictedFillRate: p.predictedFillRate,
    expectedBackorders: p.expectedBackorders,
    lastTimeBuy: p.lastTimeBuy,
    explanation: p.explanation,
    alerts: p.alerts,
  };
}

/** Plans in this thread, one by one; a pair whose input the planner refuses fails alone. */
export function planEach(
  inputs: readonly ReplenishmentInput[],
  plan: (input: ReplenishmentInput) => ReplenishmentPolicy,
): PlanOutcome[] {
  return inputs.map((input) => {
    try {
      return { ok: true, plan: summarisePolicy(plan(input)) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  });
}

function bootstrapSource(): string {
  const require = createRequire(import.meta.url);
  const tsxPackage = require.resolve('tsx/package.json');
  const exports = JSON.parse(readFileSync(tsxPackage, 'utf8')).exports['./esm/api'].import.default;
  const tsxApi = pathToFileURL(path.join(path.dirname(tsxPackage), exports)).href;
  const entry = new URL('./plan-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
}

/**
 * A night's inputs in a form threads share without copying: every pair's history back to back in
 * one shared Float64Array (`offsets[i]` … `offsets[i + 1]` is pair i's), and the rest of its input
 * (lead time, costs, pack, class, end of life: the same for every location of a SKU) as one of a
 * few `templates`. Sending 374,000 input objects to workers cost a structured clone of each on
 * the main thread, which also had to be free to hand out the next chunk; shared, it is sent once.
 */
export interface PackedInputs {
  count: number;
  histories: Float64Array;
  offsets: Int32Array;
  templateOf: Int32Array;
  templates: Array<Omit<ReplenishmentInput, 'history'>>;
}

const sharedFloat64 = (length: number) =>
  new Float64Array(new SharedArrayBuffer(Math.max(1, length) * Float64Array.BYTES_PER_ELEMENT));
const sharedInt32 = (length: number) =>
  new Int32Array(new SharedArrayBuffer(Math.max(1, length) * Int32Array.BYTES_PER_ELEMENT));

/** Packs pairs given as (history, template index) into shared memory. */
export function packHistories(
  count: number,
  historyOf: (i: number) => ArrayLike<number>,
  templateIndexOf: (i: number) => number,
  templates: Array<Omit<ReplenishmentInput, 'history'>>,
): PackedInputs {
  const offsets = sharedInt32(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + historyOf(i).length;
  const histories = sharedFloat64(offsets[count]!);
  const templateOf = sharedInt32(count);
  for (let i = 0; i < count; i++) {
    histories.set(historyOf(i), offsets[i]!);
    templateOf[i] = templateIndexOf(i);
  }
  return { count, histories, offsets, templateOf, templates };
}

/** Packs whole inputs (each its own template): for callers that have them as objects. */
export function packInputs(inputs: readonly ReplenishmentInput[]): PackedInputs {
  const templates = inputs.map(({ history: _history, ...rest }) => rest);
  return packHistories(
    inputs.length,
    (i) => inputs[i]!.history,
    (i) => i,
    templates,
  );
}

export function unpackInput(packed: PackedInputs, i: number): ReplenishmentInput {
  return {
    ...packed.templates[packed.templateOf[i]!]!,
    history: Array.from(packed.histories.subarray(packed.offsets[i]!, packed.offsets[i + 1]!)),
  };
}

/** Plans packed pairs `from` … `to` − 1 in this thread. */
export function planPackedRange(
  packed: PackedInputs,
  from: number,
  to: number,
  plan: (input: ReplenishmentInput) => ReplenishmentPolicy,
): PlanOutcome[] {
  const inputs: ReplenishmentInput[] = [];
  for (let i = from; i < to; i++) inputs.push(unpackInput(packed, i));
  return planEach(inputs, plan);
}

/**
 * Pairs a worker claims at a time. Workers claim chunks themselves (an atomic counter in shared
 * memory), so a main thread busy elsewhere (the coverage MIP runs there, synchronously, for
 * seconds) never leaves a worker waiting for its next chunk, and a thread that gets less CPU than
 * the other simply claims fewer chunks. Small chunks keep each worker's memory small too.
 */
export const PLAN_CHUNK = 2000;

/** What a worker is told: the shared inputs, the shared chunk counter, the chunk size. */
export interface PlanJob {
  packed: PackedInputs;
  nextChunk: Int32Array;
  chunkSize: number;
}

export type PlanWorkerMessage =
  | { kind: 'chunk'; index: number; outcomes: PlanOutcome[] }
  | { kind: 'done' }
  | { kind: 'failed'; error: string };

export async function planInWorkers(
  packed: PackedInputs,
  workers: number,
  chunkSize = PLAN_CHUNK,
): Promise<PlanOutcome[]> {
  const count = packed.count;
  if (count === 0) return [];
  const size = Math.max(1, chunkSize);
  const chunks = Math.ceil(count / size);
  const results = new Array<PlanOutcome[]>(chunks);
  const job: PlanJob = { packed, nextChunk: sharedInt32(1), chunkSize: size };
  const source = bootstrapSource();
  const threads = Math.max(1, Math.min(workers, chunks));
  const running = Array.from(
    { length: threads },
    () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(source, { eval: true });
        let finished = false;
        worker.on('message', (message: PlanWorkerMessage) => {
          if (message.kind === 'chunk') results[message.index] = message.outcomes;
          else {
            finished = true;
            if (message.kind === 'failed') reject(new Error(`a planning worker failed: ${message.error}`));
            void worker.terminate().then(() => resolve(), reject);
          }
        });
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (!finished) reject(new Error(`a planning worker stopped with code ${code}`));
        });
        worker.postMessage(job);
      }),
  );
  await Promise.all(running);
  return results.flat();
}

/** The worker's side: claims chunks until none are left, answering each chunk's outcomes. */
export function workOnPlanJob(
  job: PlanJob,
  plan: (input: ReplenishmentInput) => ReplenishmentPolicy,
  answer: (message: PlanWorkerMessage) => void,
): void {
  try {
    const count = job.packed.count;
    for (;;) {
      const index = Atomics.add(job.nextChunk, 0, 1);
      const from = index * job.chunkSize;
      if (from >= count) break;
      const to = Math.min(count, from + job.chunkSize);
      answer({ kind: 'chunk', index, outcomes: planPackedRange(job.packed, from, to, plan) });
    }
    answer({ kind: 'done' });
  } catch (error) {
    answer({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
}
