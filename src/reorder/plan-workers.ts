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
export type PlanOutcome = { ok: true; plan: ReplenishmentPolicy } | { ok: false; error: string };

/** Plans in this thread, one by one; a pair whose input the planner refuses fails alone. */
export function planEach(
  inputs: readonly ReplenishmentInput[],
  plan: (input: ReplenishmentInput) => ReplenishmentPolicy,
): PlanOutcome[] {
  return inputs.map((input) => {
    try {
      return { ok: true, plan: plan(input) };
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

function planBatch(source: string, inputs: ReplenishmentInput[]): Promise<PlanOutcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true });
    worker.once('message', (outcomes: PlanOutcome[]) => {
      resolve(outcomes);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`a planning worker stopped with code ${code}`));
    });
    worker.postMessage(inputs);
  });
}

export async function planInWorkers(inputs: ReplenishmentInput[], workers: number): Promise<PlanOutcome[]> {
  const count = Math.max(1, Math.min(workers, inputs.length));
  const size = Math.ceil(inputs.length / count);
  const source = bootstrapSource();
  const batches: Array<Promise<PlanOutcome[]>> = [];
  for (let start = 0; start < inputs.length; start += size)
    batches.push(planBatch(source, inputs.slice(start, start + size)));
  return (await Promise.all(batches)).flat();
}
