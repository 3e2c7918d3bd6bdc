import { compareCost, isNegative, ZERO_COST, type Cost } from './cost.ts';
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
  /**
   * The deadline: once true, tickets not yet placed stop being tried and go to `untried`
   * (construction finishes them by a cheaper pass) instead of the result. Checked every few
   * tickets, so a run that never reaches it is the same as one without it.
   */
  readonly stop?: () => boolean;
  readonly untried?: number[];
}

/** How many tickets (entries computed, or insertions) pass between two looks at the deadline. */
const STOP_CHECK_EVERY = 16;

/** A ticket waiting to be inserted: its best insertion per candidate engineer. */
interface Waiting {
  readonly ticket: number;
  readonly engineers: readonly number[];
  readonly entries: (Insertion | null)[];
  /** An entry computed on a route that has grown since: its cost is a bound, not a value. */
  readonly dirty: Uint8Array;
  /** Indices of the entries the regret was computed from, best first. */
  top: number[];
  stamp: number;
}

interface QueueItem {
  readonly waiting: Waiting;
  readonly stamp: number;
  readonly regret: Cost;
  readonly best: Cost;
}

const queueOrder = (a: QueueItem, b: QueueItem): boolean =>
  (compareCost(b.regret, a.regret) || compareCost(a.best, b.best) || a.waiting.ticket - b.waiting.ticket) < 0;

/**
 * Inserts tickets by regret (Potvin & Rousseau; VROOM and jsprit build the same way). Each
 * ticket keeps its best insertion per candidate engineer. A route only grows during construction
 * and stock only shrinks, so an insertion can only get worse when another ticket goes in: an old
 * entry is a lower bound. After an insertion, only the waiting tickets that counted that engineer
 * among their k best recompute it; the others mark it dirty, and a dirty entry is recomputed only
 * if it would enter a ticket's k best. Returns the tickets it could not place.
 */
export function insertByRegret(
  state: SearchState,
  tickets: readonly number[],
  options: RegretOptions,
): number[] {
  const waiting = new Map<number, Waiting>();
  const watchers = new Map<number, number[]>();
  const queue = new Heap<QueueItem>(queueOrder);

  const enqueue = (w: Waiting): void => {
    refreshTop(state, w);
    w.stamp++;
    queue.push({ waiting: w, stamp: w.stamp, ...regretOf(w) });
  };

  const untried: number[] = [];
  let stopped = false;
  let sinceCheck = 0;
  const outOfTime = (): boolean => {
    if (!stopped && options.stop && ++sinceCheck >= STOP_CHECK_EVERY) {
      sinceCheck = 0;
      stopped = options.stop();
    }
    return stopped;
  };

  for (const t of tickets) {
    if (state.engineerOf[t]! >= 0 || waiting.has(t)) continue;
    if (outOfTime()) {
      untried.push(t);
      continue;
    }
    const engineers = options.candidatesOf(t);
    const w: Waiting = {
      ticket: t,
      engineers,
      entries: engineers.map((e) => bestInsertion(state, t, e)),
      dirty: new Uint8Array(engineers.length),
      top: [],
      stamp: 0,
    };
    waiting.set(t, w);
    engineers.forEach((e, j) => {
      let list = watchers.get(e);
      if (!list) watchers.set(e, (list = []));
      list.push(t, j);
    });
    enqueue(w);
  }

  const leftOut: number[] = [];
  while (queue.size > 0 && !outOfTime()) {
    const item = queue.pop()!;
    const w = item.waiting;
    if (!waiting.has(w.ticket) || w.stamp !== item.stamp) continue;
    const j = w.top[0];
    if (j === undefined) {
      waiting.delete(w.ticket);
      leftOut.push(w.ticket);
      continue;
    }
    const insertion = w.entries[j]!;
    if (!state.insert(insertion)) {
      w.entries[j] = state.isCurrent(insertion) ? null : bestInsertion(state, w.ticket, insertion.engineer);
      enqueue(w);
      continue;
    }
    waiting.delete(w.ticket);
    const watching = watchers.get(insertion.engineer) ?? [];
    for (let i = 0; i < watching.length; i += 2) {
      const other = waiting.get(watching[i]!);
      if (!other) continue;
      const slot = watching[i + 1]!;
      if (other.top.includes(slot)) {
        other.entries[slot] = bestInsertion(state, other.ticket, insertion.engineer);
        other.dirty[slot] = 0;
        enqueue(other);
      } else if (other.entries[slot]) {
        other.dirty[slot] = 1;
      }
    }
  }

  untried.push(...waiting.keys());
  const unplaced: number[] = options.untried ? [] : untried;
  options.untried?.push(...untried);
  for (const t of leftOut) {
    if (!options.fallbackOf || outOfTime() || !insertAnywhere(state, t, options.fallbackOf(t)))
      unplaced.push(t);
  }
  return unplaced;
}

/** Inserts `t` at its best place among `engineers`, if that improves the objective. */
export function insertAnywhere(state: SearchState, t: number, engineers: readonly number[]): boolean {
  let best: Insertion | null = null;
  for (const e of engineers) {
    const insertion = bestInsertion(state, t, e, best ? { beat: best.delta } : undefined);
    if (insertion && isNegative(insertion.delta) && (!best || compareCost(insertion.delta, best.delta) < 0))
      best = insertion;
  }
  return best !== null && state.insert(best);
}

/**
 * Finds the k best worthwhile entries, recomputing dirty ones until the k best are all exact:
 * a dirty entry's old cost bounds its new one from below, so a clean entry that beats it is
 * truly better.
 */
function refreshTop(state: SearchState, w: Waiting): void {
  for (;;) {
    const top = bestIndices(w.entries, REGRET_K);
    const stale = top.find((j) => w.dirty[j] === 1);
    if (stale === undefined) {
      w.top = top;
      return;
    }
    w.entries[stale] = bestInsertion(state, w.ticket, w.engineers[stale]!);
    w.dirty[stale] = 0;
  }
}

/** Indices of the `k` best entries that are worth inserting (negative delta), best first. */
function bestIndices(entries: readonly (Insertion | null)[], k: number): number[] {
  const top: number[] = [];
  for (let j = 0; j < entries.length; j++) {
    const entry = entries[j];
    if (!entry || !isNegative(entry.delta)) continue;
    let at = top.length;
    while (at > 0 && compareCost(entry.delta, entries[top[at - 1]!]!.delta) < 0) at--;
    if (at >= k) continue;
    top.splice(at, 0, j);
    if (top.length > k) top.pop();
  }
  return top;
}

/** Regret: Σ over the 2nd..k-th best of (their cost − the best), a missing one costing nothing. */
function regretOf(w: Waiting): { regret: Cost; best: Cost } {
  const best = w.top[0] === undefined ? ZERO_COST : w.entries[w.top[0]]!.delta;
  const regret: Cost = { missed: 0, late: 0, travel: 0, coverage: 0, moved: 0 };
  for (let k = 1; k < REGRET_K; k++) {
    const j = w.top[k];
    const other = j === undefined ? ZERO_COST : w.entries[j]!.delta;
    regret.missed += other.missed - best.missed;
    regret.late += other.late - best.late;
    regret.travel += other.travel - best.travel;
    regret.coverage += other.coverage - best.coverage;
    regret.moved += other.moved - best.moved;
  }
  return { regret, best };
}
