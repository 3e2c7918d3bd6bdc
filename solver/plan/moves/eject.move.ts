import type { Random } from '../../random.ts';
import { bestInsertion } from '../insertion.ts';
import { insertAnywhere } from '../regret.ts';
import type { SearchState } from '../state.ts';
import type { Move } from './move.ts';
import { insertGroup } from './group-insertion.ts';
import { mayServe, ticketsOf } from './pick.ts';

/**
 * Makes room for an unassigned ticket: on one of its nearby engineers' routes, one ticket steps
 * aside and the unassigned one takes the room. A short ejection chain: it finds what no single
 * insertion can, such as the only engineer with a skill being busy with a ticket someone else
 * could do. The ticket that stepped aside goes to its best place elsewhere; where no route has
 * room for it as it stands, the chain goes one link further: on one of its nearby routes, a
 * ticket with parts or a unit to supply comes off too and the two go back with their supplies
 * chosen together (a courier instead of a pickup stop may free the time the newcomer needs).
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
    const elsewhere = state.engineers.candidates(ejected).filter((e) => mayServe(state, ejected, e));
    if (!insertAnywhere(state, ejected, elsewhere)) insertBesideResupplied(state, random, ejected, elsewhere);
    return true;
  },
};

/**
 * Puts `t` on one of the engineers' routes together with a ticket of that route whose supply is
 * re-chosen for the pair; nothing changes when the route has no such ticket.
 */
function insertBesideResupplied(
  state: SearchState,
  random: Random,
  t: number,
  engineers: readonly number[],
): void {
  if (engineers.length === 0) return;
  const engineer = random.pick(engineers);
  const { model } = state;
  const supplied = ticketsOf(state, engineer).filter(
    (u) => u !== t && (model.tNeeds[u]!.length > 0 || model.tHasUnit[u]),
  );
  if (supplied.length === 0) return;
  const resident = random.pick(supplied);
  if (!state.remove(resident)) return;
  insertGroup(state, [resident, t], [engineer]);
}
