import { describe, expect, it } from 'vitest';
import { compareCost } from '../../solver/plan/cost.ts';
import type { Plan } from '../../solver/plan.schema.ts';
import type { Problem } from '../../solver/problem.schema.ts';
import { solve } from '../../solver/solve.ts';
import { validatePlan } from '../../solver/validate-plan.ts';
import { benchmarkProblem } from '../support/plan-benchmark-problem.ts';

function run(problem: Problem, maxIterations: number): Plan {
  let clock = 0;
  const plan = solve(problem, { now: () => (clock += 1), maxIterations });
  expect(validatePlan(problem, plan).violations).toEqual([]);
  return plan;
}

function asCost(plan: Plan) {
  const [missed, late, travel, coverage] = plan.summary.objective;
  return { missed, late, travel, coverage, moved: plan.summary.moved ?? 0 };
}

describe('plan mode: reproducibility and the anytime property', () => {
  const problem = benchmarkProblem(11, { tickets: 40, engineers: 8, offices: 2, depots: 1, sideKm: 120 });

  it('gives the identical plan for the same seed and iteration cap', () => {
    expect(run(problem, 300)).toEqual(run(problem, 300));
  });

  it('is never worse after the search than after construction alone', () => {
    const constructed = run(problem, 0);
    const searched = run(problem, 300);
    expect(compareCost(asCost(searched), asCost(constructed))).toBeLessThanOrEqual(0);
  });

  it('accounts for every ticket when the deadline has passed before construction starts', () => {
    // Every reading of this clock is a second later: the deadline has passed at the first check,
    // so construction stops at once (test/solver/plan-anytime.test.ts covers a deadline midway).
    let clock = 0;
    const late = solve(problem, { now: () => (clock += 1000) });
    expect(validatePlan(problem, late).violations).toEqual([]);
    expect(late.assignments.length + late.unassigned.length).toBe(problem.tickets.length);
    for (const entry of late.unassigned) expect(entry.reason.length).toBeGreaterThan(10);
  });

  it('gives another seed a valid plan that accounts for every ticket', () => {
    const other = run({ ...problem, options: { ...problem.options, seed: 2 } }, 300);
    expect(other.assignments.length + other.unassigned.length).toBe(problem.tickets.length);
  });
});
