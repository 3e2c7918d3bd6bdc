import type { Plan } from '../plan.schema.ts';
import type { Problem } from '../problem.schema.ts';
import type { SolverRuntime } from '../runtime.ts';
import { createEngineerIndex } from './engineer-index.ts';
import {
  alternativesFit,
  repairUnassigned,
  runHeuristic,
  untriedReasons,
  writingReserveMs,
} from './heuristic.ts';
import { buildModel } from './model.ts';
import { partitionProblem } from './partition.ts';
import { solvePartitioned } from './solve-partitioned.ts';
import { SearchState } from './state.ts';
import { toPlan } from './to-plan.ts';

/**
 * Plan mode: regret construction, then iterated local search until the deadline (or, when the
 * runtime gives maxIterations, for exactly that many iterations, so a seed reproduces the plan on
 * any machine), then a last pass that offers every unassigned ticket to its nearest engineers
 * again. The search stops early enough for the plan and its explanations to be written within
 * the limit (writingReserveMs). Under a deadline construction is anytime (construct.ts): it
 * hurries at half the search time and finishes every ticket it can by a greedy pass, leaving
 * tickets untried only once the whole limit has passed; the search keeps the best plan so far. A large day (partition.ts) is split
 * into geographic parts solved one by one and put together (solve-partitioned.ts).
 */
export function solvePlan(problem: Problem, runtime: SolverRuntime): Plan {
  const parts = partitionProblem(problem);
  if (parts) return solvePartitioned(problem, runtime, parts);
  const startedAt = runtime.now();
  const model = buildModel(problem);
  const state = new SearchState(model, createEngineerIndex(model));
  const limitMs = problem.options.timeLimitMs;
  const reserveMs = writingReserveMs(limitMs, model.ticketCount);
  const run = runHeuristic(state, runtime, startedAt, limitMs, reserveMs);
  const deadline = startedAt + limitMs - reserveMs;
  repairUnassigned(state, () => runtime.maxIterations === undefined && runtime.now() >= deadline);
  return toPlan(state, {
    method: `regret+ils(${run.iterations} iterations)`,
    solveMs: () => runtime.now() - startedAt,
    alternatives: alternativesFit(state, runtime, startedAt, limitMs),
    reasons: untriedReasons(run.untried, limitMs),
  });
}
