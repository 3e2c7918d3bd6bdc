import { performance } from 'node:perf_hooks';
import type { PlanWorkerPool } from '../dispatch/plan-worker-pool.ts';
import type { Metrics } from './metrics.ts';

/** The plan worker pool, each solve timed into the solver-time histogram (solved or failed). */
export function observePlanPool(
  pool: PlanWorkerPool,
  metrics: Pick<Metrics, 'observeSolve'>,
): PlanWorkerPool {
  return {
    ...pool,
    async solve(problem) {
      const started = performance.now();
      try {
        const solution = await pool.solve(problem);
        metrics.observeSolve('solved', (performance.now() - started) / 1000);
        return solution;
      } catch (error) {
        metrics.observeSolve('failed', (performance.now() - started) / 1000);
        throw error;
      }
    },
  };
}
