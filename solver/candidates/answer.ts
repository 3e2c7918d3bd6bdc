import { unassignedReason } from '../explain/unassigned.ts';
import type { Candidate } from '../plan.schema.ts';
import type { SearchState } from '../plan/state.ts';
import { describeCandidate, objectiveJson } from './describe.ts';
import { rankInsertions } from './rank.ts';

/** The ranked options for one ticket, and what the plan says about the ticket itself. */
export interface CandidatesAnswer {
  readonly candidates: Candidate[];
  /** The ticket's `unassigned` reason: none is committed in candidates mode. */
  readonly reason: string;
}

/**
 * Ranks the best `count` (engineer, position, supply) insertions of ticket `target` into the
 * state's routes (today's, with the ticket left out) and describes each. The state is left as it
 * was: each candidate is applied in a trial and rolled back.
 */
export function answerCandidates(state: SearchState, target: number, count: number): CandidatesAnswer {
  const objective = state.objective();
  const base = objectiveJson({ ...objective, missed: objective.missed - state.model.tPenalty[target]! });
  const candidates = rankInsertions(state, target, count)
    .map((insertion, i) => describeCandidate(state, insertion, i + 1, base))
    .filter((candidate) => candidate !== null)
    .map((candidate, i) => ({ ...candidate, rank: i + 1 }));
  const reason =
    candidates.length > 0
      ? `candidates mode: ${candidates.length} ranked options in candidates, none committed`
      : `candidates mode: no option; ${unassignedReason(state, target)}`;
  return { candidates, reason };
}
