import type { Catalog } from './catalog.ts';
import type { InstalledUnit } from './equipment.ts';
import { nearest, type StockSite } from './geography.ts';
import type { SkillId } from './schema.ts';

/** SKU indices (into the sorted catalog) with a monthly demand rate each, in index order. */
export interface SparseRates {
  skuIndex: Int32Array;
  rate: Float64Array;
}

/**
 * Where each SKU's demand arises. Every installed unit fails at its parts' rates; the serving
 * office issues the parts it stocks (most of the demand) and the region's depot the rest, plus
 * everything the office does not stock. An office without a depot in its region (Beijing) is
 * its region's stock point and stocks whatever its sites need.
 */
export interface DemandModel {
  /** Per stock location: the SKUs it lists (stocks or issues) and its demand for each, per month. */
  byLocation: Map<string, SparseRates>;
  /** Per office: the demand of all its sites before it is split with the depot. */
  officeDemand: Map<string, SparseRates>;
  /** Per office: the depot that replenishes it, or null. */
  replenishedFrom: Map<string, string | null>;
  /** Per office: installed units by skill. */
  installedBySkill: Map<string, Map<SkillId, number>>;
}

/** An office stocks a part whose demand there reaches this rate (about one every three years). */
export const OFFICE_MIN_RATE = 0.03;
/** An office keeps a spare unit of a model when it serves this many units of it (four or more). */
const OFFICE_MIN_UNIT_RATE = 0.008;
/** Share of an office's demand for a part it stocks that the office itself issues. */
const OFFICE_SHARE = 0.8;

export function buildDemandModel(
  catalog: Catalog,
  installed: readonly InstalledUnit[],
  stockSites: readonly StockSite[],
): DemandModel {
  const skusByModel = new Map<string, number[]>();
  catalog.skus.forEach((sku, i) => {
    for (const modelId of sku.kind === 'unit' ? [sku.modelId!] : sku.fits) {
      const list = skusByModel.get(modelId);
      if (list) list.push(i);
      else skusByModel.set(modelId, [i]);
    }
  });
  const failures = catalog.skus.map((sku) => catalog.profiles.get(sku.id)!.failuresPerMonth);

  const counts = new Map<string, Map<string, number>>();
  const installedBySkill = new Map<string, Map<SkillId, number>>();
  for (const { site, model } of installed) {
    const officeId = site.office.id;
    const models = counts.get(officeId) ?? new Map<string, number>();
    models.set(model.id, (models.get(model.id) ?? 0) + 1);
    counts.set(officeId, models);
    const skills = installedBySkill.get(officeId) ?? new Map<SkillId, number>();
    skills.set(model.skill, (skills.get(model.skill) ?? 0) + 1);
    installedBySkill.set(officeId, skills);
  }

  const depots = stockSites.filter((s) => s.kind === 'depot');
  const offices = stockSites.filter((s) => s.kind === 'office');
  const replenishedFrom = new Map<string, string | null>();
  const officeDemand = new Map<string, SparseRates>();
  const lists = new Map(stockSites.map((s) => [s.id, new DenseRates(catalog.skus.length)]));
  const current = catalog.skus.map((sku) => catalog.profiles.get(sku.id)!.current);
  const threshold = catalog.skus.map((sku) => (sku.kind === 'unit' ? OFFICE_MIN_UNIT_RATE : OFFICE_MIN_RATE));
  const total = new DenseRates(catalog.skus.length);

  for (const office of offices) {
    const depot = nearest(
      office,
      depots.filter((d) => d.place.regionId === office.place.regionId),
    );
    replenishedFrom.set(office.id, depot?.id ?? null);
    total.clear();
    for (const [modelId, count] of counts.get(office.id) ?? []) {
      for (const i of skusByModel.get(modelId) ?? []) total.add(i, count * failures[i]!);
    }
    const officeRates = total.toSparse();
    officeDemand.set(office.id, officeRates);
    const own = lists.get(office.id)!;
    const upstream = depot ? lists.get(depot.id)! : own;
    officeRates.skuIndex.forEach((i, k) => {
      const rate = officeRates.rate[k]!;
      if (!depot) own.add(i, rate);
      else if (current[i] && rate >= threshold[i]!) {
        own.add(i, OFFICE_SHARE * rate);
        upstream.add(i, (1 - OFFICE_SHARE) * rate);
      } else upstream.add(i, rate);
    });
  }
  const byLocation = new Map<string, SparseRates>();
  for (const [locationId, list] of lists) byLocation.set(locationId, list.toSparse());
  return { byLocation, officeDemand, replenishedFrom, installedBySkill };
}

/**
 * Rates accumulated by SKU index in a dense array, remembering which indices were touched, so
 * that summing over a national installed base costs array writes, not map updates.
 */
class DenseRates {
  private readonly rates: Float64Array;
  private readonly touched: number[] = [];

  constructor(size: number) {
    this.rates = new Float64Array(size);
  }

  add(index: number, rate: number): void {
    if (this.rates[index] === 0 && rate > 0) this.touched.push(index);
    this.rates[index]! += rate;
  }

  clear(): void {
    for (const index of this.touched) this.rates[index] = 0;
    this.touched.length = 0;
  }

  toSparse(): SparseRates {
    const skuIndex = Int32Array.from(this.touched).sort();
    return { skuIndex, rate: Float64Array.from(skuIndex, (i) => this.rates[i]!) };
  }
}
