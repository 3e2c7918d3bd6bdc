import { insertByRegret } from '../regret.ts';
import type { Move } from './move.ts';
import { randomAssignedTicket, ticketsOf } from './pick.ts';

/** Routes around the seed ticket that the ruin touches. */
const RUINED_ROUTES = 4;
/** At most this many tickets are removed at once, so one perturbation stays cheap. */
const MAX_REMOVED = 30;
/** Unassigned tickets that get another chance with each recreate. */
const RETRIED_UNASSIGNED = 10;

/**
 * Ruin and recreate (Schrimpf et al.; the perturbation of ALNS): pick a ticket, take a random
 * share of the tickets off the routes of its nearby engineers, and put them back, with a few of
 * the unassigned tickets, by regret insertion. It shakes the solution out of the local optimum
 * that the descent moves have reached.
 */
export const ruinRecreateMove: Move = {
  name: 'ruin-recreate',
  kind: 'perturbation',
  weight: 35,
  apply(state, random) {
    const { model } = state;
    const seed = randomAssignedTicket(state, random);
    const removed: number[] = [];
    if (seed >= 0) {
      const engineers = [
        state.engineerOf[seed]!,
        ...state.engineers.candidates(seed).slice(0, RUINED_ROUTES - 1),
      ];
      const share = 0.2 + 0.5 * random.next();
      for (const e of new Set(engineers)) {
        for (const t of ticketsOf(state, e)) {
          if (removed.length >= MAX_REMOVED) break;
          if (random.next() > share) continue;
          if (state.remove(t)) removed.push(t);
        }
      }
    }
    const removedSet = new Set(removed);
    const waiting: number[] = [];
    for (let t = 0; t < model.ticketCount; t++)
      if (state.engineerOf[t]! < 0 && !removedSet.has(t)) waiting.push(t);
    const unassigned = new Set<number>();
    while (unassigned.size < Math.min(RETRIED_UNASSIGNED, waiting.length))
      unassigned.add(random.pick(waiting));
    if (removed.length === 0 && unassigned.size === 0) return false;
    insertByRegret(state, [...removed, ...unassigned], {
      candidatesOf: (t) => state.engineers.candidates(t),
    });
    return true;
  },
};
