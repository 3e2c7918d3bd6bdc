import { afterAll, describe, expect, it } from 'vitest';
import { solveExact } from '../../solver/exact/solve-exact.ts';
import type { Objective } from '../../solver/plan.schema.ts';
import type { Problem } from '../../solver/problem.schema.ts';
import { solve } from '../../solver/solve.ts';
import { validatePlan } from '../../solver/validate-plan.ts';
import { randomSmallProblem } from '../support/random-problem.ts';

/**
 * The heuristic against the exact solver on 200 seeded random problems of 2–8 tickets and 1–4
 * engineers (every size pair, in turn). The exact solver gets a node cap, which makes the set it
 * proves the same on every machine; with EXACT_NODE_CAP = 60 nodes per stage it proves 188 of the
 * 200 (94 %; the earlier cap of 20 proved 168, with about 70 % of the CPU time). On the
 * proven ones the heuristic (plan mode, seed 1, a fixed iteration count) must reach
 * the optimum on at least 95 % and be within 2 % on every other, measured on the first objective
 * term where the two differ: heuristic[k] ≤ 1.02 × optimum[k] (an optimum of 0 there leaves no
 * room). It may never beat a proven optimum: that would mean one of the two solvers breaks a rule
 * or misreads the objective. On the problems it does not prove, the exact solver still gives its
 * best plan (incumbent) and a lower bound on the first term, the weighted missed commitments: the
 * heuristic may not fall below that bound (the same rule broken), nor be worse than the incumbent
 * beyond the same 2 %.
 */
const PROBLEMS = 200;
const BATCHES = 4;
/**
 * The exact solver stops after this many branch-and-bound nodes per stage, so which problems it
 * proves is the same on every machine and under any load (a wall-clock limit made the compared set
 * depend on how busy the machine was). The time limit is only a safety net far above the cap.
 */
const EXACT_NODE_CAP = 60;
const EXACT_TIME_LIMIT_MS = 600_000;
const HEURISTIC_ITERATIONS = 1000;
/** Below this many proven problems the 95 % rule would say little. */
const MIN_COMPARED = 150;
function problemNumber(index: number): Problem {
  return randomSmallProblem(index, { tickets: 2 + ((index * 5) % 7), engineers: 1 + ((index * 3) % 4) });
}

interface Comparison {
  index: number;
  /** The proven optimum, or the exact solver's best plan where it proved nothing. */
  optimum: Objective;
  heuristic: Objective;
}

/** Index of the first term where the two objectives differ, or -1. */
function firstDifference(a: Objective, b: Objective): number {
  return a.findIndex((value, term) => Math.abs(value - b[term]!) > 1e-9);
}

function withinTwoPercent({ optimum, heuristic }: Comparison): boolean {
  const term = firstDifference(optimum, heuristic);
  return term >= 0 && optimum[term]! > 0 && heuristic[term]! <= optimum[term]! * 1.02;
}

function describeMiss(c: Comparison): string {
  const term = firstDifference(c.optimum, c.heuristic);
  return `problem ${c.index}: term ${term + 1} ${c.optimum[term]} → ${c.heuristic[term]}`;
}

const compared: Comparison[] = [];
const unproven: Comparison[] = [];

describe('heuristic against the exact optimum', () => {
  for (let batch = 0; batch < BATCHES; batch++) {
    const from = 1 + (batch * PROBLEMS) / BATCHES;
    const to = ((batch + 1) * PROBLEMS) / BATCHES;
    it(`problems ${from}–${to}: both plans valid, the heuristic never better than a proven optimum`, () => {
      for (let index = from; index <= to; index++) {
        const problem = problemNumber(index);
        const exact = solveExact(
          { ...problem, options: { ...problem.options, mode: 'exact', timeLimitMs: EXACT_TIME_LIMIT_MS } },
          { now: () => performance.now(), maxIterations: EXACT_NODE_CAP },
        );
        const heuristic = solve(
          { ...problem, options: { ...problem.options, mode: 'plan', seed: 1 } },
          { now: () => 0, maxIterations: HEURISTIC_ITERATIONS },
        );
        expect(validatePlan(problem, exact).violations, `exact plan of problem ${index}`).toEqual([]);
        expect(validatePlan(problem, heuristic).violations, `heuristic plan of problem ${index}`).toEqual([]);
        const comparison = {
          index,
          optimum: exact.summary.objective,
          heuristic: heuristic.summary.objective,
        };
        const term = firstDifference(comparison.optimum, comparison.heuristic);
        if (!exact.summary.provenOptimal) {
          const bound = exact.summary.lowerBound ?? 0;
          expect(
            comparison.heuristic[0],
            `problem ${index}, below the exact lower bound`,
          ).toBeGreaterThanOrEqual(bound - 1e-9 * (1 + Math.abs(bound)));
          if (term >= 0 && comparison.heuristic[term]! > comparison.optimum[term]!)
            expect(withinTwoPercent(comparison), `problem ${index}: ${describeMiss(comparison)}`).toBe(true);
          unproven.push(comparison);
          continue;
        }
        if (term >= 0)
          expect(comparison.heuristic[term], `problem ${index}, objective term ${term + 1}`).toBeGreaterThan(
            comparison.optimum[term]!,
          );
        compared.push(comparison);
      }
    }, 1_200_000);
  }

  it('reaches the optimum on at least 95 % of the proven problems and is within 2 % on the rest', () => {
    expect(compared.length).toBeGreaterThanOrEqual(MIN_COMPARED);
    const different = compared.filter((c) => firstDifference(c.optimum, c.heuristic) >= 0);
    expect(different.length / compared.length, different.map(describeMiss).join('; ')).toBeLessThanOrEqual(
      0.05,
    );
    const beyond = different.filter((c) => !withinTwoPercent(c));
    expect(beyond.map(describeMiss)).toEqual([]);
  });

  afterAll(() => {
    const equal = compared.filter((c) => firstDifference(c.optimum, c.heuristic) < 0).length;
    const better = unproven.filter((c) => {
      const term = firstDifference(c.optimum, c.heuristic);
      return term >= 0 && c.heuristic[term]! < c.optimum[term]!;
    }).length;
    const same = unproven.filter((c) => firstDifference(c.optimum, c.heuristic) < 0).length;
    console.info(
      `exact vs heuristic: ${compared.length} of ${PROBLEMS} proven, heuristic optimal on ${equal}; ` +
        `of the ${unproven.length} unproven, heuristic better than the exact incumbent on ${better}, equal on ${same}`,
    );
  });
});
