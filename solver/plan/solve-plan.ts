import type { Plan } from '../plan.schema.ts';
import type { Problem } from '../problem.schema.ts';
import { createRandom } from '../random.ts';
import type { SolverRuntime } from '../runtime.ts';
import { construct } from './construct.ts';
import { createEngineerIndex } from './engineer-index.ts';
import { buildModel } from './model.ts';
import { MOVES } from './moves/index.ts';
import { insertAnywhere } from './regret.ts';
import { improve, type SearchBudget } from './search.ts';
import { SearchState } from './state.ts';
import { toPlan } from './to-plan.ts';

/** Share of the time limit the search may use; the rest writes the plan and its explanations. */
const SEARCH_SHARE = 0.85;

/**
 * Plan mode: regret construction, always to the end, then iterated local search until the
 * deadline (or, when the runtime gives maxIterations, for exactly that many iterations, so a seed
 * reproduces the plan on any machine), then a last pass that offers every unassigned ticket to its
 * nearest engineers again. A deadline shorter than construction still gets the complete first
 * plan, late: every ticket assigned, or unassigned with its reason.
 */
export function solvePlan(problem: Problem, runtime: SolverRuntime): Plan {
  const startedAt = runtime.now();
  const model = buildModel(problem);
  const state = new SearchState(model, createEngineerIndex(model));
  const deadline = startedAt + problem.options.timeLimitMs * SEARCH_SHARE;
  const maxIterations = runtime.maxIterations;
  const outOfTime = (): boolean => maxIterations === undefined && runtime.now() >= deadline;

  construct(state);
  const searchFrom = runtime.now();
  const budget: SearchBudget =
    maxIterations === undefined
      ? {
          exhausted: () => runtime.now() >= deadline,
          progress: () => Math.min(1, (runtime.now() - searchFrom) / Math.max(1, deadline - searchFrom)),
        }
      : {
          exhausted: (i) => i >= maxIterations,
          progress: (i) => Math.min(1, i / Math.max(1, maxIterations)),
        };
  const stats = improve(state, MOVES, createRandom(problem.options.seed), budget);
  repairUnassigned(state, outOfTime);

  return toPlan(state, {
    method: `regret+ils(${stats.iterations} iterations)`,
    solveMs: () => runtime.now() - startedAt,
    alternatives: true,
  });
}

/** Gives every ticket still out one more try with its nearest engineers, time permitting. */
function repairUnassigned(state: SearchState, outOfTime: () => boolean): void {
  for (let t = 0; t < state.model.ticketCount; t++) {
    if (outOfTime()) return;
    if (state.engineerOf[t]! < 0) insertAnywhere(state, t, state.engineers.candidates(t));
  }
}
