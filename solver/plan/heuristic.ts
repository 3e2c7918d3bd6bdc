import { createRandom } from '../random.ts';
import type { SolverRuntime } from '../runtime.ts';
import { construct, type ConstructionClock } from './construct.ts';
import { MOVES } from './moves/index.ts';
import { insertAnywhere } from './regret.ts';
import { improve, type SearchBudget } from './search.ts';
import type { SearchState } from './state.ts';

/** Share of the time limit kept for writing the plan and its explanations, at least... */
const WRITING_SHARE = 0.15;
/** ...and about this much per ticket (each assignment names alternatives, an insertion each)... */
const WRITING_MS_PER_TICKET = 0.5;
/** ...but never more than this share. */
const MAX_WRITING_SHARE = 0.5;

/** How long before the time limit the search stops, for `toPlan` to write the plan in time. */
export function writingReserveMs(limitMs: number, tickets: number): number {
  return Math.min(
    MAX_WRITING_SHARE * limitMs,
    Math.max(WRITING_SHARE * limitMs, tickets * WRITING_MS_PER_TICKET),
  );
}
/**
 * Share of the search time after which regret construction hurries (finishes by a greedy pass),
 * so that a tight limit still leaves the greedy pass time to try every ticket.
 */
const HURRY_SHARE = 0.5;
/**
 * Regret construction costs about a millisecond of CPU per ticket on a 2-core cloud machine
 * (1,000 tickets × 500 engineers), the greedy pass about a third of that. When the time before
 * hurrying is shorter than this many ms per ticket, regret would be cut off early and its work
 * thrown away, so construction starts greedy. It depends on the limit and the size alone, never
 * on the clock, so a seed still gives one plan.
 */
const REGRET_MS_PER_TICKET = 1.5;

/** What one heuristic run (construction, then search) did. */
export interface HeuristicRun {
  /** Tickets construction never tried: the time limit ran out first. */
  readonly untried: readonly number[];
  readonly iterations: number;
}

/**
 * Construction and search on one state, within `limitMs` from `startedAt`, the search stopping
 * `reserveMs` before (or by iterations when the runtime caps them, with no clock at all, so a
 * seed reproduces the plan on any machine).
 */
export function runHeuristic(
  state: SearchState,
  runtime: SolverRuntime,
  startedAt: number,
  limitMs: number,
  reserveMs: number,
): HeuristicRun {
  const maxIterations = runtime.maxIterations;
  const searchMs = limitMs - reserveMs;
  const deadline = startedAt + searchMs;
  const clock: ConstructionClock | undefined =
    maxIterations === undefined
      ? {
          hurry: greedyFromStart(state, searchMs)
            ? () => true
            : () => runtime.now() >= startedAt + searchMs * HURRY_SHARE,
          stop: () => runtime.now() >= startedAt + limitMs,
        }
      : undefined;
  const untried = construct(state, clock);
  const searchFrom = runtime.now();
  const budget: SearchBudget =
    maxIterations === undefined
      ? {
          exhausted: () => runtime.now() >= deadline,
          progress: () => Math.min(1, (runtime.now() - searchFrom) / Math.max(1, deadline - searchFrom)),
        }
      : {
          exhausted: (i) => i >= maxIterations,
          progress: (i) => Math.min(1, i / Math.max(1, maxIterations)),
        };
  const stats = improve(state, MOVES, createRandom(state.model.problem.options.seed), budget);
  return { untried, iterations: stats.iterations };
}

/** About what naming the alternatives of one assignment costs (two insertions and a trial). */
const ALTERNATIVES_MS_PER_ASSIGNMENT = 1;

/**
 * Whether the plan may name each assignment's alternatives: always without a clock (a capped run
 * is the same on any machine), else only while the time left before the limit covers them. On a
 * large day under a tight limit they would cost more than the whole search; the plan is then
 * written without them (every assignment still says why, every ticket left out why).
 */
export function alternativesFit(
  state: SearchState,
  runtime: SolverRuntime,
  startedAt: number,
  limitMs: number,
): boolean {
  if (runtime.maxIterations !== undefined) return true;
  const assigned = state.engineerOf.reduce((count, e) => count + (e >= 0 ? 1 : 0), 0);
  return startedAt + limitMs - runtime.now() >= assigned * ALTERNATIVES_MS_PER_ASSIGNMENT;
}

/** Whether the time is too short for regret construction on this many tickets. */
function greedyFromStart(state: SearchState, searchMs: number): boolean {
  return searchMs * HURRY_SHARE < state.model.ticketCount * REGRET_MS_PER_TICKET;
}

/** Gives every ticket still out one more try with its nearest engineers, time permitting. */
export function repairUnassigned(state: SearchState, outOfTime: () => boolean): void {
  for (let t = 0; t < state.model.ticketCount; t++) {
    if (outOfTime()) return;
    if (state.engineerOf[t]! < 0) insertAnywhere(state, t, state.engineers.candidates(t));
  }
}

/** The reason for tickets construction never tried (the diagnosis would try them now, late). */
export function untriedReasons(untried: readonly number[], limitMs: number): Map<number, string> {
  const reason = `not tried: the time limit (${limitMs} ms) ran out before construction reached it`;
  return new Map(untried.map((t) => [t, reason]));
}
