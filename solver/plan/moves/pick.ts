import type { Random } from '../../random.ts';
import type { SearchState } from '../state.ts';

/** How often a move looks for an assigned ticket before giving up. */
const TRIES = 8;

/**
 * A random assigned ticket for a move to start from. Pinned tickets are included: a move may only
 * put them back with their engineer (and a first-stop pin first), or leave them out when that is
 * better for the objective.
 */
export function randomAssignedTicket(state: SearchState, random: Random): number {
  const { model } = state;
  for (let attempt = 0; attempt < TRIES; attempt++) {
    const t = random.int(model.ticketCount);
    if (state.engineerOf[t]! >= 0) return t;
  }
  return -1;
}

/** The tickets of an engineer's route in visiting order, pickups left out. */
export function ticketsOf(state: SearchState, engineer: number): number[] {
  return state.routes[engineer]!.tickets.filter((t) => t >= 0);
}

/** Whether `t` may be served by `engineer`: qualified, and not pinned to someone else. */
export function mayServe(state: SearchState, t: number, engineer: number): boolean {
  const pin = state.model.tPin[t]!;
  return (pin < 0 || pin === engineer) && state.engineers.isQualified(t, engineer);
}

/** Another engineer near ticket `t` (one of its candidates), or -1. */
export function nearbyEngineer(state: SearchState, random: Random, t: number, not: number): number {
  const candidates = state.engineers.candidates(t).filter((e) => e !== not);
  return candidates.length === 0 ? -1 : random.pick(candidates);
}
