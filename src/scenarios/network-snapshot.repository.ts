import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import {
  canonicalSnapshot,
  type NetworkSnapshot,
  type SnapshotContract,
  type SnapshotLocationKind,
} from './network-snapshot.ts';

const hhmm = (time: string) => time.slice(0, 5);
const isoDate = (value: Date | string | null): string | null =>
  value === null
    ? null
    : typeof value === 'string'
      ? value.slice(0, 10)
      : `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;

function groupBy<R, V>(rows: R[], key: (row: R) => string, value: (row: R) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const group = groups.get(key(row)) ?? [];
    group.push(value(row));
    groups.set(key(row), group);
  }
  return groups;
}

/**
 * Reads the live network as a NetworkSnapshot: one read per kind of row (set-based, no query
 * per engineer or location), all in one repeatable-read transaction so the parts agree.
 */
export async function readNetworkSnapshot(db: Knex): Promise<NetworkSnapshot> {
  return db.transaction(async (trx) => {
    // Set here rather than with knex's isolationLevel option (see dispatch/problem-builder.ts).
    await trx.raw('set transaction isolation level repeatable read, read only');
    const regions = await trx('regions').select('id', 'name', 'time_zone');
    const zones = await trx('zones').select('id', 'region_id', 'kind');
    const locations = await trx('locations')
      .where({ active: true })
      .select('id', 'kind', 'name', 'region_id', 'zone_id', 'lat', 'lon', 'serving_office_id', 'customer_id');
    const engineers = await trx('engineers')
      .where({ active: true })
      .select('id', 'name', 'home_office_id', 'van_location_id', 'max_jobs_per_day');
    const skills = await trx('engineer_skills as s')
      .join('engineers as e', 'e.id', 's.engineer_id')
      .where('e.active', true)
      .select('s.engineer_id', 's.skill', 's.level');
    const shifts = await trx('engineer_shifts as s')
      .join('engineers as e', 'e.id', 's.engineer_id')
      .where('e.active', true)
      .select(
        's.engineer_id',
        's.weekday',
        trx.raw(`to_char(s.starts_at, 'HH24:MI') as starts_at`),
        trx.raw(`to_char(s.ends_at, 'HH24:MI') as ends_at`),
      );
    const stock = await trx('stock_balances as b')
      .join('locations as l', 'l.id', 'b.location_id')
      .where('l.active', true)
      .whereNot('l.kind', 'site')
      .where('b.available', '>', 0)
      .select('b.location_id', 'b.sku_id', 'b.available');
    const skus = await trx('skus').select(
      'id',
      'kind',
      'model_id',
      'unit_cost',
      'pack_size',
      'min_order_qty',
      'supplier_id',
      'lead_time_days_mean',
      'lead_time_days_sd',
    );
    const fits = await trx('sku_fits').select('sku_id', 'model_id').orderBy(['sku_id', 'model_id']);
    const supersessions = await trx('sku_supersessions')
      .select('sku_id', 'supersedes_id')
      .orderBy(['sku_id', 'supersedes_id']);
    const suppliers = await trx('suppliers').select('id', 'name');
    const profiles = await trx('commitment_profiles').select('id', 'name', 'definition');
    const contracts = await trx('contracts').select(
      'id',
      'customer_id',
      'profile_id',
      'tier',
      'starts_on',
      'ends_on',
    );

    const fitsOf = groupBy(
      fits,
      (row) => row.sku_id,
      (row) => row.model_id as string,
    );
    const supersedesOf = groupBy(
      supersessions,
      (row) => row.sku_id,
      (row) => row.supersedes_id as string,
    );
    const skillsOf = new Map<string, Record<string, number>>();
    for (const row of skills) {
      const own = skillsOf.get(row.engineer_id) ?? {};
      own[row.skill] = row.level;
      skillsOf.set(row.engineer_id, own);
    }
    const shiftsOf = new Map<string, NetworkSnapshot['engineers'][number]['shifts']>();
    for (const row of shifts) {
      const own = shiftsOf.get(row.engineer_id) ?? [];
      own.push({ weekday: row.weekday, startsAt: hhmm(row.starts_at), endsAt: hhmm(row.ends_at) });
      shiftsOf.set(row.engineer_id, own);
    }

    return canonicalSnapshot({
      regions: regions.map((row) => ({ id: row.id, name: row.name, timeZone: row.time_zone })),
      zones: zones.map((row) => ({ id: row.id, regionId: row.region_id, kind: row.kind })),
      locations: locations.map((row) => ({
        id: row.id,
        kind: row.kind as SnapshotLocationKind,
        name: row.name,
        regionId: row.region_id,
        zoneId: row.zone_id,
        lat: Number(row.lat),
        lon: Number(row.lon),
        servingOfficeId: row.serving_office_id,
        customerId: row.customer_id,
      })),
      engineers: engineers.map((row) => ({
        id: row.id,
        name: row.name,
        homeLocationId: row.home_office_id,
        vanLocationId: row.van_location_id,
        maxJobsPerDay: row.max_jobs_per_day,
        skills: skillsOf.get(row.id) ?? {},
        shifts: shiftsOf.get(row.id) ?? [],
      })),
      stock: stock.map((row) => ({
        locationId: row.location_id,
        skuId: row.sku_id,
        qty: Number(row.available),
      })),
      skus: skus.map((row) => ({
        id: row.id,
        kind: row.kind,
        model: row.model_id,
        fits: (fitsOf.get(row.id) ?? []).sort(),
        supersedes: (supersedesOf.get(row.id) ?? []).sort(),
        unitCost: Number(row.unit_cost),
        packSize: row.pack_size,
        minOrderQty: row.min_order_qty,
        supplierId: row.supplier_id,
        leadTimeDaysMean: Number(row.lead_time_days_mean),
        leadTimeDaysSd: Number(row.lead_time_days_sd),
      })),
      suppliers: suppliers.map((row) => ({ id: row.id, name: row.name })),
      profiles: profiles.map((row) => ({ id: row.id, name: row.name, definition: row.definition })),
      contracts: contracts.map((row): SnapshotContract => ({
        id: row.id,
        customerId: row.customer_id,
        profileId: row.profile_id,
        tier: row.tier,
        startsOn: isoDate(row.starts_on)!,
        endsOn: isoDate(row.ends_on),
      })),
      demandScales: [],
    });
  });
}

/**
 * The network's fingerprint: sha256 of the canonical snapshot's JSON. Any change the simulation
 * would see (an engineer, a shift, a unit of available stock, a contract, a lead time) changes it.
 */
export function networkFingerprint(snapshot: NetworkSnapshot): string {
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(canonicalSnapshot(snapshot)))
    .digest('hex')}`;
}
