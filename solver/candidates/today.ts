import { isNegative } from '../plan/cost.ts';
import { bestInsertion } from '../plan/insertion.ts';
import { insertByRegret } from '../plan/regret.ts';
import type { SearchState } from '../plan/state.ts';

/**
 * Today's routes without the ticket being placed, as the dispatcher knows them: pinned tickets on
 * their engineers in the problem's order (a first-stop pin first), tickets with a previous
 * engineer back on that engineer at their best position, and the rest by a quick regret
 * construction over their nearest engineers, without local search.
 */
export function buildToday(state: SearchState, target: number): void {
  const { model, engineers } = state;
  const others: number[] = [];
  for (let t = 0; t < model.ticketCount; t++) if (t !== target) others.push(t);

  const pinned = others
    .filter((t) => model.tPin[t]! >= 0)
    .sort((a, b) => model.tPinFirst[b]! - model.tPinFirst[a]! || a - b);
  for (const t of pinned) {
    const e = model.tPin[t]!;
    if (!engineers.isQualified(t, e)) continue;
    const end = state.routes[e]!.locs.length;
    const insertion = bestInsertion(state, t, e, { from: end, to: end });
    if (insertion) state.insert(insertion);
  }

  for (const t of others) {
    const previous = model.tPrevious[t]!;
    if (model.tPin[t]! >= 0 || previous < 0 || !engineers.isQualified(t, previous)) continue;
    const insertion = bestInsertion(state, t, previous);
    if (insertion && isNegative(insertion.delta)) state.insert(insertion);
  }

  insertByRegret(
    state,
    others.filter((t) => model.tPin[t]! < 0 && state.engineerOf[t]! < 0),
    { candidatesOf: (t) => engineers.candidates(t) },
  );
}
