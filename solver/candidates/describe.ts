import { clock, duration, engineerId } from '../explain/format.ts';
import { whyVisit } from '../explain/why.ts';
import type { Candidate, Objective } from '../plan.schema.ts';
import type { Cost } from '../plan/cost.ts';
import type { Insertion } from '../plan/insertion.ts';
import { commitmentsJson, iso, minutes, supplyJson } from '../plan/plan-parts.ts';
import type { SearchState } from '../plan/state.ts';
import { lateAt, missedAt } from '../plan/ticket-cost.ts';
import { roundMinutes } from '../units.ts';

/** The contract's four objective terms from the search's five (the fifth is a hidden tie-break). */
export function objectiveJson(cost: Cost): Objective {
  return [cost.missed, minutes(cost.late), minutes(cost.travel), cost.coverage];
}

/**
 * One ranked candidate. The insertion is applied inside a trial to read the whole plan's
 * objective and the other tickets' new arrivals on that route, then rolled back. `base` is the
 * objective of today's routes without the ticket (neither served nor counted as unassigned).
 */
export function describeCandidate(
  state: SearchState,
  insertion: Insertion,
  rank: number,
  base: Objective,
): Candidate | null {
  const { model } = state;
  const { ticket: t, engineer: e, route: before } = insertion;
  state.journal.begin();
  try {
    if (!state.insert(insertion)) return null;
    const objective = objectiveJson(state.objective());
    const after = state.routes[e]!;
    const consequences: Candidate['consequences'] = [];
    const effects: string[] = [];
    before.tickets.forEach((other, i) => {
      if (other < 0) return;
      const arriveBefore = before.arrive[i]!;
      const arriveAfter = after.arrive[after.tickets.indexOf(other)]!;
      if (arriveAfter <= arriveBefore) return;
      const supply = state.supplyOf(other);
      const becomesLate =
        missedAt(model, other, supply, arriveAfter) > missedAt(model, other, supply, arriveBefore) ||
        (lateAt(model, other, supply, arriveAfter) > 0 && lateAt(model, other, supply, arriveBefore) === 0);
      const id = model.problem.tickets[other]!.id;
      consequences.push({ ticket: id, slackLostMinutes: minutes(arriveAfter - arriveBefore), becomesLate });
      effects.push(
        `${becomesLate ? 'makes' : 'delays'} ${id} ${becomesLate ? 'late' : `by ${duration(arriveAfter - arriveBefore)}`}`,
      );
    });
    const why = [
      whyVisit(state, t, e, insertion.arrive, insertion.start, insertion.supply),
      ...(effects.length > 0
        ? [effects.join(', ')]
        : [`no other ticket of ${engineerId(model, e)} is delayed`]),
      ...(before.locs.length > 0 ? [] : [`free all day from ${clock(model, model.engReady[e]!)}`]),
    ].join('; ');
    return {
      rank,
      engineer: engineerId(model, e),
      position: insertion.position,
      arrive: iso(model, insertion.arrive),
      start: iso(model, insertion.start),
      ...supplyJson(model, t, insertion.supply, insertion.arrive),
      commitments: commitmentsJson(model, t, insertion.supply, insertion.arrive),
      objective,
      delta: [
        objective[0] - base[0],
        roundMinutes(objective[1] - base[1]),
        roundMinutes(objective[2] - base[2]),
        objective[3] - base[3],
      ],
      consequences,
      why,
    };
  } finally {
    state.journal.rollback();
  }
}
