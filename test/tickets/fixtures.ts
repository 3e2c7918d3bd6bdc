import type { Knex } from 'knex';
import { defaultCatalog } from '../../src/commitments/index.ts';
import { aCustomer, aModel, anOffice, aPart, aSite, aZone } from '../support/fixtures.ts';

/**
 * Rows that ticket and preventive-job tests need beyond the shared builders: commitment profiles,
 * contracts, installed equipment with component warranties, engineers with skills.
 */

/** A profile row; by default with the terms of the catalog profile of the same id. */
export async function aProfile(db: Knex, id = 'plan-5-standard', definition?: object): Promise<string> {
  const terms = definition ?? defaultCatalog().profiles.find((profile) => profile.id === id)?.terms ?? {};
  await db('commitment_profiles')
    .insert({ id, name: `Profile ${id}`, definition: JSON.stringify(terms) })
    .onConflict('id')
    .ignore();
  return id;
}

export async function aContract(
  db: Knex,
  id: string,
  options: {
    customerId: string;
    tier?: 'A' | 'B' | 'C';
    profileId?: string;
    policy?: 'parts-at-cost-no-labour' | 'parts-and-labour';
    overrides?: object;
    startsOn?: string;
    endsOn?: string | null;
  },
): Promise<string> {
  const profileId = await aProfile(db, options.profileId ?? 'plan-5-standard');
  await db('contracts').insert({
    id,
    customer_id: options.customerId,
    profile_id: profileId,
    tier: options.tier ?? 'A',
    overrides: JSON.stringify(options.overrides ?? {}),
    out_of_warranty_policy: options.policy ?? 'parts-and-labour',
    starts_on: options.startsOn ?? '2025-01-01',
    ends_on: options.endsOn ?? null,
  });
  return id;
}

export async function anEquipment(
  db: Knex,
  id: string,
  options: {
    siteId: string;
    modelId?: string;
    installedOn?: string;
    cardReceivedOn?: string | null;
    components?: Record<string, string>;
    active?: boolean;
  },
): Promise<string> {
  const modelId = await aModel(db, options.modelId ?? 'HIS-R740');
  await db('equipment').insert({
    id,
    site_id: options.siteId,
    model_id: modelId,
    serial: `SN-${id}`,
    installed_on: options.installedOn ?? '2025-06-01',
    warranty_card_received_on: options.cardReceivedOn ?? null,
    active: options.active ?? true,
  });
  for (const [component, warrantyEnd] of Object.entries(options.components ?? {}))
    await db('equipment_components').insert({ equipment_id: id, component, warranty_end: warrantyEnd });
  return id;
}

export async function anEngineer(
  db: Knex,
  id: string,
  skills: Record<string, number> = { 'his-server': 3 },
  options: { active?: boolean } = {},
): Promise<string> {
  const office = await anOffice(db);
  await db('engineers').insert({
    id,
    name: `Engineer ${id}`,
    home_office_id: office,
    active: options.active ?? true,
  });
  for (const [skill, level] of Object.entries(skills))
    await db('engineer_skills').insert({ engineer_id: id, skill, level });
  return id;
}

/**
 * A hospital in Chengdu's same-city zone under a tier-A plan-5 contract, with a server whose main
 * unit is under warranty until 2027 and whose electrical parts are out of warranty since 2026-06,
 * a part that fits it, and a qualified engineer.
 */
export async function aTicketWorld(db: Knex) {
  const zoneId = await aZone(db, 'Z-CTU-CITY', 'R-SC', 'same-city');
  const customerId = await aCustomer(db, 'C-HOSP-1');
  const siteId = await aSite(db, 'S-0001', { customerId, zoneId });
  const contractId = await aContract(db, 'K-HOSP-1', { customerId, tier: 'A' });
  const modelId = await aModel(db, 'HIS-R740', 'his-server');
  const equipmentId = await anEquipment(db, 'EQ-1', {
    siteId,
    modelId,
    components: { 'main-unit': '2027-12-31', electrical: '2026-06-30' },
  });
  const partId = await aPart(db, 'P-PSU-650', { fits: [modelId] });
  const engineerId = await anEngineer(db, 'E-1', { 'his-server': 3 });
  return { zoneId, customerId, siteId, contractId, modelId, equipmentId, partId, engineerId };
}
