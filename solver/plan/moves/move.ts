import type { Random } from '../../random.ts';
import type { SearchState } from '../state.ts';

/**
 * The one shape of a local-search move (VROOM keeps one operator per file behind one interface;
 * here a new move is a new file added to moves/index.ts). A move changes the state for real
 * inside the trial the search has opened; the search reads the objective, which is its gain, and
 * keeps or rolls back the change. Validity is never in doubt: the state only builds routes that
 * pass the hard rules, and a ticket a move cannot put back stays unassigned, which the objective
 * punishes.
 */
export interface Move {
  readonly name: string;
  /** Descent moves are kept only when they improve; perturbations may be kept when slightly worse. */
  readonly kind: 'descent' | 'perturbation';
  /** Relative frequency among the moves. */
  readonly weight: number;
  /** Changes the state; false when it found nothing to try (the search then rolls back). */
  apply(state: SearchState, random: Random): boolean;
}
