import type { Plan } from '../plan.schema.ts';
import { createCoverageIndex, type CoverageIndex } from '../plan/coverage.ts';
import { createEngineerIndex } from '../plan/engineer-index.ts';
import { buildModel, type Model } from '../plan/model.ts';
import { SearchState, type StateSnapshot } from '../plan/state.ts';
import { toPlan } from '../plan/to-plan.ts';
import type { Problem } from '../problem.schema.ts';
import { buildToday } from './today.ts';

/**
 * Today's routes, built once and never changed again: what every candidates query starts from.
 * Queries copy the snapshot into a state of their own, so one query cannot leak into the next.
 */
export interface Day {
  readonly model: Model;
  readonly snapshot: StateSnapshot;
  /** Sole-cover answers for the day's sites, filled as they are asked for. */
  readonly coverage: CoverageIndex;
  /**
   * The stock pairs whose sole-cover answer building the day (and its plan) depended on: a query
   * whose new site changes one of them would have built another day.
   */
  readonly consulted: ReadonlySet<number>;
  /** The day as a plan: routes, assignments, the tickets it could not place, the summary. */
  readonly plan: Plan;
  /** Indices of the day's tickets that are in `plan.unassigned`, in that order. */
  readonly unassigned: readonly number[];
}

/** Builds today's routes for all of the problem's tickets (docs/solver.md, candidates mode). */
export function buildDay(problem: Problem): Day {
  const model = buildModel(problem);
  const coverage = createCoverageIndex(model);
  const consulted = new Set<number>();
  const recording: CoverageIndex = {
    isSoleCover(pair) {
      consulted.add(pair);
      return coverage.isSoleCover(pair);
    },
  };
  const state = new SearchState(model, createEngineerIndex(model), recording);
  buildToday(state, -1);
  const plan = toPlan(state, { method: 'candidates', solveMs: () => 0, alternatives: false });
  const unassigned: number[] = [];
  for (let t = 0; t < model.ticketCount; t++) if (state.engineerOf[t]! < 0) unassigned.push(t);
  return { model, snapshot: state.snapshot(), coverage, consulted, plan, unassigned };
}
