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
    // Twins at one office, two tickets east and two west: giving the east pair to E-1 or to E-2
    // costs exactly the same, so only the fifth tie-breaker can say which plan to keep.
    const engineers = [engineer('E-1'), engineer('E-2')];
    const sites = {
      'S-1': nearYibin(0, 10),
      'S-2': nearYibin(0, 20),
      'S-3': nearYibin(0, -10),
      'S-4': nearYibin(0, -20),
    };
    const tickets = ['S-1', 'S-2', 'S-3', 'S-4'].map((site, i) => ticket(`T-${i + 1}`, site));
    const fresh = solveChecked(yibinProblem({ engineers, tickets, sites }));
    expect(fresh.unassigned).toEqual([]);

    // Yesterday's plan was the mirror image of what a fresh solve picks.
    const mirrored: Plan = {
      ...fresh,
      assignments: fresh.assignments.map((a) => ({ ...a, engineer: a.engineer === 'E-1' ? 'E-2' : 'E-1' })),
    };
    const urgent = ticket('T-5', 'S-5', {
      level: 1,
      tier: 'A',
      due: { onsite: '2026-11-28T10:00:00+08:00' },
    });
    const withNew = yibinProblem({ engineers, tickets: [...tickets, urgent], sites });
    const replan = withPrevious(withNew, mirrored);
    const stable = solveChecked(replan);
    expect(assignmentOf(stable, 'T-5').commitments.onsite?.met).toBe(true);
    const moved = movedTickets(stable, replan);
    expect(stable.summary.moved).toBe(moved.length);
    expect(moved.length).toBeLessThanOrEqual(1);

    // Without the previous engineers the same problem reshuffles: the tie-breaker is what holds.
    expect(movedTickets(solveChecked(withNew), replan).length).toBeGreaterThan(moved.length);
  });
});
