import { describe, expect, it } from 'vitest';
import type { Plan } from '../../solver/plan.schema.ts';
import type { Problem } from '../../solver/problem.schema.ts';
import { solve } from '../../solver/solve.ts';
import { validatePlan } from '../../solver/validate-plan.ts';
import { at, engineer, ticket, yibinProblem } from '../support/plan-scenarios.ts';

/** Candidates mode with a counting clock; the plan, candidates included, must pass the checker. */
function candidates(problem: Problem): Plan {
  let clock = 0;
  const plan = solve(
    { ...problem, options: { ...problem.options, mode: 'candidates' } },
    { now: () => clock++ },
  );
  expect(
    validatePlan({ ...problem, options: { ...problem.options, mode: 'candidates' } }, plan).violations,
  ).toEqual([]);
  return plan;
}

describe('candidates mode', () => {
  // E-1 already has T-2 (level 3) at S-1, due 09:00; E-2 is free. Both start at O-YB.
  const today = (target: Parameters<typeof ticket>[2]) =>
    yibinProblem({
      engineers: [engineer('E-1'), engineer('E-2', { vanStock: { 'P-FAN-1': 1 } })],
      tickets: [
        ticket('T-1', 'S-2', { level: 1, tier: 'A', ...target }),
        ticket('T-2', 'S-1', { level: 3, pin: { engineer: 'E-1' }, due: { onsite: at('09:00') } }),
      ],
      stock: [{ location: 'D-YB', sku: 'P-FAN-1', qty: 2 }],
    });

  it('ranks where the first ticket could go, cheapest first, leaving today as it is', () => {
    const plan = candidates(today({ due: { onsite: at('10:00') } }));
    const [best, second] = plan.candidates!;
    // After T-2, S-1 → S-2 → home adds 13 minutes of driving; E-2 from the office adds 26.
    expect(best).toMatchObject({
      rank: 1,
      engineer: 'E-1',
      position: 1,
      delta: [0, 0, 13, 0],
      consequences: [],
    });
    expect(second).toMatchObject({ rank: 2, engineer: 'E-2', position: 0, delta: [0, 0, 26, 0] });
    expect(best!.why).toContain('no other ticket of E-1 is delayed');
    expect(plan.unassigned.map((u) => u.ticket)).toEqual(['T-1']);
    expect(plan.assignments.map((a) => [a.ticket, a.engineer])).toEqual([['T-2', 'E-1']]);
  });

  it('lists the tickets an option delays and makes late', () => {
    // Due 08:30: behind T-2 E-1 would be late; in front of it, T-2 becomes late instead.
    const plan = candidates(today({ due: { onsite: at('08:30') } }));
    const [best, second] = plan.candidates!;
    expect(best).toMatchObject({ engineer: 'E-2', consequences: [] });
    expect(second).toMatchObject({ engineer: 'E-1', position: 0 });
    expect(second!.consequences).toEqual([
      { ticket: 'T-2', slackLostMinutes: expect.any(Number), becomesLate: true },
    ]);
    expect(second!.why).toContain('makes T-2 late');
  });

  it('offers each stock source as its own option', () => {
    const plan = candidates(today({ due: { onsite: at('10:00') }, parts: [{ sku: 'P-FAN-1', qty: 1 }] }));
    const sources = plan.candidates!.map((c) => `${c.engineer} ${c.parts[0]!.via} ${c.parts[0]!.from}`);
    expect(sources).toContain('E-2 van van');
    expect(sources).toContain('E-1 pickup D-YB');
    expect(sources).toContain('E-1 courier D-YB');
  });

  it('places the ticket named in the options and honours maxCandidates', () => {
    const problem = today({ due: { onsite: at('10:00') } });
    const plan = candidates({ ...problem, options: { ...problem.options, ticket: 'T-2', maxCandidates: 1 } });
    expect(plan.candidates).toHaveLength(1);
    // T-2 is pinned to E-1: no one else is offered.
    expect(plan.candidates![0]!.engineer).toBe('E-1');
    expect(plan.unassigned.map((u) => u.ticket)).toEqual(['T-2']);
  });

  it('returns no candidate, and the reason, when nobody is qualified', () => {
    const plan = candidates(today({ skill: 'xray', minSkillLevel: 2 }));
    expect(plan.candidates).toEqual([]);
    expect(plan.unassigned[0]!.reason).toContain('no engineer with xray ≥ 2');
  });
});
