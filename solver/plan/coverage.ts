import { minutesToUnits } from '../units.ts';
import type { Model } from './model.ts';
import { createSiteGrid, type Within } from './site-grid.ts';

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
  const sites: number[] = [];
  model.problem.locations.forEach((location, i) => {
    if (location.kind === 'site') sites.push(i);
  });
  const metric = model.problem.travel.mode === 'greatCircle';
  const reach = 2.06 * coverageHorizon(model) + 20;
  const within = createWithin(model);
  const cache = new Map<number, boolean>();

  // The site grid is built on the first question: most candidates queries never ask one.
  let aloneSomewhere: ((location: number, rivals: readonly number[]) => boolean) | null = null;

  const compute = (pair: number): boolean => {
    const location = model.slotLoc[pair]!;
    const rivals = new Set<number>();
    for (const other of model.pairsBySku[model.slotSku[pair]!] ?? []) {
      const at = model.slotLoc[other]!;
      if (at === location) continue;
      if (metric && model.approx(at, location) > reach) continue;
      rivals.add(at);
    }
    aloneSomewhere ??= createSiteGrid(model, sites, within, coverageHorizon(model));
    return aloneSomewhere(location, [...rivals]);
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

/**
 * The pairs that `site` alone makes sole covers: per SKU, a location holding it within the
 * horizon of the site where no rival (as `createCoverageIndex` counts rivals) is. Candidates mode
 * adds a new site to a day whose answers are cached: a pair is a sole cover for the day plus the
 * site iff it is one for the day or for the site.
 */
export function soleCoversOfSite(model: Model, site: number): number[] {
  const within = createWithin(model);
  const metric = model.problem.travel.mode === 'greatCircle';
  const reach = 2.06 * coverageHorizon(model) + 20;
  const pairs: number[] = [];
  for (const holders of model.pairsBySku) {
    const near = holders.filter((pair) => within(model.slotLoc[pair]!, site));
    for (const pair of near) {
      const location = model.slotLoc[pair]!;
      const rivalled = near.some(
        (other) => other !== pair && !(metric && model.approx(model.slotLoc[other]!, location) > reach),
      );
      if (!rivalled) pairs.push(pair);
    }
  }
  return pairs;
}

/** The coverage horizon in rounded units, as every leg is, so the solver and the checker agree. */
function coverageHorizon(model: Model): number {
  return minutesToUnits(model.problem.options.coverageMinutes);
}

/** Whether a location is within the horizon of another: estimated where clear, else measured. */
function createWithin(model: Model): Within {
  const horizon = coverageHorizon(model);
  return (from, to) => {
    const estimate = model.approx(from, to);
    if (estimate > horizon * 1.03 + 10) return false;
    if (estimate < horizon * 0.97 - 10) return true;
    return model.travel.units(from, to) <= horizon;
  };
}
