import type { Random } from '../../random.ts';
import type { SearchState } from '../state.ts';
import { recreateGreedy } from './greedy-recreate.ts';
import type { Move } from './move.ts';
import { randomAssignedTicket, ticketsOf } from './pick.ts';

/** Average number of tickets a ruin removes (SISR's c̄). */
const AVERAGE_REMOVED = 10;
/** Longest string taken from one route (SISR's L_max). */
const MAX_STRING = 10;
/** Share of ruins that keep a few tickets in the middle of the string (split string). */
const SPLIT_SHARE = 0.5;
/** Chance of keeping one more ticket in a split string (SISR's β). */
const KEEP_MORE = 0.01;
/** Unassigned neighbours of the seed that get another chance with each recreate. */
const RETRIED_UNASSIGNED = 10;

/**
 * Slack induction by string removal (SISR, Christiaens & Vanden Berghe 2020): from a random seed
 * ticket, walk its nearest neighbours and cut a short string of consecutive tickets (or a string
 * with a few kept in the middle) out of each route met, until a few routes are cut; then put the
 * tickets back by greedy insertion. Cutting neighbouring routes at the same place frees room where
 * tickets can change hands, which is what descent moves that shift one ticket cannot reach.
 */
export const stringRemovalMove: Move = {
  name: 'string-removal',
  kind: 'perturbation',
  weight: 25,
  apply(state, random) {
    const seed = randomAssignedTicket(state, random);
    if (seed < 0) return false;
    const { formerEngineer, retried } = ruinStrings(state, random, seed);
    if (formerEngineer.size === 0) return false;
    recreateGreedy(state, random, [...formerEngineer.keys(), ...retried], formerEngineer);
    return true;
  },
};

/** What a string ruin took off: each removed ticket's engineer, and unassigned neighbours to retry. */
export interface Ruin {
  readonly formerEngineer: Map<number, number>;
  readonly retried: number[];
}

/**
 * From the seed ticket, walks its nearest neighbours and cuts a string out of each route met
 * (the seed's own first, where it has one), until a random number of routes are cut.
 */
export function ruinStrings(state: SearchState, random: Random, seed: number): Ruin {
  const formerEngineer = new Map<number, number>();
  const retried: number[] = [];
  const maxString = Math.min(MAX_STRING, averageRouteLength(state));
  const maxStrings = (4 * AVERAGE_REMOVED) / (1 + maxString) - 1;
  const strings = Math.floor(random.next() * maxStrings) + 1;
  const ruined = new Set<number>();
  for (const t of [seed, ...state.neighbours.of(seed)]) {
    if (ruined.size >= strings) break;
    const e = state.engineerOf[t]!;
    if (e < 0) {
      if (t !== seed && retried.length < RETRIED_UNASSIGNED) retried.push(t);
      continue;
    }
    if (ruined.has(e)) continue;
    ruined.add(e);
    for (const removed of cutString(state, random, e, t, maxString)) formerEngineer.set(removed, e);
  }
  return { formerEngineer, retried };
}

/** Tickets per route that has any, over the whole plan. */
function averageRouteLength(state: SearchState): number {
  let tickets = 0;
  let routes = 0;
  for (const route of state.routes) {
    if (route.jobs === 0) continue;
    tickets += route.jobs;
    routes++;
  }
  return routes === 0 ? 1 : tickets / routes;
}

/** Removes a string through `t` from engineer `e`'s route; returns the tickets it took off. */
function cutString(state: SearchState, random: Random, e: number, t: number, maxString: number): number[] {
  const tickets = ticketsOf(state, e);
  const at = tickets.indexOf(t);
  const length = Math.floor(random.next() * Math.min(tickets.length, maxString)) + 1;
  let kept = 0;
  if (random.next() < SPLIT_SHARE && length < tickets.length) {
    kept = 1;
    while (length + kept < tickets.length && random.next() < KEEP_MORE) kept++;
  }
  const span = length + kept;
  const first =
    Math.max(0, at - span + 1) +
    random.int(Math.min(at, tickets.length - span) - Math.max(0, at - span + 1) + 1);
  const keptFrom = first + random.int(length + 1);
  const removed: number[] = [];
  for (let i = first; i < first + span; i++) {
    if (i >= keptFrom && i < keptFrom + kept) continue;
    const ticket = tickets[i]!;
    if (state.remove(ticket)) removed.push(ticket);
  }
  return removed;
}
