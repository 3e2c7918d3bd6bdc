import type { SearchState } from '../plan/state.ts';
import type { TicketSupply } from '../plan/types.ts';
import { clock, duration, engineerId, nearestOrdinal, skillPhrase } from './format.ts';
import { supplyPhrases } from './supply-phrase.ts';

/** Why ticket `t` went to its engineer in the plan (see `whyVisit`). */
export function whyAssigned(state: SearchState, t: number): string {
  const e = state.engineerOf[t]!;
  const route = state.routes[e]!;
  const stop = route.tickets.indexOf(t);
  return whyVisit(state, t, e, route.arrive[stop]!, route.start[stop]!, state.supplyOf(t));
}

/**
 * A visit in a dispatcher's words: who (and why them), when they arrive against the on-site due,
 * and where the parts and unit come from. For example "nearest qualified engineer (his-server
 * 2 ≥ 2), arrives 09:22, 38 min before the on-site due 10:00; unit U-HIS-R740 from O-YB by
 * courier, 25 min to spare".
 */
export function whyVisit(
  state: SearchState,
  t: number,
  e: number,
  arrive: number,
  start: number,
  supply: TicketSupply,
): string {
  const { model, engineers } = state;
  const skill = skillPhrase(model, t, e);
  let who: string;
  if (model.tPin[t]! >= 0) who = `pinned to ${engineerId(model, e)} (${skill})`;
  else if (model.tPrevious[t] === e)
    who = `kept with ${engineerId(model, e)} from the previous plan (${skill})`;
  else {
    const rank = engineers.candidates(t).indexOf(e) + 1;
    who =
      rank > 0
        ? `${nearestOrdinal(rank)} qualified engineer (${skill})`
        : `qualified engineer (${skill}) beyond the nearest, whose days are fuller`;
  }

  const due = model.tDueOnsite[t]!;
  let when = `arrives ${clock(model, arrive)}`;
  if (Number.isFinite(due)) {
    when +=
      arrive <= due
        ? `, ${duration(due - arrive)} before the on-site due ${clock(model, due)}`
        : `, ${duration(arrive - due)} late for the on-site due ${clock(model, due)}`;
  }
  if (start > arrive) when += `; starts ${clock(model, start)}`;
  return [`${who}, ${when}`, ...supplyPhrases(model, t, supply, arrive)].join('; ');
}
