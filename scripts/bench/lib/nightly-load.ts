import type { Knex } from 'knex';
import { defaultCatalog } from '../../../src/commitments/index.ts';
import type { DemoNetwork } from '../../../src/demo/demo-files.ts';
import { addMonths } from '../../network/time.ts';

/**
 * Loads what the nightly reorder run reads from a generated network into an empty schema: regions,
 * suppliers, customers, locations, equipment models, SKUs, commitment profiles, contracts,
 * equipment, opening stock (ledger receipts) and the dense monthly demand history. Dates are
 * loaded as generated (the run's clock is the network's "today"). Big tables go in as column
 * arrays through unnest, 20,000 rows a statement, which is what makes ~8.5 M history rows
 * loadable in minutes.
 */
const ROWS = 2000;
const ARRAY_ROWS = 20_000;

async function rows(trx: Knex.Transaction, table: string, records: object[]): Promise<void> {
  for (let i = 0; i < records.length; i += ROWS) await trx(table).insert(records.slice(i, i + ROWS));
}

async function columns(
  trx: Knex.Transaction,
  table: string,
  spec: ReadonlyArray<readonly [column: string, type: string]>,
  count: number,
  value: (row: number, column: number) => unknown,
): Promise<void> {
  const names = spec.map(([name]) => name).join(', ');
  const arrays = spec.map(([, type]) => `?::${type}[]`).join(', ');
  for (let start = 0; start < count; start += ARRAY_ROWS) {
    const end = Math.min(count, start + ARRAY_ROWS);
    const bindings = spec.map((_, k) => {
      const list = new Array<unknown>(end - start);
      for (let r = start; r < end; r++) list[r - start] = value(r, k);
      return list;
    });
    await trx.raw(`insert into ${table} (${names}) select * from unnest(${arrays})`, bindings as never);
  }
}

export async function loadNightlyNetwork(db: Knex, n: DemoNetwork): Promise<Record<string, number>> {
  let historyRows = 0;
  await db.transaction(async (trx) => {
    await rows(
      trx,
      'regions',
      n.regions.map((r) => ({ id: r.id, name: r.name, name_zh: r.nameZh, time_zone: r.timeZone })),
    );
    await rows(
      trx,
      'suppliers',
      n.suppliers.map((s) => ({ id: s.id, name: s.name })),
    );
    await rows(
      trx,
      'customers',
      n.customers.map((c) => ({ id: c.id, name: c.name, kind: c.kind, region_id: c.regionId })),
    );
    await rows(
      trx,
      'locations',
      n.locations.map((l) => ({
        id: l.id,
        kind: l.kind,
        name: l.name,
        region_id: l.regionId,
        lat: l.lat,
        lon: l.lon,
        customer_id: l.customerId,
      })),
    );
    await rows(
      trx,
      'equipment_models',
      n.equipmentModels.map((m) => ({
        id: m.id,
        name: m.name,
        category: m.category,
        skill: m.skill,
        min_skill_level: m.minSkillLevel,
      })),
    );
    await rows(
      trx,
      'skus',
      n.skus.map((s) => ({
        id: s.id,
        kind: s.kind,
        name: s.name,
        model_id: s.modelId,
        unit_cost: s.unitCost,
        pack_size: s.packSize,
        min_order_qty: s.minOrderQty,
        supplier_id: s.supplierId,
        lead_time_days_mean: s.leadTimeDaysMean,
        lead_time_days_sd: s.leadTimeDaysSd,
        end_of_life: s.endOfLife,
      })),
    );
    await rows(
      trx,
      'commitment_profiles',
      defaultCatalog().profiles.map((p) => ({
        id: p.id,
        name: p.name.en,
        definition: JSON.stringify(p.terms),
      })),
    );
    await rows(
      trx,
      'contracts',
      n.contracts.map((c) => ({
        id: c.id,
        customer_id: c.customerId,
        profile_id: c.profileId,
        tier: c.tier,
        overrides: JSON.stringify(c.overrides),
        out_of_warranty_policy: c.outOfWarrantyPolicy,
        starts_on: c.startsOn,
        ends_on: c.endsOn,
      })),
    );
    const equipment = n.equipment;
    await columns(
      trx,
      'equipment',
      [
        ['id', 'text'],
        ['site_id', 'text'],
        ['model_id', 'text'],
        ['serial', 'text'],
        ['installed_on', 'date'],
      ],
      equipment.length,
      (r, k) => {
        const e = equipment[r]!;
        return [e.id, e.siteId, e.modelId, e.serial, e.installedOn][k];
      },
    );
    const movements = n.stockMovements;
    await columns(
      trx,
      'stock_movements',
      [
        ['location_id', 'text'],
        ['sku_id', 'text'],
        ['kind', 'text'],
        ['on_hand_delta', 'int'],
        ['reason', 'text'],
        ['actor', 'text'],
      ],
      movements.length,
      (r, k) => {
        const m = movements[r]!;
        return [m.locationId, m.skuId, m.kind, m.onHandDelta, m.reason, m.actor][k];
      },
    );
    // The dense history, one row per series and month.
    const series = n.demandHistory;
    const months = series[0] ? series[0].values.map((_, i) => addMonths(series[0]!.start, i)) : [];
    const perSeries = months.length;
    for (const s of series)
      if (s.start !== series[0]!.start || s.values.length !== perSeries || s.period !== 'month')
        throw new Error(`series ${s.locationId}/${s.skuId} is not monthly from ${series[0]!.start}`);
    historyRows = series.length * perSeries;
    await columns(
      trx,
      'demand_history',
      [
        ['location_id', 'text'],
        ['sku_id', 'text'],
        ['period', 'text'],
        ['period_start', 'date'],
        ['qty', 'int'],
      ],
      historyRows,
      (r, k) => {
        const s = series[Math.floor(r / perSeries)]!;
        const i = r % perSeries;
        return [s.locationId, s.skuId, s.period, months[i], s.values[i]][k];
      },
    );
  });
  return {
    locations: n.locations.length,
    /** Depots and offices; engineers' vans hold stock too but have no demand history. */
    stockLocations: n.locations.filter((l) => l.kind === 'depot' || l.kind === 'office').length,
    vans: n.locations.filter((l) => l.kind === 'van').length,
    skus: n.skus.length,
    contracts: n.contracts.length,
    equipment: n.equipment.length,
    stockMovements: n.stockMovements.length,
    demandSeries: n.demandHistory.length,
    demandRows: historyRows,
  };
}
