import { distance } from '@turf/distance';
import type { Knex } from 'knex';
import type {
  CoverageInputRaw,
  CoverageResult,
  ModelCoverageReport,
} from '../../solver/inventory/coverage/types.ts';
import { effectiveProfile } from '../tickets/contract-terms.ts';
import type { CatalogSku, PairCounts, StockLocation } from './reorder-inputs.repository.ts';
import { pairKey } from './reorder-inputs.repository.ts';
import type { ReorderSettings } from './reorder-settings.ts';

/**
 * Builds the 4-hour coverage problem for spare units from the database and reads its answer back
 * as "units wanted" per location and spare-unit SKU:
 * - sites: customer sites whose contract in force promises a spare unit (the effective terms'
 *   spareUnit clock for the contract's tier; a null figure promises nothing);
 * - each site's demand per model: the model's spare-unit demand over the last 12 months of
 *   history, shared among sites by the number of installed units of that model;
 * - locations: active depots and offices with their available units per model;
 * - travel: great-circle distance × circuity at an average road speed, listed only where travel
 *   plus handling fits the site's promise (an unlisted pair is unreachable).
 */

export type PositionSpareUnits = (input: CoverageInputRaw) => CoverageResult | Promise<CoverageResult>;

export interface CoverageOutcome {
  /** Units wanted per pairKey(location, sku). */
  unitsWanted: Map<string, number>;
  /** Per pairKey(location, sku) with units wanted: how the model's placement was found (see basisOf). */
  basis: Map<string, string>;
  summary: Record<string, unknown>;
}

interface SiteRow {
  id: string;
  lat: number;
  lon: number;
  contract_id: string;
  tier: 'A' | 'B' | 'C';
  overrides: unknown;
  out_of_warranty_policy: 'parts-at-cost-no-labour' | 'parts-and-labour';
  profile_id: string;
  profile_name: string;
  definition: unknown;
}

async function promisedSites(trx: Knex, today: string) {
  const rows = (await trx('locations as l')
    .join('contracts as c', 'c.customer_id', 'l.customer_id')
    .join('commitment_profiles as p', 'p.id', 'c.profile_id')
    .where('l.kind', 'site')
    .andWhere('l.active', true)
    .andWhere('c.starts_on', '<=', today)
    .andWhere((q) => q.whereNull('c.ends_on').orWhere('c.ends_on', '>=', today))
    .select(
      'l.id',
      'l.lat',
      'l.lon',
      'c.id as contract_id',
      'c.tier',
      'c.overrides',
      'c.out_of_warranty_policy',
      'p.id as profile_id',
      'p.name as profile_name',
      'p.definition',
    )
    .orderBy(['l.id', 'c.id'])) as SiteRow[];
  // Contracts share profiles and rarely override: resolve each distinct set of terms once.
  const promiseOf = new Map<string, number | null>();
  const sites = new Map<string, { id: string; lat: number; lon: number; promiseMinutes: number }>();
  for (const row of rows) {
    const key = JSON.stringify([row.profile_id, row.overrides, row.out_of_warranty_policy, row.tier]);
    if (!promiseOf.has(key)) {
      let minutes: number | null;
      try {
        const terms = effectiveProfile({
          contractId: row.contract_id,
          profileId: row.profile_id,
          profileName: row.profile_name,
          profileDefinition: row.definition,
          overrides: row.overrides,
          outOfWarrantyPolicy: row.out_of_warranty_policy,
        });
        minutes = terms.clocks.spareUnit.byTier[row.tier] ?? null;
      } catch {
        minutes = null; // Terms that do not resolve promise nothing we can plan for.
      }
      promiseOf.set(key, minutes);
    }
    const minutes = promiseOf.get(key);
    if (minutes === null || minutes === undefined) continue;
    const known = sites.get(row.id);
    // A site under two contracts gets the tighter promise.
    if (!known || minutes < known.promiseMinutes)
      sites.set(row.id, { id: row.id, lat: row.lat, lon: row.lon, promiseMinutes: minutes });
  }
  return sites;
}

