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
  /** `qualified(ticket).slice(0, count)`, without sorting (or keeping) the whole list. */
  nearestQualified(ticket: number, count: number): readonly number[];
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
  const isQualified = createQualification(model);

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

  const nearestQualified = (t: number, count: number): readonly number[] => {
    const cached = sortedCache.get(t);
    if (cached) return cached.slice(0, count);
    if (model.tPin[t]! >= 0) return qualified(t).slice(0, count);
    const ticket = problem.tickets[t]!;
    const site = model.tSite[t]!;
    const pool = qualifiedFor(ticket.skill, ticket.minSkillLevel);
    const keys = Float64Array.from(pool, (e) => estimate(e, site));
    const order = (a: number, b: number): number => keys[a]! - keys[b]! || pool[a]! - pool[b]!;
    if (pool.length <= count)
      return pool
        .map((_, i) => i)
        .sort(order)
        .map((i) => pool[i]!);
    // The count-th smallest key by a native numeric sort, then only the items up to it sorted
    // (ties at the threshold by engineer index, as the full sort orders them).
    const threshold = keys.slice().sort()[count - 1]!;
    const picked: number[] = [];
    for (let i = 0; i < pool.length; i++) if (keys[i]! < threshold) picked.push(i);
    for (let i = 0; i < pool.length && picked.length < count; i++) if (keys[i] === threshold) picked.push(i);
    return picked.sort(order).map((i) => pool[i]!);
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
    nearestQualified,
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

/**
 * Ready time plus the estimated drive from the start. Engineers mostly share a few start
 * locations (offices) and are asked about one location at a time (a scan for a ticket's
 * nearest), so the drive is remembered per start location for the location last asked about:
 * the same values, one estimate per office instead of per engineer.
 */
function createArrivalEstimate(model: Model): (engineer: number, location: number) => number {
  const slotOf = new Map<number, number>();
  const startSlot = Int32Array.from(model.engStart, (loc) => {
    let slot = slotOf.get(loc);
    if (slot === undefined) slotOf.set(loc, (slot = slotOf.size));
    return slot;
  });
  const drive = new Float64Array(slotOf.size);
  const askedFor = new Int32Array(slotOf.size).fill(-1);
  return (e, location) => {
    const slot = startSlot[e]!;
    if (askedFor[slot] !== location) {
      drive[slot] = model.approx(model.engStart[e]!, location);
      askedFor[slot] = location;
    }
    return model.engReady[e]! + drive[slot]!;
  };
}

/**
 * Whether an engineer has a ticket's skill at its level, from numeric tables: it is asked for
 * every insertion tried, and reading the skill records by string key was a tenth of construction.
 */
function createQualification(model: Model): (t: number, e: number) => boolean {
  const { problem } = model;
  const skillIndex = new Map<string, number>();
  for (const ticket of problem.tickets)
    if (!skillIndex.has(ticket.skill)) skillIndex.set(ticket.skill, skillIndex.size);
  const engineers = model.engineerCount;
  // levels[skill × engineers + e]: the engineer's level in that skill, 0 without it.
  const levels = new Float64Array(skillIndex.size * engineers);
  problem.engineers.forEach((engineer, e) => {
    for (const [skill, s] of skillIndex) levels[s * engineers + e] = engineer.skills[skill] ?? 0;
  });
  const ticketSkill = Int32Array.from(problem.tickets, (ticket) => skillIndex.get(ticket.skill)!);
  const ticketLevel = Float64Array.from(problem.tickets, (ticket) => ticket.minSkillLevel);
  return (t, e) => levels[ticketSkill[t]! * engineers + e]! >= ticketLevel[t]!;
}
