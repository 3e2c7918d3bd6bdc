import type { Random } from '../../random.ts';
import type { SearchState } from '../state.ts';
import { insertGroup } from './group-insertion.ts';
import type { Move } from './move.ts';
import { mayServe } from './pick.ts';
import { ticketWithNeeds } from './resupply.move.ts';

/** Most tickets of one route that re-choose their supplies together. */
const MAX_RUN = 4;
/** Share of tries that also bring in a ticket from nearby (another route's, or a left-out one). */
const NEWCOMER_SHARE = 0.5;
/** Nearest tickets a newcomer is drawn from. */
const NEWCOMER_NEIGHBOURS = 8;

/**
 * A run of consecutive tickets with parts or a unit to supply on one route (two to four, around a
 * random one) comes off and goes back with their supplies chosen together (insertGroup); half the
 * time a ticket near it joins from another route (or from the left-out ones). Resupply and
 * supply-swap change one or two tickets' supplies at a time; but a pickup stop may pay only when
 * it serves three tickets that each get their parts by courier today, and a newcomer may fit only
 * once the tickets around it swap a pickup stop for a courier.
 */
export const regroupMove: Move = {
  name: 'regroup',
  kind: 'descent',
  weight: 6,
  apply(state, random) {
    const { model } = state;
    const t = ticketWithNeeds(state, random);
    if (t < 0) return false;
    const engineer = state.engineerOf[t]!;
    const supplied = state.routes[engineer]!.tickets.filter(
      (u) => u >= 0 && (model.tNeeds[u]!.length > 0 || model.tHasUnit[u]),
    );
    const size = Math.min(supplied.length, 2 + random.int(MAX_RUN - 1));
    const start = Math.min(supplied.indexOf(t), supplied.length - size);
    const group = supplied.slice(start, start + size);
    if (random.next() < NEWCOMER_SHARE) {
      const newcomer = newcomerFor(state, random, t, engineer);
      if (newcomer >= 0) group.push(newcomer);
    }
    if (group.length < 2) return false;
    for (const u of group) if (state.engineerOf[u]! >= 0 && !state.remove(u)) return true;
    insertGroup(state, group, [engineer]);
    return true;
  },
};

/** One of the tickets nearest `t` that is not on the engineer's route and may join it, or -1. */
function newcomerFor(state: SearchState, random: Random, t: number, engineer: number): number {
  const near = state.neighbours
    .of(t)
    .slice(0, NEWCOMER_NEIGHBOURS)
    .filter(
      (u) => state.engineerOf[u] !== engineer && !state.model.tPinFirst[u] && mayServe(state, u, engineer),
    );
  return near.length === 0 ? -1 : random.pick(near);
}
