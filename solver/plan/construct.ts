import { compareCost, isNegative } from './cost.ts';
import { bestInsertion, type Insertion } from './insertion.ts';
import { insertByRegret } from './regret.ts';
import type { SearchState } from './state.ts';

/**
 * Tickets none of their nearest engineers can take try this many more, nearest first. Beyond
 * that an engineer would spend most of the day driving to one ticket; on a saturated day (more
 * tickets than hours) trying everyone is what makes construction slow, not what finds a slot.
 */
const FALLBACK_ENGINEERS = 100;

/** Engineers a ticket tries in the greedy pass that finishes a construction out of time. */
const GREEDY_ENGINEERS = 8;

/** Tickets the greedy pass places between two looks at the clock. */
const GREEDY_CHECK_EVERY = 8;

/** When construction must hurry: both are asked every few tickets, never between two. */
export interface ConstructionClock {
  /** Regret insertion stops; the tickets it has not placed yet go through the greedy pass. */
  readonly hurry: () => boolean;
  /** The greedy pass stops too; the tickets it has not tried stay out (reported by `construct`). */
  readonly stop: () => boolean;
}

/**
 * The first plan: pinned tickets on their engineers, then level-1 tickets, then level 2, then
 * level 3, each level by regret insertion. Levels go in order because one level-1 miss outweighs
 * any number of lower-level ones, so a lower-level ticket must never take the slot a higher-level
 * one needs. Tickets none of their nearest engineers can take get a try with every qualified one.
 *
 * With a clock, construction is anytime: once `hurry` says so, regret insertion (whose first
 * step prices every ticket on all its candidates before placing any) stops, and the tickets it
 * has not placed go, highest level first, through a greedy pass that puts each where it is best
 * among its few nearest engineers. Cutting construction off instead once left most of a large
 * day unassigned (684 of 1,000 assigned at 2 s where construction assigns 895; none of 20,000).
 * Only past `stop` are tickets left untried; they are returned, for their reason.
 */
export function construct(state: SearchState, clock?: ConstructionClock): number[] {
  const { model, engineers } = state;
  const untried: number[] = [];
  const options = {
    candidatesOf: (t: number) => engineers.candidates(t),
    fallbackOf: (t: number) => engineers.nearestQualified(t, FALLBACK_ENGINEERS),
    ...(clock ? { stop: clock.hurry, untried } : {}),
  };
  const pinned: number[] = [];
  const byLevel: number[][] = [[], [], []];
  for (let t = 0; t < model.ticketCount; t++) {
    if (model.tPin[t]! >= 0) pinned.push(t);
    else byLevel[model.tLevel[t]! - 1]!.push(t);
  }
  // A ticket pinned as first stop goes in before the others pinned to the same engineer.
  pinned.sort((a, b) => model.tPinFirst[b]! - model.tPinFirst[a]! || a - b);
  if (clock?.hurry()) {
    // No time for regret at all: everything goes through the greedy pass, pins first.
    return finishGreedily(state, [...pinned, ...byLevel.flat()], clock);
  }
  for (const t of pinned) insertByRegret(state, [t], options);
  for (const tickets of byLevel) insertByRegret(state, tickets, options);
  return clock ? finishGreedily(state, untried, clock) : [];
}

/**
 * Places each ticket, pins first, then by level, with the nearest of its few nearest engineers
 * whose route takes it keeping every commitment (the best among them when none does); returns
 * the tickets `stop` kept it from trying. Taking the first that keeps every commitment makes it
 * about one insertion per ticket while routes have room.
 */
function finishGreedily(state: SearchState, tickets: readonly number[], clock: ConstructionClock): number[] {
  const { model, engineers } = state;
  const order = [...tickets].sort(
    (a, b) =>
      (model.tPin[b]! >= 0 ? 1 : 0) - (model.tPin[a]! >= 0 ? 1 : 0) || model.tLevel[a]! - model.tLevel[b]!,
  );
  for (let i = 0; i < order.length; i++) {
    if (i % GREEDY_CHECK_EVERY === 0 && clock.stop()) return order.slice(i);
    const t = order[i]!;
    let best: Insertion | null = null;
    for (const e of engineers.candidates(t).slice(0, GREEDY_ENGINEERS)) {
      const insertion = bestInsertion(state, t, e, best ? { beat: best.delta } : undefined);
      if (!insertion || !isNegative(insertion.delta)) continue;
      if (!best || compareCost(insertion.delta, best.delta) < 0) best = insertion;
      if (best.delta.missed === -model.tPenalty[t]! && best.delta.late === 0) break;
    }
    if (best) state.insert(best);
  }
  return [];
}
