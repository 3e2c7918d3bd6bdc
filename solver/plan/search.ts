import type { Random } from '../random.ts';
import { compareCost, ZERO_COST as ZERO, type Cost } from './cost.ts';
import type { Move } from './moves/index.ts';
import { strongRuin } from './moves/restart-ruin.ts';
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

/**
 * Restart on stagnation: after this many iterations without a new best, plus this many per ticket
 * (a larger problem has more single moves to try before its basin is exhausted; and a restart's
 * snapshot, linear in the problem's size, then comes at most once per 5 iterations per ticket,
 * so the cost per iteration stays independent of the size), the walk takes a strong ruin
 * (strongRuin) and the annealing reheats, cooling again over the budget left.
 */
const RESTART_AFTER = 30;
const RESTART_AFTER_PER_TICKET = 5;
/** Share of the budget after which the search no longer restarts, and cools down to intensify. */
const RESTARTS_UNTIL = 0.75;

export interface SearchStats {
  iterations: number;
  improvements: number;
}

/**
 * Iterated local search: each iteration tries one move, chosen by weight. Descent moves are kept
 * only when they improve the objective. A perturbation (a ruin and recreate) is also kept when it
 * misses no more weighted commitments and costs more late plus travel time only within simulated
 * annealing's random allowance (temperature × −ln U), a temperature that cools over the budget;
 * that lets the search walk away from a local optimum. When the walk finds no new best for a
 * while (RESTART_AFTER), it restarts: a strong ruin of the current plan, kept whatever it costs
 * beyond the commitments, and the temperature reheated to cool again over the budget left; not in
 * the last quarter of the budget, which stays for cooling down. The best state seen is
 * snapshotted before the search walks away from it and restored at the end: anytime, and never
 * worse than the construction.
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
  const patience = RESTART_AFTER + RESTART_AFTER_PER_TICKET * state.model.ticketCount;
  let sinceBest = 0;
  let reheatedAt = 0;

  while (!budget.exhausted(stats.iterations)) {
    stats.iterations++;
    if (++sinceBest > patience && budget.progress(stats.iterations) < RESTARTS_UNTIL) {
      sinceBest = 0;
      reheatedAt = budget.progress(stats.iterations);
      if (atBest) bestSnapshot = state.snapshot();
      state.journal.begin();
      if (strongRuin(state, random) && missesNoMore(state.objective(), current)) {
        state.journal.commit();
        const order = compareCost(state.objective(), best);
        current = state.objective();
        if (order < 0) {
          best = current;
          stats.improvements++;
        }
        atBest = order < 0 || (order === 0 && atBest);
      } else {
        state.journal.rollback();
      }
      continue;
    }
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
      const cooled = (budget.progress(stats.iterations) - reheatedAt) / Math.max(1e-9, 1 - reheatedAt);
      const temperature = hot * Math.pow(cool / hot, Math.min(1, cooled));
      const worse = next.late + next.travel - current.late - current.travel;
      accept = worse < -temperature * Math.log(1 - random.next());
    }
    if (accept) {
      state.journal.commit();
      current = next;
      if (compareCost(next, best) < 0) {
        best = next;
        atBest = true;
        sinceBest = 0;
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
