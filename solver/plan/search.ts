import type { Random } from '../random.ts';
import { compareCost, type Cost } from './cost.ts';
import type { Move } from './moves/index.ts';
import type { SearchState, StateSnapshot } from './state.ts';

/** When to stop: by iterations (reproducible) or by the caller's clock (anytime). */
export interface SearchBudget {
  /** True once the search must stop; called once per iteration. */
  readonly exhausted: (iteration: number) => boolean;
  /** Share of the budget used, 0..1, for the acceptance threshold's cooling. */
  readonly progress: (iteration: number) => number;
}

/** How much more travel a perturbation may cost and still be kept, at the start of the search. */
const INITIAL_TOLERANCE = 0.02;

export interface SearchStats {
  iterations: number;
  improvements: number;
}

/**
 * Iterated local search: each iteration tries one move, chosen by weight. Descent moves are kept
 * only when they improve the objective. A perturbation (ruin and recreate) is also kept when it
 * is worse only in travel, by less than a tolerance that shrinks to zero over the budget
 * (threshold accepting), which lets the search leave a local optimum. The best state seen is
 * snapshotted before the search walks away from it and restored at the end: anytime, and never
 * worse than the construction.
 */
export function improve(
  state: SearchState,
  moves: readonly Move[],
  random: Random,
  budget: SearchBudget,
): SearchStats {
  const totalWeight = moves.reduce((sum, move) => sum + move.weight, 0);
  let current = state.objective();
  let best = current;
  let atBest = true;
  let bestSnapshot: StateSnapshot | null = null;
  const stats: SearchStats = { iterations: 0, improvements: 0 };
  if (moves.length === 0 || state.model.ticketCount === 0) return stats;

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
    const tolerance = INITIAL_TOLERANCE * (1 - budget.progress(stats.iterations));
    if (order < 0 || (move.kind === 'perturbation' && order > 0 && nearlyAsGood(next, current, tolerance))) {
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

function nearlyAsGood(next: Cost, current: Cost, tolerance: number): boolean {
  return (
    compareCost(
      { ...next, travel: 0, coverage: 0, moved: 0 },
      { ...current, travel: 0, coverage: 0, moved: 0 },
    ) <= 0 && next.travel <= current.travel * (1 + tolerance)
  );
}

function pickMove(moves: readonly Move[], totalWeight: number, random: Random): Move {
  let ticket = random.next() * totalWeight;
  for (const move of moves) {
    ticket -= move.weight;
    if (ticket < 0) return move;
  }
  return moves[moves.length - 1]!;
}
