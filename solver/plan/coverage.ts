import { minutesToUnits } from '../units.ts';
import type { Model } from './model.ts';

/**
 * The fourth objective term asks, for a (stock location, SKU) pair that a plan empties, whether
 * that location is some site's only holder of the SKU within `coverageMinutes`. The answer does
 * not change during a solve, so it is computed once per pair, on first use: most pairs are never
 * emptied. In greatCircle mode travel obeys the triangle inequality, so only holders within twice
 * the horizon of the pair's location can compete for the sites it covers.
 */
export interface CoverageIndex {
  isSoleCover(pair: number): boolean;
}

export function createCoverageIndex(model: Model): CoverageIndex {
  const { problem, travel } = model;
  // Compared in rounded units, as every leg is, so the solver and the checker agree at the edge.
  const horizon = minutesToUnits(problem.options.coverageMinutes);
  const sites: number[] = [];
  problem.locations.forEach((location, i) => {
    if (location.kind === 'site') sites.push(i);
  });
  const metric = problem.travel.mode === 'greatCircle';
  const cache = new Map<number, boolean>();
  // The estimate decides clear cases; legs within a few percent of the horizon are measured.
  const within = (from: number, to: number): boolean => {
    const estimate = model.approx(from, to);
    if (estimate > horizon * 1.03 + 10) return false;
    if (estimate < horizon * 0.97 - 10) return true;
    return travel.units(from, to) <= horizon;
  };

  const compute = (pair: number): boolean => {
    const location = model.slotLoc[pair]!;
    const rivals = new Set<number>();
    for (const other of model.pairsBySku[model.slotSku[pair]!] ?? []) {
      const at = model.slotLoc[other]!;
      if (at === location) continue;
      if (metric && model.approx(at, location) > 2.06 * horizon + 20) continue;
      rivals.add(at);
    }
    for (const site of sites) {
      if (!within(location, site)) continue;
      let alone = true;
      for (const rival of rivals) {
        if (within(rival, site)) {
          alone = false;
          break;
        }
      }
      if (alone) return true;
    }
    return false;
  };

  return {
    isSoleCover(pair: number): boolean {
      let answer = cache.get(pair);
      if (answer === undefined) {
        answer = model.slotQty[pair]! > 0 && compute(pair);
        cache.set(pair, answer);
      }
      return answer;
    },
  };
}
