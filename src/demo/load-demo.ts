import type { Knex } from 'knex';
import { defaultCatalog } from '../commitments/index.ts';
import type { Logger } from '../logger.ts';
import type { Services } from '../services.ts';
import { readDemoNetwork, type DemoNetwork } from './demo-files.ts';
import { loadDemoTickets } from './load-demo-tickets.ts';
import { timeShift, type TimeShift } from './time-shift.ts';

const CHUNK = 500;
const ACTOR = 'demo-loader';

export interface DemoLoadResult {
  loaded: boolean;
  shiftedDays: number;
  counts: Record<string, number>;
}

/**
 * Loads the demo network (data/demo) into an empty database: the network, catalog, contracts,
 * engineers, opening stock (as ledger receipts), preventive jobs and demand history in one
 * transaction; then today's tickets through the ticket service, so that their clocks, warranty
 * and three-strikes decisions are made exactly as for any ticket taken in over the API.
 * A database that already holds locations is left alone.
 */
export async function loadDemoNetwork(
  deps: { db: Knex; services: Services; logger: Logger; now: () => Date },
  dir: string,
): Promise<DemoLoadResult> {
  const { db } = deps;
  const [{ n }] = (await db('locations').count<{ n: number }[]>({ n: '*' })) as [{ n: number | string }];
  if (Number(n) > 0) return { loaded: false, shiftedDays: 0, counts: {} };
  const network = await readDemoNetwork(dir);
  const shift = timeShift(network.manifest.today, deps.now());
  await db.transaction((trx) => insertNetwork(trx, network, shift));
  const tickets = await loadDemoTickets(deps.services, network, shift, ACTOR);
  const counts = {
    locations: network.locations.length,
    engineers: network.engineers.length,
    skus: network.skus.length,
    stockMovements: network.stockMovements.length,
    tickets,
    preventiveJobs: network.preventiveJobs.length,
  };
  deps.logger.info({ shiftedDays: shift.days, counts }, 'demo network loaded');
  return { loaded: true, shiftedDays: shift.days, counts };
}

async function insert(trx: Knex.Transaction, table: string, rows: object[]): Promise<void> {
  if (rows.length) await trx.batchInsert(table, rows, CHUNK).transacting(trx);
}

