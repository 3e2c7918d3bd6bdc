import { solveCandidates } from './candidates/solve-candidates.ts';
import { solveExact } from './exact/solve-exact.ts';
import type { Plan } from './plan.schema.ts';
import { solvePlan } from './plan/solve-plan.ts';
import type { Problem } from './problem.schema.ts';
import type { SolverRuntime } from './runtime.ts';

/**
 * The solver's one entry point: a parsed problem and a runtime (clock, optional iteration cap) in,
 * a plan out. `options.mode` picks the method: the heuristic plan, ranked candidates for one
 * ticket, or the exact MIP for small problems.
 */
export function solve(problem: Problem, runtime: SolverRuntime): Plan {
  switch (problem.options.mode) {
    case 'plan':
      return solvePlan(problem, runtime);
    case 'candidates':
      return solveCandidates(problem, runtime);
    case 'exact':
      return solveExact(problem, runtime);
  }
}
