/**
 * The lean solver entries the optimized dispatcher calls (solver/candidates/direct.ts
 * `rankTicketDirect`, solver/plan/solve-plan.ts `solvePlanRoutes`) answer what `solve` answers:
 * the same candidates and routes, the same assignments and supplies, only without the plan's
 * explanations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankTicketDirect } from '../../solver/candidates/direct.ts';
import { solvePlanRoutes } from '../../solver/plan/solve-plan.ts';
import type { Problem } from '../../solver/problem.schema.ts';
import { solve } from '../../solver/solve.ts';
import { randomSmallProblem } from '../support/random-problem.ts';

const anyProblem = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  travel: fc.constantFrom('greatCircle' as const, 'matrix' as const),
  pick: fc.nat(),
  coverageMinutes: fc.constantFrom(20, 60, 240),
});

describe('lean solver entries for the simulation', () => {
  it('rankTicketDirect: the candidates and the routes of solve in candidates mode', () => {
    fc.assert(
      fc.property(anyProblem, ({ seed, travel, pick, coverageMinutes }) => {
        const base = randomSmallProblem(seed, { travel });
        const t = pick % base.tickets.length;
        // The ticket first, as the dispatcher asks.
        const problem: Problem = {
          ...base,
          tickets: [base.tickets[t]!, ...base.tickets.filter((_, i) => i !== t)],
          options: {
            ...base.options,
            mode: 'candidates',
            ticket: base.tickets[t]!.id,
            maxCandidates: 3,
            coverageMinutes,
          },
        };
        const plan = solve(problem, { now: () => 0 });
        const ranked = rankTicketDirect(problem, 0);
        expect(ranked.candidates).toEqual(plan.candidates);
        for (const engineer of problem.engineers) {
          const stops = plan.routes.find((r) => r.engineer === engineer.id)?.stops ?? [];
          expect(ranked.stopsOf(engineer.id)).toEqual(
            stops.map((s) => (s.type === 'ticket' ? s.ticket : null)),
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it('solvePlanRoutes: the routes, engineers and supplies of solve in plan mode', () => {
    fc.assert(
      fc.property(anyProblem, ({ seed, travel, coverageMinutes }) => {
        const base = randomSmallProblem(seed, { travel });
        const problem: Problem = {
          ...base,
          options: { ...base.options, mode: 'plan', seed, coverageMinutes },
        };
        const runtime = { now: () => 0, maxIterations: 30 };
        const plan = solve(problem, runtime);
        const lean = solvePlanRoutes(problem, runtime);
        expect(lean.routes).toEqual(
          plan.routes.map((r) => ({
            engineer: r.engineer,
            tickets: r.stops.flatMap((s) => (s.type === 'ticket' ? [s.ticket] : [])),
          })),
        );
        expect([...lean.assignments.keys()].sort()).toEqual(plan.assignments.map((a) => a.ticket).sort());
        for (const a of plan.assignments) {
          const mine = lean.assignments.get(a.ticket)!;
          expect(mine.engineer).toBe(a.engineer);
          expect(mine.parts).toEqual(a.parts);
          expect(mine.spareUnit ?? null).toEqual(a.spareUnit ?? null);
        }
      }),
      { numRuns: 60 },
    );
  });
});
