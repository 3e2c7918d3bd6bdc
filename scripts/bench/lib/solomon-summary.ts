import { mean } from './stats.ts';
import { familyOf, SOLOMON_FAMILIES } from './solomon-instance.ts';
import { gapPercent, type BestKnown } from './solomon-bks.ts';

/** One solve of one instance under one time limit, as the report needs it. */
export interface SolomonResult {
  instance: string;
  timeLimitMs: number;
  solveMs: number;
  distance: number;
  routesUsed: number;
  feasible: boolean;
  reason: string;
}

export interface FamilySummary {
  /** C1 … RC2, or "overall". */
  family: string;
  timeLimitMs: number;
  count: number;
  feasible: number;
  /** Mean gap (percent) to the distance-only best known value over feasible plans; null if none. */
  meanGap: number | null;
}

/**
 * Mean gap per family and time limit, then overall per time limit. Infeasible plans are left out
 * of the means (a plan that drops customers is shorter, not better) and counted apart.
 */
export function summariseFamilies(
  results: readonly SolomonResult[],
  minDistance: ReadonlyMap<string, BestKnown>,
): FamilySummary[] {
  const limits = [...new Set(results.map((result) => result.timeLimitMs))];
  const summaries: FamilySummary[] = [];
  for (const timeLimitMs of limits) {
    const atLimit = results.filter((result) => result.timeLimitMs === timeLimitMs);
    for (const family of SOLOMON_FAMILIES) {
      const inFamily = atLimit.filter((result) => familyOf(result.instance) === family);
      if (inFamily.length > 0) summaries.push(summarise(family, timeLimitMs, inFamily, minDistance));
    }
    summaries.push(summarise('overall', timeLimitMs, atLimit, minDistance));
  }
  return summaries;
}

function summarise(
  family: string,
  timeLimitMs: number,
  results: readonly SolomonResult[],
  minDistance: ReadonlyMap<string, BestKnown>,
): FamilySummary {
  const gaps: number[] = [];
  for (const result of results) {
    const reference = minDistance.get(result.instance);
    if (result.feasible && reference) gaps.push(gapPercent(result.distance, reference.distance));
  }
  return {
    family,
    timeLimitMs,
    count: results.length,
    feasible: results.filter((result) => result.feasible).length,
    meanGap: mean(gaps),
  };
}