export async function planSpareUnitCoverage(options: {
  trx: Knex;
  today: string;
  settings: ReorderSettings;
  skus: ReadonlyMap<string, CatalogSku>;
  locations: readonly StockLocation[];
  balances: readonly PairCounts[];
  /** Units demanded per SKU over the last 12 months, all locations together. */
  annualDemandBySku: ReadonlyMap<string, number>;
  position: PositionSpareUnits;
}): Promise<CoverageOutcome> {
  const { trx, settings } = options;
  const unitsWanted = new Map<string, number>();
  const basis = new Map<string, string>();
  // Spare-unit SKUs by model; the model's first SKU (by id) carries the placement.
  const skusByModel = new Map<string, CatalogSku[]>();
  for (const sku of [...options.skus.values()].sort((a, b) => a.id.localeCompare(b.id)))
    if (sku.kind === 'unit' && sku.modelId) {
      const list = skusByModel.get(sku.modelId) ?? [];
      list.push(sku);
      skusByModel.set(sku.modelId, list);
    }
  const annualByModel = new Map<string, number>();
  for (const [modelId, list] of skusByModel) {
    const total = list.reduce((sum, sku) => sum + (options.annualDemandBySku.get(sku.id) ?? 0), 0);
    if (total > 0) annualByModel.set(modelId, total);
  }
  if (annualByModel.size === 0) return { unitsWanted, basis, summary: { status: 'no-spare-unit-demand' } };

  const sites = await promisedSites(trx, options.today);
  const installed = (await trx('equipment')
    .where('active', true)
    .whereIn('model_id', [...annualByModel.keys()])
    .select('site_id', 'model_id')
    .count<{ site_id: string; model_id: string; n: number }[]>({ n: '*' })
    .groupBy('site_id', 'model_id')) as Array<{ site_id: string; model_id: string; n: number | string }>;
  const installedByModel = new Map<string, number>();
  for (const row of installed)
    installedByModel.set(row.model_id, (installedByModel.get(row.model_id) ?? 0) + Number(row.n));

  const demandsBySite = new Map<string, Array<{ modelId: string; ratePerYear: number }>>();
  for (const row of installed) {
    if (!sites.has(row.site_id)) continue;
    const rate = (annualByModel.get(row.model_id)! * Number(row.n)) / installedByModel.get(row.model_id)!;
    if (!(rate > 0)) continue;
    const list = demandsBySite.get(row.site_id) ?? [];
    list.push({ modelId: row.model_id, ratePerYear: rate });
    demandsBySite.set(row.site_id, list);
  }
  const modelIds = [...new Set([...demandsBySite.values()].flat().map((d) => d.modelId))].sort();
  if (modelIds.length === 0) return { unitsWanted, basis, summary: { status: 'no-promised-site-demand' } };

  const covering = options.locations.filter((l) => l.kind === 'depot' || l.kind === 'office');
  const primarySku = new Map(modelIds.map((m) => [m, skusByModel.get(m)![0]!]));
  const modelOfSku = new Map<string, string>();
  for (const m of modelIds) for (const sku of skusByModel.get(m)!) modelOfSku.set(sku.id, m);
  const stock = new Map<string, Record<string, number>>();
  for (const b of options.balances) {
    const modelId = modelOfSku.get(b.skuId);
    if (!modelId) continue;
    const record = stock.get(b.locationId) ?? {};
    record[modelId] = (record[modelId] ?? 0) + Math.max(0, b.onHand - b.reserved);
    stock.set(b.locationId, record);
  }

  const minutesPerKm = (settings.roadCircuity / settings.roadSpeedKmh) * 60;
  const travel: CoverageInputRaw['travel'] = [];
  const siteList = [...demandsBySite.keys()].sort().map((id) => sites.get(id)!);
  for (const site of siteList)
    for (const location of covering) {
      const minutes =
        distance([location.lon, location.lat], [site.lon, site.lat], { units: 'kilometers' }) * minutesPerKm;
      if (minutes + settings.handlingMinutes <= site.promiseMinutes)
        travel.push({ locationId: location.id, siteId: site.id, minutes });
    }

  const leadTimes = modelIds.map((m) => primarySku.get(m)!.leadTimeDaysMean);
  const input: CoverageInputRaw = {
    models: modelIds.map((m) => {
      const sku = primarySku.get(m)!;
      return {
        id: m,
        unitCost: sku.unitCost,
        holdingCostPerYear: sku.unitCost * settings.holdingRate,
        skus: skusByModel.get(m)!.map((s) => s.id),
      };
    }),
    locations: covering.map((l) => ({
      id: l.id,
      kind: l.kind,
      handlingMinutes: settings.handlingMinutes,
      stock: stock.get(l.id) ?? {},
    })),
    sites: siteList.map((site) => ({
      id: site.id,
      demands: demandsBySite.get(site.id)!,
      promiseMinutes: site.promiseMinutes,
    })),
    travel,
    // A used unit is replaced at the sending location after the supplier's lead time.
    replenishmentDays: Math.max(1, leadTimes.reduce((a, b) => a + b, 0) / leadTimes.length),
    targetFillRate: settings.targetFillRate,
    transferCost: { perUnit: settings.transferCostPerUnit },
    timeLimitMs: settings.coverageTimeLimitMs,
  };
  const result = await options.position(input);
  const basisByModel = new Map(result.models.map((m) => [m.modelId, basisOf(m)]));
  for (const placement of result.placement) {
    const sku = primarySku.get(placement.modelId);
    if (!sku) continue;
    const key = pairKey(placement.locationId, sku.id);
    unitsWanted.set(key, placement.units);
    const modelBasis = basisByModel.get(placement.modelId);
    if (modelBasis) basis.set(key, modelBasis);
  }
  const greedyUnproven = result.models.filter((m) => m.method === 'greedy' && !m.proven);
  return {
    unitsWanted,
    basis,
    summary: {
      status: result.solver.status,
      backend: result.solver.backend,
      models: modelIds.length,
      sites: siteList.length,
      uncoveredSites: new Set(result.uncovered.map((u) => u.siteId)).size,
      ms: result.solver.ms,
      timeLimitMs: settings.coverageTimeLimitMs,
      // How each model was placed (per model: the suggestions' explanations say it).
      methods: result.solver.methods,
      provenModels: result.models.filter((m) => m.proven).length,
      gap: result.solver.gap,
      mips: result.solver.subproblems,
      heuristicModels: greedyUnproven.length,
      firstHeuristicModels: greedyUnproven.slice(0, 5).map((m) => m.modelId),
    },
  };
}

/** A short phrase for a suggestion's explanation: how sure the coverage figure is. */
export function basisOf(model: ModelCoverageReport): string {
  const gap = model.gap === null ? 'gap unknown' : `gap ${(model.gap * 100).toFixed(1)} %`;
  if (model.method === 'mip')
    return model.proven ? 'placed by the coverage MIP, proven optimal' : `placed by the coverage MIP, ${gap}`;
  if (model.proven) return 'greedy placement, proven optimal: it moves and buys nothing';
  return `greedy placement: heuristic, no proof (${model.note})`;
}