async function insertNetwork(trx: Knex.Transaction, n: DemoNetwork, shift: TimeShift): Promise<void> {
  await insert(
    trx,
    'regions',
    n.regions.map((r) => ({ id: r.id, name: r.name, name_zh: r.nameZh, time_zone: r.timeZone })),
  );
  await insert(
    trx,
    'skills',
    n.skills.map((s) => ({ id: s.id, name: s.name, name_zh: s.nameZh })),
  );
  await insert(
    trx,
    'suppliers',
    n.suppliers.map((s) => ({ id: s.id, name: s.name })),
  );
  await insert(
    trx,
    'customers',
    n.customers.map((c) => ({
      id: c.id,
      name: c.name,
      name_zh: c.nameZh,
      kind: c.kind,
      region_id: c.regionId,
      contact: c.contact,
    })),
  );
  // Locations and zones refer to each other: locations first without their zone, then zones,
  // then each location's zone and serving office.
  await insert(
    trx,
    'locations',
    n.locations.map((l) => ({
      id: l.id,
      kind: l.kind,
      name: l.name,
      name_zh: l.nameZh,
      region_id: l.regionId,
      lat: l.lat,
      lon: l.lon,
      address: l.address,
      city: l.city,
      province: l.province,
      county: l.county,
      customer_id: l.customerId,
    })),
  );
  await insert(
    trx,
    'zones',
    n.zones.map((z) => ({
      id: z.id,
      region_id: z.regionId,
      office_id: z.officeId,
      kind: z.kind,
      name: z.name,
      name_zh: z.nameZh,
    })),
  );
  for (const l of n.locations)
    if (l.zoneId || l.servingOfficeId)
      await trx('locations')
        .where({ id: l.id })
        .update({ zone_id: l.zoneId, serving_office_id: l.servingOfficeId });

  await insert(
    trx,
    'equipment_models',
    n.equipmentModels.map((m) => ({
      id: m.id,
      name: m.name,
      manufacturer: m.manufacturer,
      category: m.category,
      skill: m.skill,
      min_skill_level: m.minSkillLevel,
      design_life_years: m.designLifeYears,
    })),
  );
  await insert(
    trx,
    'skus',
    n.skus.map((s) => ({
      id: s.id,
      kind: s.kind,
      name: s.name,
      role: s.role,
      model_id: s.modelId,
      unit_cost: s.unitCost,
      pack_size: s.packSize,
      min_order_qty: s.minOrderQty,
      supplier_id: s.supplierId,
      lead_time_days_mean: s.leadTimeDaysMean,
      lead_time_days_sd: s.leadTimeDaysSd,
      end_of_life: shift.date(s.endOfLife),
      load_units: s.loadUnits,
    })),
  );
  await insert(
    trx,
    'sku_fits',
    n.skus.flatMap((s) => s.fits.map((model) => ({ sku_id: s.id, model_id: model }))),
  );
  await insert(
    trx,
    'sku_supersessions',
    n.skus.flatMap((s) => s.supersedes.map((old) => ({ sku_id: s.id, supersedes_id: old }))),
  );
  for (const m of n.equipmentModels)
    if (m.spareUnitSkuId)
      await trx('equipment_models').where({ id: m.id }).update({ spare_unit_sku_id: m.spareUnitSkuId });
  await insert(
    trx,
    'fault_codes',
    n.faultCodes.map((f) => ({
      id: f.id,
      name: f.name,
      name_zh: f.nameZh,
      skill: f.skill,
      ticket_kind: f.ticketKind,
      typical_level: f.typicalLevel,
      min_skill_level: f.minSkillLevel,
      service_minutes: f.serviceMinutes,
      component: f.component,
      part_role: f.partRole,
      needs_spare_unit: f.needsSpareUnit,
    })),
  );

  await insert(
    trx,
    'commitment_profiles',
    defaultCatalog().profiles.map((p) => ({
      id: p.id,
      name: p.name.en,
      definition: JSON.stringify(p.terms),
    })),
  );
  await insert(
    trx,
    'contracts',
    n.contracts.map((c) => ({
      id: c.id,
      customer_id: c.customerId,
      profile_id: c.profileId,
      tier: c.tier,
      overrides: JSON.stringify(c.overrides),
      out_of_warranty_policy: c.outOfWarrantyPolicy,
      starts_on: shift.date(c.startsOn),
      ends_on: shift.date(c.endsOn),
    })),
  );
  await insert(
    trx,
    'equipment',
    n.equipment.map((e) => ({
      id: e.id,
      site_id: e.siteId,
      model_id: e.modelId,
      serial: e.serial,
      installed_on: shift.date(e.installedOn),
      warranty_card_received_on: shift.date(e.warrantyCardReceivedOn),
    })),
  );
  await insert(
    trx,
    'equipment_components',
    n.equipment.flatMap((e) =>
      e.components.map((c) => ({
        equipment_id: e.id,
        component: c.component,
        warranty_end: shift.date(c.warrantyEnd),
      })),
    ),
  );

  await insertEngineers(trx, n, shift);
  await insert(
    trx,
    'stock_movements',
    n.stockMovements.map((m) => ({
      location_id: m.locationId,
      sku_id: m.skuId,
      kind: m.kind,
      on_hand_delta: m.onHandDelta,
      reference_type: m.referenceType,
      reference_id: m.referenceId,
      reason: m.reason,
      actor: m.actor,
      created_at: shift.time(m.createdAt),
    })),
  );
  await insert(
    trx,
    'preventive_jobs',
    n.preventiveJobs.map((j) => ({
      id: j.id,
      site_id: j.siteId,
      equipment_id: j.equipmentId,
      kind: j.kind,
      skill: j.skill,
      min_skill_level: j.minSkillLevel,
      service_minutes: j.serviceMinutes,
      window_start: shift.time(j.windowStart),
      window_end: shift.time(j.windowEnd),
      recurrence: j.recurrence,
      status: j.status,
    })),
  );
  await insert(
    trx,
    'demand_history',
    n.demandHistory.flatMap((series) => {
      const start = shift.month(series.start);
      return series.values.map((qty, i) => ({
        location_id: series.locationId,
        sku_id: series.skuId,
        period: series.period,
        period_start: addMonths(start, i),
        qty,
      }));
    }),
  );
}

async function insertEngineers(trx: Knex.Transaction, n: DemoNetwork, shift: TimeShift): Promise<void> {
  await insert(
    trx,
    'engineers',
    n.engineers.map((e) => ({
      id: e.id,
      name: e.name,
      name_zh: e.nameZh,
      home_office_id: e.homeOfficeId,
      van_location_id: e.vanLocationId,
      phone: e.phone,
      van_capacity: e.vanCapacity,
      max_jobs_per_day: e.maxJobsPerDay,
    })),
  );
  await insert(
    trx,
    'engineer_skills',
    n.engineers.flatMap((e) =>
      Object.entries(e.skills).map(([skill, level]) => ({ engineer_id: e.id, skill, level })),
    ),
  );
  await insert(
    trx,
    'engineer_shifts',
    n.engineers.flatMap((e) =>
      e.shifts.map((s) => ({
        engineer_id: e.id,
        weekday: s.weekday,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
      })),
    ),
  );
  await insert(
    trx,
    'engineer_absences',
    n.engineers.flatMap((e) =>
      e.absences.map((a) => ({
        engineer_id: e.id,
        starts_at: shift.time(a.startsAt),
        ends_at: shift.time(a.endsAt),
        reason: a.reason,
      })),
    ),
  );
}

function addMonths(day: string, months: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}
