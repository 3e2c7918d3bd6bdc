import { insertAnywhere } from '../regret.ts';
import type { Move } from './move.ts';
import { randomAssignedTicket } from './pick.ts';

/** Takes one ticket off its route and puts it at its best place on any nearby route. */
export const relocateMove: Move = {
  name: 'relocate',
  kind: 'descent',
  weight: 30,
  apply(state, random) {
    const t = randomAssignedTicket(state, random);
    if (t < 0 || !state.remove(t)) return false;
    insertAnywhere(state, t, state.engineers.candidates(t));
    return true;
  },
};
