import { unassignedReason } from '../explain/unassigned.ts';
import type { Plan } from '../plan.schema.ts';
import { createEngineerIndex } from '../plan/engineer-index.ts';
import { buildModel } from '../plan/model.ts';
import { SearchState } from '../plan/state.ts';
import { toPlan } from '../plan/to-plan.ts';
import type { Problem } from '../problem.schema.ts';
import type { SolverRuntime } from '../runtime.ts';
import { describeCandidate, objectiveJson } from './describe.ts';
import { rankInsertions } from './rank.ts';
import { buildToday } from './today.ts';

/**
 * Candidates mode: where could this one ticket go, right now? Today's routes are rebuilt without
 * it (pins, previous engineers, a quick construction for the rest), then the best `maxCandidates`
 * (engineer, position, supply) insertions are ranked by the plan's objective. The plan returned
 * is today's routes, with the ticket unassigned and its options in `candidates`.
 */
export function solveCandidates(problem: Problem, runtime: SolverRuntime): Plan {
  const startedAt = runtime.now();
  const model = buildModel(problem);
  const state = new SearchState(model, createEngineerIndex(model));
  const target = problem.options.ticket === undefined ? 0 : model.ticketIndex.get(problem.options.ticket)!;
  buildToday(state, target);

  const objective = state.objective();
  const base = objectiveJson({ ...objective, missed: objective.missed - model.tPenalty[target]! });
  const candidates = rankInsertions(state, target, problem.options.maxCandidates)
    .map((insertion, i) => describeCandidate(state, insertion, i + 1, base))
    .filter((candidate) => candidate !== null)
    .map((candidate, i) => ({ ...candidate, rank: i + 1 }));

  const plan = toPlan(state, {
    method: 'candidates',
    solveMs: () => runtime.now() - startedAt,
    alternatives: false,
    reasons: new Map([
      [
        target,
        candidates.length > 0
          ? `candidates mode: ${candidates.length} ranked options in candidates, none committed`
          : `candidates mode: no option; ${unassignedReason(state, target)}`,
      ],
    ]),
  });
  return { ...plan, candidates };
}
