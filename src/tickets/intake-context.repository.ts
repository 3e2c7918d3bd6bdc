import type { Knex } from 'knex';
import type { OutOfWarrantyPolicy, Tier } from '../commitments/index.ts';
import { toIsoDate } from '../http/schemas.ts';
import type { ContractTerms } from './contract-terms.ts';
import type { EquipmentWarranty } from './intake.ts';

/**
 * Reads of the network, the installed base and the contracts that a ticket is derived from.
 * These tables belong to other features; tickets only read them, always inside the caller's
 * transaction so that a ticket is derived from one consistent state.
 */

export interface SiteContext {
  id: string;
  customerId: string;
  zoneKind: string | null;
  timeZone: string;
}

export interface ContractContext extends ContractTerms {
  tier: Tier;
}

export interface EquipmentContext extends EquipmentWarranty {
  id: string;
  siteId: string;
  modelId: string;
  active: boolean;
  model: { skill: string; minSkillLevel: number };
}

/** A device and its model as read, in either read (one device, or a batch's devices). */
export interface EquipmentRow {
  id: string;
  siteId: string;
  modelId: string;
  active: boolean;
  installedOn: string | Date;
  warrantyCardReceivedOn: string | Date | null;
  skill: string;
  minSkillLevel: number;
}

/** The device as intake sees it; `components` maps each component to its warranty's last day. */
export function toEquipmentContext(
  row: EquipmentRow,
  components: Record<string, string | Date>,
): EquipmentContext {
  return {
    id: row.id,
    siteId: row.siteId,
    modelId: row.modelId,
    active: row.active,
    model: { skill: row.skill, minSkillLevel: row.minSkillLevel },
    installedOn: toIsoDate(row.installedOn)!,
    warrantyCardReceivedOn: toIsoDate(row.warrantyCardReceivedOn),
    componentWarrantyEnds: Object.fromEntries(
      Object.entries(components).map(([component, end]) => [component, toIsoDate(end)!]),
    ),
  };
}

export interface EngineerContext {
  id: string;
  active: boolean;
  skills: Record<string, number>;
}

interface ContractRow {
  id: string;
  profile_id: string;
  profile_name: string;
  definition: unknown;
  overrides: unknown;
  out_of_warranty_policy: OutOfWarrantyPolicy;
  tier: Tier;
}

const toContract = (row: ContractRow): ContractContext => ({
  contractId: row.id,
  profileId: row.profile_id,
  profileName: row.profile_name,
  profileDefinition: row.definition,
  overrides: row.overrides,
  outOfWarrantyPolicy: row.out_of_warranty_policy,
  tier: row.tier,
});

const contractColumns = [
  'c.id',
  'c.profile_id',
  'p.name as profile_name',
  'p.definition',
  'c.overrides',
  'c.out_of_warranty_policy',
  'c.tier',
];

export function createIntakeContextRepository(db: Knex) {
  return {
    async site(siteId: string, trx: Knex = db): Promise<SiteContext | undefined> {
      const row = await trx('locations as l')
        .leftJoin('zones as z', 'z.id', 'l.zone_id')
        .join('regions as r', 'r.id', 'l.region_id')
        .where({ 'l.id': siteId, 'l.kind': 'site' })
        .first('l.id', 'l.customer_id', 'z.kind as zone_kind', 'r.time_zone');
      return row
        ? { id: row.id, customerId: row.customer_id, zoneKind: row.zone_kind, timeZone: row.time_zone }
        : undefined;
    },

    async contract(contractId: string, trx: Knex = db): Promise<ContractContext | undefined> {
      const row = await trx('contracts as c')
        .join('commitment_profiles as p', 'p.id', 'c.profile_id')
        .where('c.id', contractId)
        .first(contractColumns);
      return row ? toContract(row as ContractRow) : undefined;
    },

    async equipment(equipmentId: string, trx: Knex = db): Promise<EquipmentContext | undefined> {
      const row = (await trx('equipment as e')
        .join('equipment_models as m', 'm.id', 'e.model_id')
        .where('e.id', equipmentId)
        .first(
          'e.id',
          'e.site_id as siteId',
          'e.model_id as modelId',
          'e.active',
          'e.installed_on as installedOn',
          'e.warranty_card_received_on as warrantyCardReceivedOn',
          'm.skill',
          'm.min_skill_level as minSkillLevel',
        )) as EquipmentRow | undefined;
      if (!row) return undefined;
      const components = (await trx('equipment_components')
        .where('equipment_id', equipmentId)
        .select('component', 'warranty_end')) as Array<{ component: string; warranty_end: string }>;
      return toEquipmentContext(
        row,
        Object.fromEntries(components.map((c) => [c.component, c.warranty_end])),
      );
    },

    /** Which of the given SKUs exist as parts (not spare units, which a ticket asks for apart). */
    async existingParts(skuIds: readonly string[], trx: Knex = db): Promise<Set<string>> {
      if (!skuIds.length) return new Set();
      const rows = (await trx('skus').whereIn('id', skuIds).where('kind', 'part').select('id')) as Array<{
        id: string;
      }>;
      return new Set(rows.map((row) => row.id));
    },

    async engineer(engineerId: string, trx: Knex = db): Promise<EngineerContext | undefined> {
      const row = await trx('engineers').where('id', engineerId).first('id', 'active');
      if (!row) return undefined;
      const skills = (await trx('engineer_skills')
        .where('engineer_id', engineerId)
        .select('skill', 'level')) as Array<{ skill: string; level: number }>;
      return {
        id: row.id,
        active: row.active,
        skills: Object.fromEntries(skills.map((s) => [s.skill, s.level])),
      };
    },
  };
}

export type IntakeContextRepository = ReturnType<typeof createIntakeContextRepository>;
