import { compareCost, isNegative, subtractCost, addCost, ZERO_COST, type Cost } from './cost.ts';
import { Heap } from './heap.ts';
import { bestInsertion, type Insertion } from './insertion.ts';
import type { SearchState } from './state.ts';

/** Regret-k: a ticket's urgency is how much worse its 2nd..k-th best engineers are than its best. */
const REGRET_K = 3;

export interface RegretOptions {
  /** The engineers a ticket tries first (nearest qualified, or its pinned engineer). */
  readonly candidatesOf: (t: number) => readonly number[];
  /** Engineers tried, one ticket at a time, for tickets none of their candidates could take. */
  readonly fallbackOf?: (t: number) => readonly number[];
  /** Checked between insertions: true stops construction, the rest stay unassigned. */
  readonly stop?: () => boolean;
}

interface QueueItem {
  readonly ticket: number;
  readonly stamp: number;
  readonly regret: Cost;
  readonly best: Cost;
}

const queueOrder = (a: QueueItem, b: QueueItem): boolean =>
  (compareCost(b.regret, a.regret) || compareCost(a.best, b.best) || a.ticket - b.ticket) < 0;

/**
 * Inserts tickets by regret (Potvin & Rousseau; VROOM and jsprit build the same way). Each
 * ticket keeps its best insertion per candidate engineer; after an insertion only the entries on
 * the changed route are recomputed, so a step costs (tickets near that engineer) × (route length)
 * rather than everything × everything. An entry whose stock was taken meanwhile is found stale
 * when its ticket comes up and is recomputed then. Returns the tickets it could not place.
 */
export function insertByRegret(
  state: SearchState,
  tickets: readonly number[],
  options: RegretOptions,
): number[] {
  const pending = new Set<number>();
  const engineersOf = new Map<number, readonly number[]>();
  const entries = new Map<number, (Insertion | null)[]>();
  const watchers = new Map<number, number[]>();
  const stamps = new Map<number, number>();
  const queue = new Heap<QueueItem>(queueOrder);

  const enqueue = (t: number): void => {
    const stamp = (stamps.get(t) ?? 0) + 1;
    stamps.set(t, stamp);
    const { regret, best } = regretOf(entries.get(t)!);
    queue.push({ ticket: t, stamp, regret, best });
  };

  for (const t of tickets) {
    if (state.engineerOf[t]! >= 0 || pending.has(t)) continue;
    pending.add(t);
    const engineers = options.candidatesOf(t);
    engineersOf.set(t, engineers);
    entries.set(
      t,
      engineers.map((e) => bestInsertion(state, t, e)),
    );
    engineers.forEach((e, j) => {
      let list = watchers.get(e);
      if (!list) watchers.set(e, (list = []));
      list.push(t, j);
    });
    enqueue(t);
  }

  const leftOut: number[] = [];
  while (queue.size > 0) {
    if (options.stop?.()) break;
    const item = queue.pop()!;
    const t = item.ticket;
    if (!pending.has(t) || stamps.get(t) !== item.stamp) continue;
    const list = entries.get(t)!;
    const j = bestIndex(list);
    if (j < 0) {
      pending.delete(t);
      leftOut.push(t);
      continue;
    }
    const insertion = list[j]!;
    if (!state.insert(insertion)) {
      list[j] = state.isCurrent(insertion) ? null : bestInsertion(state, t, insertion.engineer);
      enqueue(t);
      continue;
    }
    pending.delete(t);
    const watching = watchers.get(insertion.engineer) ?? [];
    for (let w = 0; w < watching.length; w += 2) {
      const u = watching[w]!;
      if (!pending.has(u)) continue;
      entries.get(u)![watching[w + 1]!] = bestInsertion(state, u, insertion.engineer);
      enqueue(u);
    }
  }

  const unplaced: number[] = [...pending];
  for (const t of leftOut) {
    if (options.stop?.() || !options.fallbackOf || !insertAnywhere(state, t, options.fallbackOf(t)))
      unplaced.push(t);
  }
  return unplaced;
}

/** Inserts `t` at its best place among `engineers`, if that improves the objective. */
export function insertAnywhere(state: SearchState, t: number, engineers: readonly number[]): boolean {
  let best: Insertion | null = null;
  for (const e of engineers) {
    const insertion = bestInsertion(state, t, e);
    if (insertion && isNegative(insertion.delta) && (!best || compareCost(insertion.delta, best.delta) < 0))
      best = insertion;
  }
  return best !== null && state.insert(best);
}

function bestIndex(list: readonly (Insertion | null)[]): number {
  let best = -1;
  list.forEach((insertion, j) => {
    if (!insertion || !isNegative(insertion.delta)) return;
    if (best < 0 || compareCost(insertion.delta, list[best]!.delta) < 0) best = j;
  });
  return best;
}

function regretOf(list: readonly (Insertion | null)[]): { regret: Cost; best: Cost } {
  const deltas = list
    .filter((insertion): insertion is Insertion => insertion !== null && isNegative(insertion.delta))
    .map((insertion) => insertion.delta)
    .sort(compareCost);
  const best = deltas[0] ?? ZERO_COST;
  let regret: Cost = { ...ZERO_COST };
  for (let k = 1; k < REGRET_K; k++) regret = addCost(regret, subtractCost(deltas[k] ?? ZERO_COST, best));
  return { regret, best };
}
