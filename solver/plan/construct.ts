import { insertByRegret } from './regret.ts';
import type { SearchState } from './state.ts';

/**
 * Tickets none of their nearest engineers can take try this many more, nearest first. Beyond
 * that an engineer would spend most of the day driving to one ticket; on a saturated day (more
 * tickets than hours) trying everyone is what makes construction slow, not what finds a slot.
 */
const FALLBACK_ENGINEERS = 100;

/**
 * The first plan: pinned tickets on their engineers, then level-1 tickets, then level 2, then
 * level 3, each level by regret insertion. Levels go in order because one level-1 miss outweighs
 * any number of lower-level ones, so a lower-level ticket must never take the slot a higher-level
 * one needs. Tickets none of their nearest engineers can take get a try with every qualified one.
 *
 * Construction always runs to the end, deadline or not: a plan cut off halfway leaves tickets
 * that were never tried (the benchmark once assigned 684 of 1,000 at 2 s where construction alone
 * assigns 895), and no later phase can make up for that in the time left. The deadline bounds the
 * search that follows.
 */
export function construct(state: SearchState): void {
  const { model, engineers } = state;
  const options = {
    candidatesOf: (t: number) => engineers.candidates(t),
    fallbackOf: (t: number) => engineers.nearestQualified(t, FALLBACK_ENGINEERS),
  };
  const pinned: number[] = [];
  const byLevel: number[][] = [[], [], []];
  for (let t = 0; t < model.ticketCount; t++) {
    if (model.tPin[t]! >= 0) pinned.push(t);
    else byLevel[model.tLevel[t]! - 1]!.push(t);
  }
  // A ticket pinned as first stop goes in before the others pinned to the same engineer.
  pinned.sort((a, b) => model.tPinFirst[b]! - model.tPinFirst[a]! || a - b);
  for (const t of pinned) insertByRegret(state, [t], options);
  for (const tickets of byLevel) insertByRegret(state, tickets, options);
}
