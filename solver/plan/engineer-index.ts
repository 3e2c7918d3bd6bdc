import type { Model } from './model.ts';

/** How many nearest qualified engineers a ticket considers before falling back to all of them. */
export const CANDIDATE_ENGINEERS = 24;

/**
 * Which engineers a ticket may go to, nearest first. Qualification is a skill level; "nearest" is
 * the earliest possible arrival on an empty route (ready time + drive from the start), estimated
 * with a flat-earth distance in greatCircle mode: it only orders engineers, exact legs come later.
 * Lists are built on first use, so candidates mode on a large network pays only for its ticket.
 */
export interface EngineerIndex {
  /** Every qualified engineer, nearest first (the pinned engineer alone for a pinned ticket). */
  qualified(ticket: number): readonly number[];
  /** Every engineer with the ticket's skill level, in no particular order (no sort, no pin). */
  skilled(ticket: number): readonly number[];
  /** The few nearest qualified engineers, plus the previous engineer where set. */
  candidates(ticket: number): readonly number[];
  /** Every engineer, qualified or not, nearest first (for explanations). */
  nearest(ticket: number, count: number): readonly number[];
  isQualified(ticket: number, engineer: number): boolean;
  /** Estimated earliest arrival of an engineer at a location on an empty route (units). */
  estimatedArrival(engineer: number, location: number): number;
}

export function createEngineerIndex(model: Model): EngineerIndex {
  const { problem } = model;
  const estimate = createArrivalEstimate(model);
  const bySkillLevel = new Map<string, number[]>();
  const qualifiedFor = (skill: string, level: number): number[] => {
    const key = `${skill}\u0000${level}`;
    let list = bySkillLevel.get(key);
    if (!list) {
      list = [];
      problem.engineers.forEach((engineer, e) => {
        if ((engineer.skills[skill] ?? 0) >= level) list!.push(e);
      });
      bySkillLevel.set(key, list);
    }
    return list;
  };
  const isQualified = (t: number, e: number): boolean => {
    const ticket = problem.tickets[t]!;
    return (problem.engineers[e]!.skills[ticket.skill] ?? 0) >= ticket.minSkillLevel;
  };

  const sortedCache = new Map<number, readonly number[]>();
  const candidateCache = new Map<number, readonly number[]>();
  const qualified = (t: number): readonly number[] => {
    let list = sortedCache.get(t);
    if (!list) {
      const pin = model.tPin[t]!;
      if (pin >= 0) list = isQualified(t, pin) ? [pin] : [];
      else {
        const ticket = problem.tickets[t]!;
        const site = model.tSite[t]!;
        const pool = qualifiedFor(ticket.skill, ticket.minSkillLevel);
        const keys = new Float64Array(model.engineerCount);
        for (const e of pool) keys[e] = estimate(e, site);
        list = [...pool].sort((a, b) => keys[a]! - keys[b]! || a - b);
      }
      sortedCache.set(t, list);
    }
    return list;
  };

  const candidates = (t: number): readonly number[] => {
    let list = candidateCache.get(t);
    if (!list) {
      if (model.tPin[t]! >= 0) list = qualified(t);
      else {
        const ticket = problem.tickets[t]!;
        const pool = qualifiedFor(ticket.skill, ticket.minSkillLevel);
        const picked = nearestOf(pool, CANDIDATE_ENGINEERS, (e) => estimate(e, model.tSite[t]!));
        const previous = model.tPrevious[t]!;
        if (previous >= 0 && !picked.includes(previous) && isQualified(t, previous)) picked.push(previous);
        list = picked;
      }
      candidateCache.set(t, list);
    }
    return list;
  };

  return {
    qualified,
    skilled: (t) => {
      const ticket = problem.tickets[t]!;
      return qualifiedFor(ticket.skill, ticket.minSkillLevel);
    },
    candidates,
    nearest: (t, count) =>
      nearestOf(
        problem.engineers.map((_, e) => e),
        count,
        (e) => estimate(e, model.tSite[t]!),
      ),
    isQualified,
    estimatedArrival: estimate,
  };
}

/** The `count` items with the smallest keys, smallest first (ties by index), without a full sort. */
function nearestOf(pool: readonly number[], count: number, key: (item: number) => number): number[] {
  const items: number[] = [];
  const keys: number[] = [];
  for (const item of pool) {
    const k = key(item);
    if (
      items.length === count &&
      (k > keys[count - 1]! || (k === keys[count - 1]! && item > items[count - 1]!))
    )
      continue;
    let at = items.length;
    while (at > 0 && (keys[at - 1]! > k || (keys[at - 1] === k && items[at - 1]! > item))) at--;
    items.splice(at, 0, item);
    keys.splice(at, 0, k);
    if (items.length > count) {
      items.pop();
      keys.pop();
    }
  }
  return items;
}

function createArrivalEstimate(model: Model): (engineer: number, location: number) => number {
  return (e, location) => model.engReady[e]! + model.approx(model.engStart[e]!, location);
}
