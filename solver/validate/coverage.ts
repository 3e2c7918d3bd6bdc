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

export function createCoverageCounter(ctx: CheckContext): CoverageCounter {
  const horizon = minutesToUnits(ctx.problem.options.coverageMinutes);
  const sites: number[] = [];
  ctx.problem.locations.forEach((location, i) => {
    if (location.kind === 'site') sites.push(i);
  });
  const holders = new Map<string, number[]>();
  for (const [key, qty] of ctx.stockQty) {
    if (qty <= 0) continue;
    const [location, sku] = key.split('\u0000') as [string, string];
    const index = ctx.locationIndex.get(location);
    if (index === undefined) continue;
    const list = holders.get(sku);
    if (list) list.push(index);
    else holders.set(sku, [index]);
  }
  const soleSource = new Map<string, boolean>();

  const isSoleSource = (location: number, sku: string): boolean => {
    const others = (holders.get(sku) ?? []).filter((holder) => holder !== location);
    return sites.some(
      (site) =>
        ctx.travel.units(location, site) <= horizon &&
        !others.some((other) => ctx.travel.units(other, site) <= horizon),
    );
  };

  return {
    count(ledger) {
      let taken = 0;
      for (const { location, sku } of ledger.newlyEmptied(ctx)) {
        const index = ctx.locationIndex.get(location);
        if (index === undefined) continue;
        const key = `${index}\u0000${sku}`;
        let sole = soleSource.get(key);
        if (sole === undefined) {
          sole = isSoleSource(index, sku);
          soleSource.set(key, sole);
        }
        if (sole) taken += 1;
      }
      return taken;
    },
  };
}
