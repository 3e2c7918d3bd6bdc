import { describe, expect, it } from 'vitest';
import type { Plan } from '../../solver/plan.schema.ts';
import type { Problem } from '../../solver/problem.schema.ts';
import {
  assignmentOf,
  engineer,
  nearYibin,
  solveChecked,
  ticket,
  yibinProblem,
} from '../support/plan-scenarios.ts';

/** The problem again with each ticket's previousEngineer taken from a plan. */
function withPrevious(problem: Problem, plan: Plan): Problem {
  const engineerOf = new Map(plan.assignments.map((a) => [a.ticket, a.engineer]));
  return {
    ...problem,
    tickets: problem.tickets.map((t) => ({ ...t, previousEngineer: engineerOf.get(t.id) ?? null })),
  };
}

function movedTickets(plan: Plan, problem: Problem): string[] {
  return plan.assignments
    .filter((a) => {
      const previous = problem.tickets.find((t) => t.id === a.ticket)?.previousEngineer;
      return previous && previous !== a.engineer;
    })
    .map((a) => a.ticket);
}

describe('plan mode: stability', () => {
  it('among equally good plans keeps a ticket with its previous engineer', () => {
    const twins = [engineer('E-1'), engineer('E-2')];
    for (const previous of ['E-1', 'E-2']) {
      const problem = yibinProblem({
        engineers: twins,
        tickets: [ticket('T-1', 'S-2', { previousEngineer: previous })],
      });
      const plan = solveChecked(problem);
      expect(assignmentOf(plan, 'T-1').engineer).toBe(previous);
      expect(assignmentOf(plan, 'T-1').why).toContain(`kept with ${previous} from the previous plan`);
      expect(plan.summary.moved).toBe(0);
    }
  });

  it('re-plans after one new ticket without reshuffling the others', () => {
    const luzhou = (southKm: number) => nearYibin(-southKm, 80);
    const sites = { 'S-4': luzhou(5), 'S-5': luzhou(10), 'S-6': luzhou(15) };
    const engineers = [
      engineer('E-1'),
      engineer('E-2'),
      engineer('E-3', { start: 'O-LZ', end: 'O-LZ' }),
      engineer('E-4', { start: 'O-LZ', end: 'O-LZ' }),
    ];
    const tickets = ['S-1', 'S-2', 'S-3', 'S-4', 'S-5', 'S-6', 'S-7', 'S-8'].map((site, i) =>
      ticket(`T-${i + 1}`, site, { serviceMinutes: 90, due: { onsite: `2026-11-28T1${i % 4}:00:00+08:00` } }),
    );
    const morning = yibinProblem({ engineers, tickets, sites });
    const first = solveChecked(morning);
    expect(first.unassigned).toEqual([]);

    const urgent = ticket('T-9', 'S-3', {
      level: 1,
      tier: 'A',
      due: { onsite: '2026-11-28T10:00:00+08:00' },
    });
    const replan = withPrevious(yibinProblem({ engineers, tickets: [...tickets, urgent], sites }), first);
    const second = solveChecked(replan);
    expect(assignmentOf(second, 'T-9').commitments.onsite?.met).toBe(true);
    const moved = movedTickets(second, replan);
    expect(second.summary.moved).toBe(moved.length);
    expect(moved.length).toBeLessThanOrEqual(1);
  });
});
