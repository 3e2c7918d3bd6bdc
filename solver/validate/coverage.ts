import { minutesToUnits } from '../units.ts';
import type { CheckContext } from './context.ts';
import type { StockLedger } from './ledger.ts';

/**
 * Objective term 4 (docs/solver.md): a stock pair the plan empties counts when its location is,
 * for some `site` location, the only location holding that SKU within `options.coverageMinutes`.
 * "Holding" reads the problem's stock (before the plan), and "within" is travel from the stock
 * location to the site, the direction stock moves.
 */
export interface CoverageCounter {
  /** Number of newly emptied pairs in `ledger` that were a site's only nearby source. */
  count(ledger: StockLedger): number;
}

/**
 * Sites are grouped by the set of stock locations within the horizon ("neighbourhoods"), which
 * depends on no SKU, so travel is computed once per (site, stock location) and only when the plan
 * empties something. A location is a SKU's sole source for some site exactly when it is the only
 * holder of the SKU in some neighbourhood.
 */
export function createCoverageCounter(ctx: CheckContext): CoverageCounter {
  const holders = new Map<string, Set<number>>();
  for (const [key, qty] of ctx.stockQty) {
    if (qty <= 0) continue;
    const [location, sku] = key.split('\u0000') as [string, string];
    const index = ctx.locationIndex.get(location);
    if (index === undefined) continue;
    const set = holders.get(sku);
    if (set) set.add(index);
    else holders.set(sku, new Set([index]));
  }
  let neighbourhoods: number[][] | undefined;
  const soleSources = new Map<string, Set<number>>();

  const soleSourcesOf = (sku: string): Set<number> => {
    const cached = soleSources.get(sku);
    if (cached) return cached;
    neighbourhoods ??= findNeighbourhoods(ctx, holders);
    const holding = holders.get(sku) ?? new Set<number>();
    const sole = new Set<number>();
    for (const neighbourhood of neighbourhoods) {
      let only = -1;
      for (const location of neighbourhood) {
        if (!holding.has(location)) continue;
        if (only !== -1) {
          only = -2;
          break;
        }
        only = location;
      }
      if (only >= 0) sole.add(only);
    }
    soleSources.set(sku, sole);
    return sole;
  };

  return {
    count(ledger) {
      let taken = 0;
      for (const { location, sku } of ledger.newlyEmptied(ctx)) {
        const index = ctx.locationIndex.get(location);
        if (index !== undefined && soleSourcesOf(sku).has(index)) taken += 1;
      }
      return taken;
    },
  };
}

/** The distinct sets of stock locations within the horizon of some site. */
function findNeighbourhoods(ctx: CheckContext, holders: ReadonlyMap<string, Set<number>>): number[][] {
  const horizon = minutesToUnits(ctx.problem.options.coverageMinutes);
  const stockLocations = [...new Set([...holders.values()].flatMap((set) => [...set]))].sort((a, b) => a - b);
  const distinct = new Map<string, number[]>();
  ctx.problem.locations.forEach((location, site) => {
    if (location.kind !== 'site') return;
    const near = stockLocations.filter((stock) => ctx.travel.units(stock, site) <= horizon);
    if (near.length > 0) distinct.set(near.join(','), near);
  });
  return [...distinct.values()];
}
