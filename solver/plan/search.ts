import type { Random } from '../random.ts';
import { compareCost, ZERO_COST as ZERO, type Cost } from './cost.ts';
import type { Move } from './moves/index.ts';
import type { SearchState, StateSnapshot } from './state.ts';

/** When to stop: by iterations (reproducible) or by the caller's clock (anytime). */
export interface SearchBudget {
  /** True once the search must stop; called once per iteration. */
  readonly exhausted: (iteration: number) => boolean;
  /** Share of the budget used, 0..1, for the acceptance threshold's cooling. */
  readonly progress: (iteration: number) => number;
}

/**
 * Simulated annealing on travel for perturbations: the temperature starts at this multiple of the
 * travel per assigned ticket of the first plan and cools geometrically to the end multiple.
 */
const START_TEMPERATURE = 1;
const END_TEMPERATURE = 0.01;

export interface SearchStats {
  iterations: number;
  improvements: number;
}

/**
 * Iterated local search: each iteration tries one move, chosen by weight. Descent moves are kept
 * only when they improve the objective. A perturbation (a ruin and recreate) is also kept when it
 * misses no more weighted commitments and costs more late plus travel time only within simulated
 * annealing's random allowance (temperature × −ln U), a temperature that cools over the budget;
 * that lets the search walk away from a local optimum. The best state seen is snapshotted before
 * the search walks away from it and restored at the end: anytime, and never worse than the
 * construction.
 */
export function improve(
  state: SearchState,
  moves: readonly Move[],
  random: Random,
  budget: SearchBudget,
): SearchStats {
  let current = state.objective();
  let best = current;
  let atBest = true;
  let bestSnapshot: StateSnapshot | null = null;
  const stats: SearchStats = { iterations: 0, improvements: 0 };
  if (moves.length === 0 || state.model.ticketCount === 0) return stats;
  const totalWeight = moves.reduce((sum, move) => sum + move.weight, 0);
  const perTicket = current.travel / Math.max(1, state.assignedTickets().length);
  const hot = perTicket * START_TEMPERATURE;
  const cool = perTicket * END_TEMPERATURE;

  while (!budget.exhausted(stats.iterations)) {
    stats.iterations++;
    const move = pickMove(moves, totalWeight, random);
    if (move.kind === 'perturbation' && atBest) bestSnapshot = state.snapshot();
    state.journal.begin();
    if (!move.apply(state, random)) {
      state.journal.rollback();
      continue;
    }
    const next = state.objective();
    const order = compareCost(next, current);
    let accept = order < 0;
    if (!accept && order > 0 && move.kind === 'perturbation' && missesNoMore(next, current)) {
      const temperature = hot * Math.pow(cool / hot, budget.progress(stats.iterations));
      const worse = next.late + next.travel - current.late - current.travel;
      accept = worse < -temperature * Math.log(1 - random.next());
    }
    if (accept) {
      state.journal.commit();
      current = next;
      if (compareCost(next, best) < 0) {
        best = next;
        atBest = true;
        stats.improvements++;
      } else {
        atBest = false;
      }
    } else {
      state.journal.rollback();
    }
  }
  if (!atBest && bestSnapshot) state.restore(bestSnapshot);
  return stats;
}

/** Weighted missed commitments no worse (up to the rounding noise compareCost ignores). */
function missesNoMore(next: Cost, current: Cost): boolean {
  return compareCost({ ...ZERO, missed: next.missed }, { ...ZERO, missed: current.missed }) <= 0;
}

function pickMove(moves: readonly Move[], totalWeight: number, random: Random): Move {
  let ticket = random.next() * totalWeight;
  for (const move of moves) {
    ticket -= move.weight;
    if (ticket < 0) return move;
  }
  return moves[moves.length - 1]!;
}
