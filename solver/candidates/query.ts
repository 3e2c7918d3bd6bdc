import type { Plan } from '../plan.schema.ts';
import { soleCoversOfSite, type CoverageIndex } from '../plan/coverage.ts';
import { createEngineerIndex } from '../plan/engineer-index.ts';
import { extendModel } from '../plan/model-extend.ts';
import type { Model } from '../plan/model.ts';
import { SearchState, type StateSnapshot } from '../plan/state.ts';
import type { Problem } from '../problem.schema.ts';
import { answerCandidates } from './answer.ts';
import { composePlan } from './compose.ts';
import type { Day } from './day.ts';
import { solveCandidatesDirect } from './direct.ts';

/**
 * Answers candidates mode for `problem`, which is the day's problem with ticket `target` added
 * (and any new locations appended), from the prepared day: the model is extended by the one
 * ticket, the day's routes, supplies and stock are copied into a state of its own, and only the
 * ticket's insertions are searched. The answer is the one `solveCandidatesDirect` gives; when the
 * query changes what the day was built on, that is what runs.
 */
export function answerAgainstDay(day: Day, problem: Problem, target: number, solveMs: () => number): Plan {
  const known = day.model.problem;
  const appended: Problem = { ...problem, tickets: [...known.tickets, problem.tickets[target]!] };
  const model = extendModel(day.model, appended);
  const coverage = model && coverageWithNewSites(day, model);
  if (!model || !coverage) return solveCandidatesDirect(problem, target, solveMs);

  const ticket = known.tickets.length;
  const state = new SearchState(model, createEngineerIndex(model), coverage);
  state.restore(withTicket(day.snapshot, model, ticket));
  const answer = answerCandidates(state, ticket, problem.options.maxCandidates);
  return composePlan(day, state, ticket, target, answer, solveMs);
}

/**
 * The day's sole-cover answers with the query's new sites added, or null when a new site turns a
 * pair that building the day asked about into a sole cover (the day would have drawn differently).
 */
function coverageWithNewSites(day: Day, model: Model): CoverageIndex | null {
  const locations = model.problem.locations;
  const added = new Set<number>();
  for (let site = day.model.problem.locations.length; site < locations.length; site++) {
    if (locations[site]!.kind !== 'site') continue;
    for (const pair of soleCoversOfSite(model, site)) {
      if (day.consulted.has(pair) && !day.coverage.isSoleCover(pair)) return null;
      added.add(pair);
    }
  }
  if (added.size === 0) return day.coverage;
  return { isSoleCover: (pair) => added.has(pair) || day.coverage.isSoleCover(pair) };
}

/** The day's snapshot for a model with one more ticket, which is unassigned. */
function withTicket(snapshot: StateSnapshot, model: Model, ticket: number): StateSnapshot {
  const engineerOf = new Int32Array(model.ticketCount).fill(-1);
  engineerOf.set(snapshot.engineerOf);
  return {
    ...snapshot,
    engineerOf,
    supplies: [...snapshot.supplies, null],
    totals: { ...snapshot.totals, missed: snapshot.totals.missed + model.tPenalty[ticket]! },
  };
}
