import { performance } from 'node:perf_hooks';
import type { Objective } from '../../../solver/plan.schema.ts';
import { Problem } from '../../../solver/problem.schema.ts';
import type { DaySize } from './args.ts';
import { generateDispatchDay } from './dispatch-day.ts';
import { solveChecked, violationSummary } from './timed-solve.ts';

/**
 * One measurement of the scale benchmark, run alone in its own process so that its peak RSS is
 * its own: generate the day, solve it once, check the plan. `timeLimitMs: null` is the
 * construction alone (`maxIterations: 0`: regret insertion and repair, no local search, no
 * deadline), which is how long the first complete plan takes; the solver has no progress callback.
 */
export interface ScaleJob {
  size: DaySize;
  seed: number;
  timeLimitMs: number | null;
}

export interface ScaleOutcome {
  job: ScaleJob;
  generateMs: number;
  solveMs: number;
  solveCpuMs: number;
  validateMs: number;
  valid: boolean;
  violations: string;
  assigned: number;
  unassigned: number;
  met: number;
  missed: number;
  /** Missed commitments of level 1 (the ones that dominate the objective). */
  missedLevel1: number;
  objective: Objective;
  method: string;
  peakRssMiB: number;
}

/** The solver's time limit when only the construction runs: large enough never to cut it short. */
const CONSTRUCTION_LIMIT_MS = 3_600_000;

export function runScaleJob(job: ScaleJob): ScaleOutcome {
  const generated = performance.now();
  const problem = Problem.parse(
    generateDispatchDay({
      ...job.size,
      seed: job.seed,
      timeLimitMs: job.timeLimitMs ?? CONSTRUCTION_LIMIT_MS,
    }),
  );
  const generateMs = performance.now() - generated;
  const run = solveChecked(problem, job.timeLimitMs === null ? { maxIterations: 0 } : {});
  const validateMs = performance.now() - generated - generateMs - run.solveMs;
  const counts = run.validation.derived.commitments;
  return {
    job,
    generateMs,
    solveMs: run.solveMs,
    solveCpuMs: run.solveCpuMs,
    validateMs,
    valid: run.validation.valid,
    violations: violationSummary(run.validation),
    assigned: run.plan.assignments.length,
    unassigned: run.plan.unassigned.length,
    met: counts.met,
    missed: counts.missed,
    missedLevel1: counts.byLevel['1']?.[1] ?? 0,
    objective: run.plan.summary.objective,
    method: run.plan.summary.method ?? '',
    // maxRSS is in kilobytes on Linux and macOS.
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}
