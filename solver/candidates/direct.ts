import type { Candidate, Plan } from '../plan.schema.ts';
import { createEngineerIndex } from '../plan/engineer-index.ts';
import { buildModel } from '../plan/model.ts';
import { SearchState } from '../plan/state.ts';
import { toPlan } from '../plan/to-plan.ts';
import type { Problem } from '../problem.schema.ts';
import { answerCandidates } from './answer.ts';
import { buildToday } from './today.ts';

/**
 * Candidates mode from scratch: the model of the whole problem, today's routes rebuilt without
 * ticket `target`, then its options. Prepared days fall back to it when a query changes what the
 * day was built on (a SKU the day has never heard of, or a new site that makes a stock pair the
 * day drew on some site's only source).
 */
export function solveCandidatesDirect(problem: Problem, target: number, solveMs: () => number): Plan {
  const model = buildModel(problem);
  const state = new SearchState(model, createEngineerIndex(model));
  buildToday(state, target);
  const { candidates, reason } = answerCandidates(state, target, problem.options.maxCandidates);
  const plan = toPlan(state, {
    method: 'candidates',
    solveMs,
    alternatives: false,
    reasons: new Map([[target, reason]]),
  });
  return { ...plan, candidates };
}

/** Ranked candidates and today's routes as ids, for callers that decide one ticket after another. */
export interface RankedTicket {
  readonly candidates: Candidate[];
  /** Each engineer's stops in today's routes (the ticket left out): ticket ids, null for a pickup. */
  readonly stopsOf: (engineer: string) => readonly (string | null)[];
}

/**
 * What `solveCandidatesDirect` answers (the same `candidates`, the same routes) without writing
 * today's routes as a plan with the why of every assignment: a simulation that ranks every
 * arriving ticket only reads the candidates and one engineer's stops, and writing the plan cost
 * more than ranking.
 */
export function rankTicketDirect(problem: Problem, target: number): RankedTicket {
  const model = buildModel(problem);
  const state = new SearchState(model, createEngineerIndex(model));
  buildToday(state, target);
  const { candidates } = answerCandidates(state, target, problem.options.maxCandidates);
  return {
    candidates,
    stopsOf(engineer) {
      const e = model.engineerIndex.get(engineer);
      if (e === undefined) return [];
      return state.routes[e]!.tickets.map((t) => (t < 0 ? null : model.problem.tickets[t]!.id));
    },
  };
}
