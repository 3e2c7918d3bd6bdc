import type { Objective, Plan } from '../plan.schema.ts';
import type { SearchState } from '../plan/state.ts';
import type { CandidatesAnswer } from './answer.ts';
import type { Day } from './day.ts';

/**
 * The plan a candidates query answers with: the day's plan, which the query leaves as it is,
 * plus the new ticket among the unassigned (none of its options is committed) and counted in the
 * summary as `toPlan` would count it. `position` is the ticket's index in the caller's problem,
 * where the day's tickets keep their order around it.
 */
export function composePlan(
  day: Day,
  state: SearchState,
  target: number,
  position: number,
  answer: CandidatesAnswer,
  solveMs: () => number,
): Plan {
  const { model } = state;
  const { plan } = day;
  let before = 0;
  while (before < day.unassigned.length && day.unassigned[before]! < position) before++;
  const unassigned = [
    ...plan.unassigned.slice(0, before),
    { ticket: model.problem.tickets[target]!.id, reason: answer.reason },
    ...plan.unassigned.slice(before),
  ];

  const counted =
    (Number.isFinite(model.tDueOnsite[target]) ? 1 : 0) + (Number.isFinite(model.tDueUnit[target]) ? 1 : 0);
  const { commitments } = plan.summary;
  const byLevel: Record<string, [number, number]> = {};
  for (const [level, [met, missed]] of Object.entries(commitments.byLevel)) byLevel[level] = [met, missed];
  byLevel[String(model.tLevel[target])]![1] += counted;
  const [, late, travel, coverage] = plan.summary.objective;
  const objective: Objective = [state.objective().missed, late, travel, coverage];
  return {
    assignments: plan.assignments,
    routes: plan.routes,
    unassigned,
    summary: {
      ...plan.summary,
      commitments: { met: commitments.met, missed: commitments.missed + counted, byLevel },
      objective,
      solveMs: Math.max(0, Math.round(solveMs())),
    },
    candidates: answer.candidates,
  };
}
