import type { Knex } from 'knex';
import { defaultCatalog } from '../../src/commitments/index.ts';
import { anEngineer, anEquipment } from '../support/dispatch-network.ts';
import { aCustomer, anOffice, aPart, aSite, aUnitSku, aZone, someStock } from '../support/fixtures.ts';

/** Every weekday (ISO 1..7) 08:00–18:00 local. */
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/**
 * A small demo-like network for what-if runs: two offices and a depot around Chengdu, eight
 * customer sites under tier A/B/C contracts (profile plan-4: on site in 4 h), their servers, a PSU
 * and a spare unit in stock, fault codes, a year of part issues, six past tickets, and
 * `engineers` engineers who work every day. Small on purpose: runs in tests take seconds.
 */
export async function aRunNetwork(db: Knex, options: { engineers?: number } = {}) {
  await aZone(db, 'Z-CTU-CITY', 'R-SC', 'same-city');
  await anOffice(db, 'O-CTU', { lat: 30.66, lon: 104.07 });
  await anOffice(db, 'O-DY', { lat: 31.13, lon: 104.4 });
  await anOffice(db, 'D-CTU', { kind: 'depot', lat: 30.6, lon: 104.0 });
  await db('commitment_profiles')
    .insert(
      defaultCatalog().profiles.map((p) => ({
        id: p.id,
        name: p.name.en,
        definition: JSON.stringify(p.terms),
      })),
    )
    .onConflict('id')
    .ignore();
  await aUnitSku(db, 'U-HIS-R740', 'HIS-R740');
  await aPart(db, 'P-PSU-650', { fits: ['HIS-R740'], unitCost: 120 });
  const tiers = ['A', 'B', 'C'] as const;
  for (let i = 1; i <= 8; i++) {
    const customer = await aCustomer(db, `C-${i}`);
    await db('contracts').insert({
      id: `CT-${i}`,
      customer_id: customer,
      profile_id: 'plan-4',
      tier: tiers[i % 3],
      starts_on: '2026-01-01',
    });
    const site = await aSite(db, `S-0${i}`, {
      customerId: customer,
      zoneId: 'Z-CTU-CITY',
      lat: 30.6 + (i % 4) * 0.08,
      lon: 104.0 + Math.floor(i / 4) * 0.1,
    });
    await db('locations')
      .where({ id: site })
      .update({ serving_office_id: i <= 5 ? 'O-CTU' : 'O-DY' });
    await anEquipment(db, `EQ-${i}`, site, 'HIS-R740');
  }
  await db('fault_codes').insert([
    {
      id: 'F-PSU',
      name: 'Power supply failed',
      skill: 'his-server',
      typical_level: 2,
      service_minutes: 60,
      part_role: 'psu',
    },
    {
      id: 'F-DOWN',
      name: 'Server down',
      skill: 'his-server',
      typical_level: 1,
      min_skill_level: 2,
      service_minutes: 90,
      needs_spare_unit: true,
    },
    { id: 'F-SLOW', name: 'Slow', skill: 'his-server', typical_level: 3, service_minutes: 45 },
  ]);
  await someStock(db, 'D-CTU', 'P-PSU-650', 20);
  await someStock(db, 'O-CTU', 'P-PSU-650', 4);
  await someStock(db, 'D-CTU', 'U-HIS-R740', 3);
  const months = Array.from(
    { length: 12 },
    (_, m) => `${m < 1 ? 2025 : 2026}-${String(((m + 11) % 12) + 1).padStart(2, '0')}-01`,
  );
  await db('demand_history').insert(
    months.map((period_start, m) => ({
      location_id: 'O-CTU',
      sku_id: 'P-PSU-650',
      period: 'month',
      period_start,
      qty: 20 + (m % 3) * 5,
    })),
  );
  // Stored history to replay: five on-site tickets from 2026-11-20 09:00, twelve hours apart
  // (the last on the 22nd at 09:00), and one on the 25th.
  const reported = [0, 1, 2, 3, 4, 10].map(
    (k) => new Date(Date.parse('2026-11-20T09:00:00+08:00') + k * 43_200_000),
  );
  await db('tickets').insert(
    reported.map((at, k) => ({
      id: `T-H${k + 1}`,
      site_id: `S-0${k + 1}`,
      customer_id: `C-${k + 1}`,
      kind: 'fault',
      level: (k % 3) + 1,
      tier: tiers[(k + 1) % 3],
      status: 'closed',
      reported_at: at,
      skill: 'his-server',
      service_minutes: 60,
    })),
  );
  await db('ticket_parts').insert({ ticket_id: 'T-H2', sku_id: 'P-PSU-650', qty: 1 });
  const engineers: string[] = [];
  for (let i = 1; i <= (options.engineers ?? 6); i++) {
    const id = await anEngineer(db, `E-${i}`, {
      home: i % 2 ? 'O-CTU' : 'O-DY',
      skills: { 'his-server': i % 3 === 0 ? 3 : 2 },
      shift: null,
    });
    await db('engineer_shifts').insert(
      EVERY_DAY.map((weekday) => ({ engineer_id: id, weekday, starts_at: '08:00', ends_at: '18:00' })),
    );
    engineers.push(id);
  }
  return { engineers };
}
