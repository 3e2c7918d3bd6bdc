import { bestInsertion } from '../insertion.ts';
import { insertAnywhere } from '../regret.ts';
import type { Move } from './move.ts';
import { mayServe, ticketsOf } from './pick.ts';

/**
 * Makes room for an unassigned ticket: on one of its nearby engineers' routes, one ticket steps
 * aside (to its best place elsewhere, or out) and the unassigned one takes the room. A short
 * ejection chain: it finds what no single insertion can, such as the only engineer with a skill
 * being busy with a ticket someone else could do.
 */
export const ejectMove: Move = {
  name: 'eject',
  kind: 'descent',
  weight: 15,
  apply(state, random) {
    const waiting: number[] = [];
    for (let t = 0; t < state.model.ticketCount; t++) if (state.engineerOf[t]! < 0) waiting.push(t);
    if (waiting.length === 0) return false;
    const ticket = random.pick(waiting);
    const engineers = state.engineers.candidates(ticket);
    if (engineers.length === 0) return false;
    const engineer = random.pick(engineers);
    const onRoute = ticketsOf(state, engineer);
    if (onRoute.length === 0) return false;
    const ejected = random.pick(onRoute);
    if (!state.remove(ejected)) return false;
    const insertion = bestInsertion(state, ticket, engineer);
    if (insertion) state.insert(insertion);
    insertAnywhere(
      state,
      ejected,
      state.engineers.candidates(ejected).filter((e) => mayServe(state, ejected, e)),
    );
    return true;
  },
};
