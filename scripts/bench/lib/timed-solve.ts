import { performance } from 'node:perf_hooks';
import type { Plan } from '../../../solver/plan.schema.ts';
import type { Problem } from '../../../solver/problem.schema.ts';
import { solve } from '../../../solver/solve.ts';
import { validatePlan, type PlanValidation } from '../../../solver/validate-plan.ts';

export interface CheckedRun {
  plan: Plan;
  /** Wall-clock milliseconds around `solve`, measured here rather than read from the plan. */
  solveMs: number;
  /** CPU milliseconds (user + system) of this process during `solve`: less sensitive to load. */
  solveCpuMs: number;
  validation: PlanValidation;
}

/**
 * Solves on the real clock and puts the plan through the independent checker: no benchmark
 * counts a plan the checker has not seen. `maxIterations: 0` runs the construction alone (the
 * solver then ignores its deadline), which is how the first complete plan is timed.
 */
export function solveChecked(problem: Problem, runtime: { maxIterations?: number } = {}): CheckedRun {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const plan = solve(problem, { now: () => performance.now(), ...runtime });
  const solveMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const solveCpuMs = (used.user + used.system) / 1000;
  return { plan, solveMs, solveCpuMs, validation: validatePlan(problem, plan) };
}

/** The first few violations, for a report line; empty for a valid plan. */
export function violationSummary(validation: PlanValidation, limit = 3): string {
  return validation.violations
    .slice(0, limit)
    .map((violation) => `${violation.rule}: ${violation.message}`)
    .join('; ');
}
