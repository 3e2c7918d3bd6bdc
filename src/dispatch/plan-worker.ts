import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { Problem, solve, validatePlan } from '../../solver/index.ts';
import type { PlanJob, PlanJobResult } from './plan-worker-pool.ts';

/**
 * A solve off the request thread: the worker receives a problem, solves it against the real
 * monotonic clock, checks the plan with the solver's independent checker, and answers both.
 * The solver is pure, so this file is all there is to running it in a worker.
 */
function run(job: PlanJob): PlanJobResult {
  const started = performance.now();
  try {
    const problem = Problem.parse(job.problem);
    const plan = solve(problem, { now: () => performance.now() });
    const validation = validatePlan(problem, plan);
    return { id: job.id, ok: true, plan, validation, solveMs: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id: job.id, ok: false, error: message, solveMs: Math.round(performance.now() - started) };
  }
}

parentPort!.on('message', (job: PlanJob) => {
  parentPort!.postMessage(run(job));
});
