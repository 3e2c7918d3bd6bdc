import type { Random } from '../../random.ts';
import { bestInsertion, type Insertion } from '../insertion.ts';
import { compareCost, isNegative } from '../cost.ts';
import type { SearchState } from '../state.ts';

/** Orders a recreate may use, as often as SISR uses them (random 4, demand 4, far 2, close 1). */
const ORDERS = [
  'random',
  'random',
  'random',
  'random',
  'load',
  'load',
  'load',
  'load',
  'far',
  'far',
  'close',
] as const;

/**
 * Greedy insertion as SISR does it (Christiaens & Vanden Berghe 2020): the removed tickets go
 * back one at a time, each at its best place among its candidate engineers (and the engineer it
 * came from), in an order drawn at random: shuffled, by load, farthest first or nearest first
 * (the last three after the tickets whose omission weighs more). Cheaper than regret insertion,
 * so a search can afford many more ruins, and the varying order is what diversifies.
 */
export function recreateGreedy(
  state: SearchState,
  random: Random,
  tickets: readonly number[],
  formerEngineer: ReadonlyMap<number, number>,
): void {
  const { model } = state;
  const order = random.pick(ORDERS);
  const key = new Float64Array(tickets.length);
  tickets.forEach((t, i) => {
    const from = formerEngineer.get(t) ?? state.engineers.candidates(t)[0];
    const distance = from === undefined ? 0 : model.approx(model.engStart[from]!, model.tSite[t]!);
    key[i] =
      order === 'random'
        ? random.next()
        : order === 'load'
          ? -model.tLoad[t]!
          : order === 'far'
            ? -distance
            : distance;
  });
  // A shuffled order is shuffled through and through (a first-stop pin going in late may find its
  // place taken, which is how a plan learns to leave it out); the others put a first-stop pin
  // first, as it has one place to go, then the tickets whose omission weighs more.
  const shuffled = order === 'random';
  const pinFirst = (t: number): number => (shuffled ? 0 : model.tPinFirst[t]!);
  const weight = (t: number): number => (shuffled ? 0 : model.tPenalty[t]!);
  const indices = tickets.map((_, i) => i);
  indices.sort((a, b) => {
    const [ta, tb] = [tickets[a]!, tickets[b]!];
    return pinFirst(tb) - pinFirst(ta) || weight(tb) - weight(ta) || key[a]! - key[b]! || a - b;
  });
  for (const i of indices) {
    const t = tickets[i]!;
    const former = formerEngineer.get(t);
    let best: Insertion | null = null;
    const consider = (e: number): void => {
      const insertion = bestInsertion(state, t, e, best ? { beat: best.delta } : undefined);
      if (insertion && isNegative(insertion.delta) && (!best || compareCost(insertion.delta, best.delta) < 0))
        best = insertion;
    };
    const candidates = state.engineers.candidates(t);
    for (const e of candidates) consider(e);
    if (former !== undefined && !candidates.includes(former)) consider(former);
    if (best) state.insert(best);
  }
}
