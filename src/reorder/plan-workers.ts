import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReplenishmentInput, ReplenishmentPolicy } from '../../solver/inventory/types.ts';

/**
 * Plans a night's pairs on several threads: the policies are pure and independent, so the pairs
 * are cut into one contiguous batch per worker and the outcomes are put back in input order.
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
 * Inputs a worker is sent at a time. Sending each worker half the night at once made each hold
 * its half of the inputs and of the outcomes until the end (about a gigabyte each at national
 * scale, the run's peak memory); in chunks a worker holds one chunk, and the chunks also balance
 * the load when one thread gets less CPU than the other.
 */
export const PLAN_CHUNK = 5000;

interface Chunk {
  readonly index: number;
  readonly inputs: ReplenishmentInput[];
}

/** One worker: takes chunks from `next` until there are none, stores each chunk's outcomes, stops. */
function runWorker(
  source: string,
  next: () => Chunk | null,
  store: (index: number, outcomes: PlanOutcome[]) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true });
    let current = -1;
    let finished = false;
    const send = () => {
      const chunk = next();
      if (!chunk) {
        finished = true;
        void worker.terminate().then(() => resolve(), reject);
        return;
      }
      current = chunk.index;
      worker.postMessage(chunk.inputs);
    };
    worker.on('message', (outcomes: PlanOutcome[]) => {
      store(current, outcomes);
      send();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!finished) reject(new Error(`a planning worker stopped with code ${code}`));
    });
    send();
  });
}

export async function planInWorkers(
  inputs: ReplenishmentInput[],
  workers: number,
  chunkSize = PLAN_CHUNK,
): Promise<PlanOutcome[]> {
  if (inputs.length === 0) return [];
  const size = Math.max(1, chunkSize);
  const chunks = Math.ceil(inputs.length / size);
  const results = new Array<PlanOutcome[]>(chunks);
  let handedOut = 0;
  const next = (): Chunk | null => {
    if (handedOut >= chunks) return null;
    const index = handedOut++;
    return { index, inputs: inputs.slice(index * size, (index + 1) * size) };
  };
  const source = bootstrapSource();
  const count = Math.max(1, Math.min(workers, chunks));
  await Promise.all(
    Array.from({ length: count }, () =>
      runWorker(source, next, (index, outcomes) => {
        results[index] = outcomes;
      }),
    ),
  );
  return results.flat();
}
