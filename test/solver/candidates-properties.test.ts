import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankInsertions } from '../../solver/candidates/rank.ts';
import { buildToday } from '../../solver/candidates/today.ts';
import { createEngineerIndex } from '../../solver/plan/engineer-index.ts';
import { buildModel } from '../../solver/plan/model.ts';
import { SearchState } from '../../solver/plan/state.ts';
import type { Problem } from '../../solver/problem.schema.ts';
import { solve } from '../../solver/solve.ts';
import { validatePlan } from '../../solver/validate-plan.ts';
import { benchmarkProblem } from '../support/plan-benchmark-problem.ts';
import { randomSmallProblem } from '../support/random-problem.ts';

function inCandidatesMode(problem: Problem, ticket?: string): Problem {
  return { ...problem, options: { ...problem.options, mode: 'candidates', ticket, maxCandidates: 4 } };
}

describe('candidates mode: properties', () => {
  it('every answer passes validatePlan (which re-derives each candidate), in both travel modes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('greatCircle' as const, 'matrix' as const),
        fc.nat(),
        (seed, travel, pick) => {
          const base = randomSmallProblem(seed, { travel });
          const problem = inCandidatesMode(base, base.tickets[pick % base.tickets.length]!.id);
          const plan = solve(problem, { now: () => 0 });
          expect(validatePlan(problem, plan).violations).toEqual([]);
          const objectives = plan.candidates!.map((c) => c.objective);
          expect(objectives).toEqual([...objectives].sort(lexicographic));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('prunes only engineers that cannot make the top k: same ranking as trying everyone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.nat(), (seed, pick) => {
        const problem = benchmarkProblem(seed, {
          tickets: 25,
          engineers: 30,
          offices: 4,
          depots: 2,
          sideKm: 150,
        });
        const target = pick % problem.tickets.length;
        const ranked = (prune: boolean) => {
          const model = buildModel(problem);
          const state = new SearchState(model, createEngineerIndex(model));
          buildToday(state, target);
          return rankInsertions(state, target, 5, prune).map((insertion) => insertion.delta);
        };
        expect(ranked(true)).toEqual(ranked(false));
      }),
      { numRuns: 25 },
    );
  });
});

function lexicographic(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
