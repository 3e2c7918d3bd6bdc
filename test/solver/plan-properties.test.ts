import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../solver/problem.schema.ts';
import { solve } from '../../solver/solve.ts';
import { validatePlan } from '../../solver/validate-plan.ts';
import { randomSmallProblem } from '../support/random-problem.ts';

/** Solves with a counting clock; every plan must pass the independent checker. */
function solveAndCheck(problem: Problem, maxIterations: number) {
  let clock = 0;
  const plan = solve(problem, { now: () => clock++, maxIterations });
  const validation = validatePlan(problem, plan);
  expect(validation.violations).toEqual([]);
  return { plan, validation };
}

const seeds = fc.integer({ min: 1, max: 1_000_000 });
const travel = fc.constantFrom('greatCircle' as const, 'matrix' as const);

describe('plan mode: properties over random small problems', () => {
  it('every plan passes validatePlan, in both travel modes', () => {
    fc.assert(
      fc.property(seeds, travel, fc.integer({ min: 0, max: 150 }), (seed, mode, iterations) => {
        const problem = randomSmallProblem(seed, { travel: mode });
        const { validation } = solveAndCheck(problem, iterations);
        expect(validation.valid).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('accounts for every ticket once, with a reason for each one left out', () => {
    fc.assert(
      fc.property(seeds, travel, (seed, mode) => {
        const problem = randomSmallProblem(seed, { travel: mode, tickets: 10, engineers: 3 });
        const { plan } = solveAndCheck(problem, 100);
        const ids = [...plan.assignments.map((a) => a.ticket), ...plan.unassigned.map((u) => u.ticket)];
        expect(ids.sort()).toEqual(problem.tickets.map((t) => t.id).sort());
        for (const entry of plan.unassigned) expect(entry.reason.length).toBeGreaterThan(10);
        for (const assignment of plan.assignments) {
          expect(assignment.why.length).toBeGreaterThan(10);
          expect(assignment.alternatives.length).toBeLessThanOrEqual(3);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('serves a ticket pinned to a qualified engineer with that engineer or says why not', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const problem = randomSmallProblem(seed, { tickets: 8, engineers: 3 });
        const { plan } = solveAndCheck(problem, 50);
        for (const t of problem.tickets) {
          if (!t.pin) continue;
          const assignment = plan.assignments.find((a) => a.ticket === t.id);
          if (assignment) expect(assignment.engineer).toBe(t.pin.engineer);
          else
            expect(plan.unassigned.find((u) => u.ticket === t.id)?.reason).toContain(
              `pinned to ${t.pin.engineer}`,
            );
        }
      }),
      { numRuns: 40 },
    );
  });
});
