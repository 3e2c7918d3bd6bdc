import type { Assignment } from '../plan.schema.ts';
import { compareCost } from '../plan/cost.ts';
import { bestInsertion, type Insertion } from '../plan/insertion.ts';
import type { SearchState } from '../plan/state.ts';
import { blockingReason } from './blocking.ts';
import { clock, duration, engineerId } from './format.ts';

type AlternativeOut = Assignment['alternatives'][number];

/** How many other engineers an assignment names. */
export const MAX_ALTERNATIVES = 3;

/**
 * Up to three other engineers near the ticket and the binding reason each was not chosen. The
 * ticket is taken off its route inside a trial that is rolled back, so the chosen engineer and
 * the others are compared on the same footing: the best insertion of each, same objective.
 */
export function alternativesFor(state: SearchState, t: number): AlternativeOut[] {
  const { model, engineers } = state;
  const chosen = state.engineerOf[t]!;
  const others = [
    ...engineers
      .candidates(t)
      .filter((e) => e !== chosen)
      .slice(0, MAX_ALTERNATIVES),
    ...engineers.nearest(t, MAX_ALTERNATIVES + 1).filter((e) => e !== chosen),
  ];
  const picked = [...new Set(others)]
    .sort(
      (a, b) =>
        engineers.estimatedArrival(a, model.tSite[t]!) - engineers.estimatedArrival(b, model.tSite[t]!) ||
        a - b,
    )
    .slice(0, MAX_ALTERNATIVES);
  if (picked.length === 0) return [];

  state.journal.begin();
  try {
    if (!state.remove(t)) return [];
    const mine = bestInsertion(state, t, chosen);
    return picked.map((e) => ({
      engineer: engineerId(model, e),
      rejected: engineers.isQualified(t, e)
        ? rejection(state, t, e, chosen, mine)
        : blockingReason(state, t, e),
    }));
  } finally {
    state.journal.rollback();
  }
}

function rejection(state: SearchState, t: number, e: number, chosen: number, mine: Insertion | null): string {
  const { model } = state;
  const theirs = bestInsertion(state, t, e);
  if (!theirs) return blockingReason(state, t, e);
  if (!mine || compareCost(theirs.delta, mine.delta) <= 0)
    return `also possible: arrives ${clock(model, theirs.arrive)}`;
  const later = theirs.arrive - mine.arrive;
  const arrives = `arrives ${clock(model, theirs.arrive)}${
    later > 0 ? `, ${duration(later)} after ${engineerId(model, chosen)}` : ''
  }`;
  const due = model.tDueOnsite[t]!;
  if (theirs.delta.missed > mine.delta.missed) {
    return theirs.arrive > due
      ? `arrives ${clock(model, theirs.arrive)}, after the on-site due ${clock(model, due)}`
      : 'would make other tickets miss their commitments';
  }
  if (theirs.delta.late > mine.delta.late) return later > 0 ? arrives : 'would make other tickets later';
  if (theirs.delta.travel > mine.delta.travel) {
    const more = `${duration(theirs.delta.travel - mine.delta.travel)} more driving`;
    return later > 0 ? `${arrives}; ${more}` : more;
  }
  if (theirs.delta.coverage > mine.delta.coverage)
    return 'would take the last nearby unit of a part other sites rely on';
  return `not the previous engineer (${arrives})`;
}
