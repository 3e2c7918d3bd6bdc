import { insertAnywhere } from '../regret.ts';
import { recreateGreedy } from './greedy-recreate.ts';
import type { Move } from './move.ts';
import { ruinStrings } from './string-removal.move.ts';

/**
 * Room for a left-out ticket, at the expense of lighter ones: a string ruin around an unassigned
 * ticket (SISR's, seeded at it), then that ticket goes in first, at its best place, and the
 * removed tickets follow by greedy insertion. A plan that leaves out a heavy ticket to serve two
 * lighter ones is often a chain of displacements away from the one that serves the heavy ticket:
 * it takes one engineer's slot, that engineer's ticket moves to a second engineer, whose ticket
 * moves to a third; a recreate that puts the left-out ticket last finds its slot taken again.
 */
export const claimMove: Move = {
  name: 'claim',
  kind: 'perturbation',
  weight: 10,
  apply(state, random) {
    const waiting: number[] = [];
    for (let t = 0; t < state.model.ticketCount; t++)
      if (state.engineerOf[t]! < 0 && state.engineers.candidates(t).length > 0) waiting.push(t);
    if (waiting.length === 0) return false;
    const ticket = random.pick(waiting);
    const { formerEngineer, retried } = ruinStrings(state, random, ticket);
    if (formerEngineer.size === 0) return false;
    insertAnywhere(state, ticket, state.engineers.candidates(ticket));
    recreateGreedy(state, random, [...formerEngineer.keys(), ...retried], formerEngineer);
    return true;
  },
};
