import type { Knex } from 'knex';
import { aCustomer, anOffice, aPart, aSite, aUnitSku, aVan, someStock } from './fixtures.ts';

/**
 * A small hand-made dispatch network around Chengdu on Monday 2026-11-30 (Asia/Shanghai), the
 * default clock of createTestApp (08:00). Every row says what the problem builder must make of it.
 */
export const DISPATCH_NOW = '2026-11-30T08:00:00+08:00';
const MONDAY = 1;

export async function anEngineer(
  db: Knex,
  id: string,
  options: {
    home: string;
    skills: Record<string, number>;
    shift?: { weekday: number; startsAt: string; endsAt: string } | null;
    van?: string;
    capacity?: number;
    maxJobs?: number;
  },
): Promise<string> {
  await db('engineers').insert({
    id,
    name: `Engineer ${id}`,
    home_office_id: options.home,
    van_location_id: options.van ?? null,
    van_capacity: options.capacity ?? null,
    max_jobs_per_day: options.maxJobs ?? 6,
  });
  const skills = Object.entries(options.skills).map(([skill, level]) => ({ engineer_id: id, skill, level }));
  if (skills.length) await db('engineer_skills').insert(skills);
  const shift =
    options.shift === undefined ? { weekday: MONDAY, startsAt: '08:00', endsAt: '18:00' } : options.shift;
  if (shift)
    await db('engineer_shifts').insert({
      engineer_id: id,
      weekday: shift.weekday,
      starts_at: shift.startsAt,
      ends_at: shift.endsAt,
    });
  return id;
}

export async function anEquipment(db: Knex, id: string, siteId: string, modelId: string): Promise<string> {
  await db('equipment').insert({
    id,
    site_id: siteId,
    model_id: modelId,
    serial: `SN-${id}`,
    installed_on: '2025-01-01',
  });
  return id;
}

export async function aDispatchTicket(
  db: Knex,
  id: string,
  options: {
    site: string;
    customer?: string;
    equipment?: string | null;
    level?: 1 | 2 | 3;
    tier?: 'A' | 'B' | 'C';
    status?: string;
    kind?: string;
    skill?: string | null;
    minSkillLevel?: number;
    serviceMinutes?: number;
    spareUnitModel?: string | null;
    requiresReplacement?: boolean;
    engineer?: string | null;
    parts?: Array<{ sku: string; qty: number }>;
    clocks?: Array<{ clock: string; due: string; stopped?: string }>;
  },
): Promise<string> {
  await db('tickets').insert({
    id,
    site_id: options.site,
    customer_id: options.customer ?? 'C-HOSP-1',
    equipment_id: options.equipment ?? null,
    kind: options.kind ?? 'fault',
    level: options.level ?? 2,
    tier: options.tier ?? 'B',
    status: options.status ?? 'reported',
    reported_at: '2026-11-30T07:30:00+08:00',
    skill: options.skill === undefined ? 'his-server' : options.skill,
    min_skill_level: options.minSkillLevel ?? 1,
    service_minutes: options.serviceMinutes ?? 60,
    spare_unit_model_id: options.spareUnitModel ?? null,
    requires_replacement: options.requiresReplacement ?? false,
    assigned_engineer_id: options.engineer ?? null,
  });
  for (const part of options.parts ?? [])
    await db('ticket_parts').insert({ ticket_id: id, sku_id: part.sku, qty: part.qty });
  for (const clock of options.clocks ?? [])
    await db('ticket_clocks').insert({
      ticket_id: id,
      clock: clock.clock,
      starts_at: '2026-11-30T07:30:00+08:00',
      due_at: clock.due,
      budget_minutes: 60,
      calendar: '24x7',
      stopped_at: clock.stopped ?? null,
    });
  return id;
}

/** Reserves units through the ledger (a reservation movement), as a committed plan would. */
export async function someReserved(db: Knex, locationId: string, skuId: string, qty: number): Promise<void> {
  await db('stock_movements').insert({
    location_id: locationId,
    sku_id: skuId,
    kind: 'reservation',
    reserved_delta: qty,
    reference_type: 'ticket',
    reference_id: 'T-OTHER',
    actor: 'test',
  });
}

/**
 * Offices O-CTU and O-YB, depot D-CTU; a level-1 ticket at a tier-A hospital near Chengdu that
 * needs his-server 2, a PSU and a spare unit; pinned, closed, three-strikes, stopped-clock and
 * out-of-reach tickets; engineers on shift, absent, off today, and one with a position today.
 */
