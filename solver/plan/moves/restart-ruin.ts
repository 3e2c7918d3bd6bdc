import type { Random } from '../../random.ts';
import { insertByRegret } from '../regret.ts';
import type { SearchState } from '../state.ts';
import { recreateGreedy } from './greedy-recreate.ts';
import { randomAssignedTicket, ticketsOf } from './pick.ts';

/** Routes a restart ruins: the seed ticket's engineer and random others (not only its neighbours). */
const RUINED_ROUTES = 4;
/** At most this many tickets come off, so a restart costs the same on any problem size. */
const MAX_REMOVED = 30;
/** Share of restarts that recreate greedily in a random order rather than by regret (deterministic). */
const GREEDY_SHARE = 0.5;

/**
 * The strong ruin the search restarts with once it stagnates: a larger share of the tickets
 * (half to all) of a few routes, the seed ticket's and random others (not only its neighbours),
 * comes off and goes back, half the time by regret insertion and half the time greedily in a
 * random order (regret alone often rebuilds the same routes). The search keeps it whatever it
 * costs in late and travel (only not when it misses more commitments), so the walk can leave a
 * basin that every single move, and every ordinary perturbation the annealing lets through, only
 * climbs out of: an optimum several routes away (two engineers trading tickets while a third
 * serves three from one new pickup stop) is reached by a chain of steps that each cost more.
 * Returns false when it found nothing to ruin.
 */
export function strongRuin(state: SearchState, random: Random): boolean {
  const engineerCount = state.routes.length;
  const seed = randomAssignedTicket(state, random);
  if (seed < 0) return false;
  const engineers = new Set([state.engineerOf[seed]!]);
  for (let tries = 0; tries < 2 * RUINED_ROUTES && engineers.size < RUINED_ROUTES; tries++)
    engineers.add(random.int(engineerCount));
  const share = 0.5 + 0.5 * random.next();
  const removed: number[] = [];
  const formerEngineer = new Map<number, number>();
  for (const e of engineers) {
    for (const t of ticketsOf(state, e)) {
      if (removed.length >= MAX_REMOVED) break;
      if (random.next() > share) continue;
      if (state.remove(t)) {
        removed.push(t);
        formerEngineer.set(t, e);
      }
    }
  }
  if (removed.length === 0) return false;
  if (random.next() < GREEDY_SHARE) recreateGreedy(state, random, removed, formerEngineer);
  else insertByRegret(state, removed, { candidatesOf: (t) => state.engineers.candidates(t) });
  return true;
}
