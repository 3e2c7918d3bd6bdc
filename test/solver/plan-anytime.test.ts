import { describe, expect, it } from 'vitest';
import { construct } from '../../solver/plan/construct.ts';
import { createEngineerIndex } from '../../solver/plan/engineer-index.ts';
import { buildModel } from '../../solver/plan/model.ts';
import { SearchState } from '../../solver/plan/state.ts';
import type { Plan } from '../../solver/plan.schema.ts';
import type { Problem } from '../../solver/problem.schema.ts';
import { solve } from '../../solver/solve.ts';
import { validatePlan } from '../../solver/validate-plan.ts';
import { benchmarkProblem } from '../support/plan-benchmark-problem.ts';

const problem = benchmarkProblem(5, { tickets: 300, engineers: 30, offices: 6, depots: 2, sideKm: 300 });

function freshState(p: Problem): SearchState {
  const model = buildModel(p);
  return new SearchState(model, createEngineerIndex(model));
}

/**
 * A clock for a solve with a 1,000 ms limit: 0 for the first `calls` readings (construction
 * starts by regret), then 600 ms (past the 500 ms at which construction hurries, short of the
 * limit) for `more` readings, then far past the limit.
 */
function steppedClock(calls: number, more: number): () => number {
  let readings = 0;
  return () => {
    readings++;
    return readings <= calls ? 0 : readings <= calls + more ? 600 : 1e9;
  };
}

const untriedReasons = (plan: Plan) => plan.unassigned.filter((u) => u.reason.startsWith('not tried'));

describe('plan mode: construction under a deadline', () => {
  it('finishes by the greedy pass when regret is cut off: every ticket is tried', () => {
    const full = freshState(problem);
    construct(full);
    for (const cut of [1, 3, 8]) {
      let asked = 0;
      const state = freshState(problem);
      const untried = construct(state, { hurry: () => ++asked > cut, stop: () => false });
      expect(untried).toEqual([]);
      // Cut short, it still places about as many as regret run to the end.
      expect(state.assignedTickets().length).toBeGreaterThanOrEqual(0.9 * full.assignedTickets().length);
    }
  });

  it('returns a complete, valid plan when the deadline passes during construction', () => {
    const timed = { ...problem, options: { ...problem.options, timeLimitMs: 1000 } };
    const plan = solve(timed, { now: steppedClock(3, 1000) });
    expect(validatePlan(timed, plan).violations).toEqual([]);
    expect(plan.assignments.length + plan.unassigned.length).toBe(problem.tickets.length);
    expect(untriedReasons(plan)).toEqual([]);
    const constructed = solve(timed, { now: () => 0, maxIterations: 0 });
    expect(plan.assignments.length).toBeGreaterThanOrEqual(0.9 * constructed.assignments.length);
    // The same clock readings give the same plan.
    expect(solve(timed, { now: steppedClock(3, 1000) })).toEqual(plan);
  });

  it('leaves tickets untried, with that reason, only once the whole limit has passed', () => {
    const timed = { ...problem, options: { ...problem.options, timeLimitMs: 1000 } };
    const plan = solve(timed, { now: steppedClock(3, 5) });
    expect(validatePlan(timed, plan).violations).toEqual([]);
    expect(plan.assignments.length).toBeGreaterThan(0);
    expect(untriedReasons(plan).length).toBeGreaterThan(0);
    expect(plan.assignments.length + plan.unassigned.length).toBe(problem.tickets.length);
  });
});
