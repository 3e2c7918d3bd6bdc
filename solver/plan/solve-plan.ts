import type { Plan } from '../plan.schema.ts';
import type { Problem } from '../problem.schema.ts';
import { createRandom } from '../random.ts';
import type { SolverRuntime } from '../runtime.ts';
import { construct, type ConstructionClock } from './construct.ts';
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
 * Share of the time limit after which regret construction hurries (finishes by a greedy pass), so
 * that a tight limit still leaves the greedy pass time to try every ticket.
 */
const HURRY_SHARE = 0.5;

/** What one heuristic run (construction, then search) did. */
export interface HeuristicRun {
  /** Tickets construction never tried: the time limit ran out first. */
  readonly untried: readonly number[];
  readonly iterations: number;
}

/**
 * Plan mode: regret construction, then iterated local search until the deadline (or, when the
 * runtime gives maxIterations, for exactly that many iterations, so a seed reproduces the plan on
 * any machine), then a last pass that offers every unassigned ticket to its nearest engineers
 * again. Under a deadline construction is anytime (construct.ts): it hurries at half the limit
 * and finishes every ticket it can by a greedy pass, leaving tickets untried only once the whole
 * limit has passed; the search keeps the best plan so far.
 */
export function solvePlan(problem: Problem, runtime: SolverRuntime): Plan {
  const startedAt = runtime.now();
  const model = buildModel(problem);
  const state = new SearchState(model, createEngineerIndex(model));
  const limitMs = problem.options.timeLimitMs;
  const run = runHeuristic(state, runtime, startedAt, limitMs);
  const deadline = startedAt + limitMs * SEARCH_SHARE;
  repairUnassigned(state, () => runtime.maxIterations === undefined && runtime.now() >= deadline);
  return toPlan(state, {
    method: `regret+ils(${run.iterations} iterations)`,
    solveMs: () => runtime.now() - startedAt,
    alternatives: true,
    reasons: untriedReasons(run.untried, limitMs),
  });
}

/**
 * Construction and search on one state, within `limitMs` from `startedAt` (or by iterations when
 * the runtime caps them, with no clock at all, so a seed reproduces the plan on any machine).
 */
export function runHeuristic(
  state: SearchState,
  runtime: SolverRuntime,
  startedAt: number,
  limitMs: number,
): HeuristicRun {
  const maxIterations = runtime.maxIterations;
  const deadline = startedAt + limitMs * SEARCH_SHARE;
  const clock: ConstructionClock | undefined =
    maxIterations === undefined
      ? {
          hurry: () => runtime.now() >= startedAt + limitMs * HURRY_SHARE,
          stop: () => runtime.now() >= startedAt + limitMs,
        }
      : undefined;
  const untried = construct(state, clock);
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
  const stats = improve(state, MOVES, createRandom(state.model.problem.options.seed), budget);
  return { untried, iterations: stats.iterations };
}

/** Gives every ticket still out one more try with its nearest engineers, time permitting. */
export function repairUnassigned(state: SearchState, outOfTime: () => boolean): void {
  for (let t = 0; t < state.model.ticketCount; t++) {
    if (outOfTime()) return;
    if (state.engineerOf[t]! < 0) insertAnywhere(state, t, state.engineers.candidates(t));
  }
}

/** The reason for tickets construction never tried (the diagnosis would try them now, late). */
export function untriedReasons(untried: readonly number[], limitMs: number): Map<number, string> {
  const reason = `not tried: the time limit (${limitMs} ms) ran out before construction reached it`;
  return new Map(untried.map((t) => [t, reason]));
}