export async function aDispatchNetwork(db: Knex) {
  const officeCtu = await anOffice(db, 'O-CTU', { lat: 30.66, lon: 104.07 });
  const officeYb = await anOffice(db, 'O-YB', { lat: 28.77, lon: 104.64 });
  const depot = await anOffice(db, 'D-CTU', { kind: 'depot', lat: 30.6, lon: 104.0 });
  await aCustomer(db, 'C-HOSP-1');
  const hospital = await aSite(db, 'S-HOSP', { lat: 30.7, lon: 104.1 });
  const school = await aSite(db, 'S-SCHOOL', { lat: 30.62, lon: 104.05 });
  // Leshan: about two and a half hours' drive, so a 09:00 deadline cannot be met by anyone.
  const farSite = await aSite(db, 'S-FAR', { lat: 29.55, lon: 103.77 });
  // Beijing: no one can get there and back within a shift.
  const beijing = await aSite(db, 'S-BEIJING', { lat: 39.9, lon: 116.4 });
  const unit = await aUnitSku(db, 'U-HIS-R740', 'HIS-R740');
  const psu = await aPart(db, 'P-PSU-650', { fits: ['HIS-R740'] });
  const psuNew = await aPart(db, 'P-PSU-700', { fits: ['HIS-R740'] });
  await db('sku_supersessions').insert({ sku_id: psuNew, supersedes_id: psu });
  await db('skus').whereIn('id', [psu, psuNew]).update({ load_units: 0.5 });

  // Stock: 2 units on hand at the depot, 1 reserved → 1 available; all 3 PSUs reserved → none.
  await someStock(db, depot, unit, 2);
  await someReserved(db, depot, unit, 1);
  await someStock(db, depot, psu, 3);
  await someReserved(db, depot, psu, 3);
  await someStock(db, officeYb, psuNew, 2);
  const vanE1 = await aVan(db, 'VAN-E-1');
  await someStock(db, vanE1, psu, 1);
  // A part no ticket needs: its stock cannot serve the plan and stays out of the problem.
  const fan = await aPart(db, 'P-FAN-80');
  await someStock(db, depot, fan, 5);
  await someStock(db, vanE1, fan, 2);

  const engineers = {
    qualified: await anEngineer(db, 'E-1', {
      home: officeCtu,
      skills: { 'his-server': 2 },
      van: vanE1,
      capacity: 4,
    }),
    junior: await anEngineer(db, 'E-2', { home: officeCtu, skills: { 'his-server': 1, network: 2 } }),
    absentMorning: await anEngineer(db, 'E-3', { home: officeYb, skills: { 'his-server': 3 } }),
    offToday: await anEngineer(db, 'E-4', {
      home: officeCtu,
      skills: { 'his-server': 3 },
      shift: { weekday: 2, startsAt: '08:00', endsAt: '18:00' },
    }),
    moving: await anEngineer(db, 'E-5', { home: officeCtu, skills: { 'his-server': 1 } }),
  };
  await db('engineer_absences').insert({
    engineer_id: engineers.absentMorning,
    starts_at: '2026-11-30T07:00:00+08:00',
    ends_at: '2026-11-30T12:00:00+08:00',
    reason: 'training',
  });
  await db('engineers')
    .where({ id: engineers.moving })
    .update({ position_lat: 30.5, position_lon: 104.2, position_at: '2026-11-30T07:50:00+08:00' });

  const deviceHosp = await anEquipment(db, 'EQ-HOSP', hospital, 'HIS-R740');
  const deviceSchool = await anEquipment(db, 'EQ-SCHOOL', school, 'HIS-R740');
  const tickets = {
    critical: await aDispatchTicket(db, 'T-CRIT', {
      site: hospital,
      equipment: deviceHosp,
      level: 1,
      tier: 'A',
      minSkillLevel: 2,
      spareUnitModel: 'HIS-R740',
      parts: [{ sku: psu, qty: 1 }],
      clocks: [
        { clock: 'acknowledge', due: '2026-11-30T07:40:00+08:00' },
        { clock: 'onsite', due: '2026-11-30T10:00:00+08:00' },
        { clock: 'spareUnit', due: '2026-11-30T12:00:00+08:00' },
      ],
    }),
    assigned: await aDispatchTicket(db, 'T-ASSIGNED', {
      site: school,
      status: 'assigned',
      engineer: engineers.junior,
      level: 3,
      clocks: [{ clock: 'onsite', due: '2026-11-30T20:00:00+08:00' }],
    }),
    enRoute: await aDispatchTicket(db, 'T-ENROUTE', {
      site: school,
      status: 'en_route',
      engineer: engineers.qualified,
      level: 2,
      clocks: [{ clock: 'onsite', due: '2026-11-30T09:00:00+08:00' }],
    }),
    heldByAbsent: await aDispatchTicket(db, 'T-HELD-OFF', {
      site: school,
      status: 'assigned',
      engineer: engineers.offToday,
      level: 3,
    }),
    closed: await aDispatchTicket(db, 'T-CLOSED', { site: hospital, status: 'closed' }),
    resolved: await aDispatchTicket(db, 'T-RESOLVED', { site: hospital, status: 'resolved' }),
    question: await aDispatchTicket(db, 'T-QUESTION', { site: hospital, kind: 'question' }),
    threeStrikes: await aDispatchTicket(db, 'T-4TH', {
      site: school,
      equipment: deviceSchool,
      level: 2,
      requiresReplacement: true,
      clocks: [{ clock: 'spareUnit', due: '2026-11-30T11:30:00+08:00' }],
    }),
    stoppedClock: await aDispatchTicket(db, 'T-ONSITE', {
      site: hospital,
      status: 'on_site',
      engineer: engineers.moving,
      level: 2,
      clocks: [{ clock: 'onsite', due: '2026-11-30T09:00:00+08:00', stopped: '2026-11-30T07:55:00+08:00' }],
    }),
    noSkill: await aDispatchTicket(db, 'T-NOSKILL', { site: hospital, skill: null }),
    farAway: await aDispatchTicket(db, 'T-FAR', {
      site: farSite,
      level: 1,
      tier: 'A',
      clocks: [{ clock: 'onsite', due: '2026-11-30T09:00:00+08:00' }],
    }),
    unreachable: await aDispatchTicket(db, 'T-BEIJING', {
      site: beijing,
      level: 2,
      clocks: [{ clock: 'onsite', due: '2026-11-30T20:00:00+08:00' }],
    }),
  };
  return {
    officeCtu,
    officeYb,
    depot,
    hospital,
    school,
    farSite,
    beijing,
    unit,
    psu,
    psuNew,
    vanE1,
    engineers,
    tickets,
  };
}
