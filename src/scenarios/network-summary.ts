import type { NetworkSnapshot } from './network-snapshot.ts';

/** What a planner checks before simulating: head counts, locations and stock value per region. */
export function summarizeNetwork(snapshot: NetworkSnapshot) {
  const regionOf = new Map(snapshot.locations.map((location) => [location.id, location.regionId]));
  const costOf = new Map(snapshot.skus.map((sku) => [sku.id, sku.unitCost]));
  const locations = { depot: 0, office: 0, van: 0, site: 0 };
  for (const location of snapshot.locations) locations[location.kind] += 1;
  const byRegion = new Map<string, { units: number; cents: number }>();
  for (const row of snapshot.stock) {
    const regionId = regionOf.get(row.locationId) ?? 'unknown';
    const entry = byRegion.get(regionId) ?? { units: 0, cents: 0 };
    entry.units += row.qty;
    // Unit costs have two decimals: sum in cents so the totals do not drift.
    entry.cents += Math.round((costOf.get(row.skuId) ?? 0) * 100) * row.qty;
    byRegion.set(regionId, entry);
  }
  const stockByRegion = [...byRegion]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([regionId, entry]) => ({ regionId, units: entry.units, value: entry.cents / 100 }));
  return {
    engineers: snapshot.engineers.length,
    locations,
    stockUnits: stockByRegion.reduce((sum, region) => sum + region.units, 0),
    stockValue: stockByRegion.reduce((sum, region) => sum + Math.round(region.value * 100), 0) / 100,
    stockByRegion,
    demandScales: snapshot.demandScales.length,
  };
}
