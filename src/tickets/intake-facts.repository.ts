import type { Knex } from 'knex';
import type { RepairRecord } from '../commitments/index.ts';
import { toIso, toIsoDate } from '../http/schemas.ts';
import {
  toEquipmentContext,
  type ContractContext,
  type EquipmentContext,
  type EquipmentRow,
  type SiteContext,
} from './intake-context.repository.ts';
import { CALENDAR_FINGERPRINT_SQL } from './working-calendar.ts';

/**
 * Everything a batch of intakes is derived from, read in one statement: the sites, every
 * contract of their customers, the devices with their component warranties and repair history,
 * which of the named SKUs are parts, which idempotency keys are already taken, and the
 * fingerprint of the working calendar. One round trip per batch instead of seven per ticket is
 * what lets one process take in a thousand tickets a second.
 *
 * The statement is one snapshot (READ COMMITTED gives each statement its own), so a batch is
 * derived from one consistent state, as a single intake was.
 */
export interface IntakeFacts {
  sites: Map<string, SiteContext>;
  /** Per customer, every contract, most recent start first (ties: highest id first). */
  contractsByCustomer: Map<string, ContractInTime[]>;
  equipment: Map<string, EquipmentContext>;
  /** Per device asked for, its earlier tickets with a fault code. */
  repairHistory: Map<string, RepairRecord[]>;
  parts: Set<string>;
  takenKeys: Set<string>;
  calendarFingerprint: string;
}

export interface ContractInTime extends ContractContext {
  startsOn: string;
  endsOn: string | null;
}

export interface IntakeFactsQuery {
  siteIds: readonly string[];
  equipmentIds: readonly string[];
  /** The devices whose repair history three strikes needs: those reported with a fault code. */
  historyEquipmentIds: readonly string[];
  skuIds: readonly string[];
  idempotencyKeys: readonly string[];
}

/**
 * The customer's contract in force on a date: started on or before it, not ended before it; the
 * most recent one when contracts overlap (the list comes in that order from the database).
 */
export function contractInForceOn(
  contracts: readonly ContractInTime[],
  on: string,
): ContractInTime | undefined {
  return contracts.find((c) => c.startsOn <= on && (c.endsOn === null || c.endsOn >= on));
}

// The lists arrive as one JSON parameter (knex would spread a JS array into a placeholder per
// item, and a statement whose text changes with the batch size is planned anew each time) and
// become arrays first: `= any(array)` lets the planner use each table's index, where a join
// on a set-returning function, of unknown size, drew it into reading whole tables.
const FACTS_SQL = `
with input as (select ?::jsonb as j),
ids as materialized (select
  array(select jsonb_array_elements_text(j->'sites')) as sites,
  array(select jsonb_array_elements_text(j->'equipment')) as equipment,
  array(select jsonb_array_elements_text(j->'history')) as history,
  array(select jsonb_array_elements_text(j->'skus')) as skus,
  array(select jsonb_array_elements_text(j->'keys')) as keys
  from input)
select
  (select coalesce(json_agg(json_build_object('id', l.id, 'customerId', l.customer_id,
       'zoneKind', z.kind, 'timeZone', r.time_zone)), '[]')
     from locations l left join zones z on z.id = l.zone_id join regions r on r.id = l.region_id
     where l.kind = 'site' and l.id = any((select sites from ids)::text[])) as sites,
  (select coalesce(json_agg(json_build_object('contractId', c.id, 'customerId', c.customer_id,
       'startsOn', c.starts_on, 'endsOn', c.ends_on, 'profileId', c.profile_id, 'profileName', p.name,
       'profileDefinition', p.definition, 'overrides', c.overrides,
       'outOfWarrantyPolicy', c.out_of_warranty_policy, 'tier', c.tier)
       order by c.starts_on desc, c.id desc), '[]')
     from contracts c join commitment_profiles p on p.id = c.profile_id
     where c.customer_id = any(array(select l.customer_id from locations l
       where l.kind = 'site' and l.id = any((select sites from ids)::text[])))) as contracts,
  (select coalesce(json_agg(json_build_object('id', e.id, 'siteId', e.site_id, 'modelId', e.model_id,
       'active', e.active, 'installedOn', e.installed_on, 'warrantyCardReceivedOn', e.warranty_card_received_on,
       'skill', m.skill, 'minSkillLevel', m.min_skill_level,
       'components', (select coalesce(json_object_agg(ec.component, ec.warranty_end), '{}')
         from equipment_components ec where ec.equipment_id = e.id))), '[]')
     from equipment e join equipment_models m on m.id = e.model_id
     where e.id = any((select equipment from ids)::text[])) as equipment,
  (select coalesce(json_agg(json_build_object('equipmentId', t.equipment_id, 'ticketId', t.id,
       'faultCode', t.fault_code,
       'resolvedAt', (select min(v.at) from ticket_events v where v.ticket_id = t.id and v.to_status = 'resolved'))), '[]')
     from tickets t
     where t.equipment_id = any((select history from ids)::text[]) and t.fault_code is not null) as repairs,
  (select coalesce(json_agg(s.id), '[]') from skus s
     where s.kind = 'part' and s.id = any((select skus from ids)::text[])) as parts,
  (select coalesce(json_agg(t.idempotency_key), '[]') from tickets t
     where t.idempotency_key = any((select keys from ids)::text[])) as taken_keys,
  (${CALENDAR_FINGERPRINT_SQL}) as calendar_fingerprint`;

interface FactsRow {
  sites: SiteContext[];
  contracts: Array<
    Omit<ContractInTime, 'startsOn' | 'endsOn'> & {
      customerId: string;
      startsOn: string;
      endsOn: string | null;
    }
  >;
  equipment: Array<EquipmentRow & { components: Record<string, string> }>;
  repairs: Array<{ equipmentId: string; ticketId: string; faultCode: string; resolvedAt: string | null }>;
  parts: string[];
  taken_keys: string[];
  calendar_fingerprint: string;
}

/** PGlite hands json columns back parsed, pg too; a string is parsed for drivers that do not. */
const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * A named prepared statement on PostgreSQL: each connection parses and plans the statement once
 * instead of every batch (its text never changes; the batch is its one JSON parameter). PGlite
 * ignores the name.
 */
export const preparedAs = (name: string) => ({ name });

export async function readIntakeFacts(db: Knex, query: IntakeFactsQuery): Promise<IntakeFacts> {
  const result = await db
    .raw(FACTS_SQL, [
      JSON.stringify({
        sites: query.siteIds,
        equipment: query.equipmentIds,
        history: query.historyEquipmentIds,
        skus: query.skuIds,
        keys: query.idempotencyKeys,
      }),
    ])
    .options(preparedAs('intake-facts'));
  const raw = (result.rows as Array<Record<keyof FactsRow, unknown>>)[0]!;
  const row = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, key === 'calendar_fingerprint' ? value : parsed(value)]),
  ) as unknown as FactsRow;

  const contractsByCustomer = new Map<string, ContractInTime[]>();
  for (const { customerId, ...contract } of row.contracts) {
    const list = contractsByCustomer.get(customerId) ?? [];
    list.push({ ...contract, startsOn: toIsoDate(contract.startsOn)!, endsOn: toIsoDate(contract.endsOn) });
    contractsByCustomer.set(customerId, list);
  }
  const repairHistory = new Map<string, RepairRecord[]>();
  for (const repair of row.repairs) {
    const list = repairHistory.get(repair.equipmentId) ?? [];
    list.push({
      ticketId: repair.ticketId,
      faultCode: repair.faultCode,
      resolvedAt: toIso(repair.resolvedAt),
      // A new ticket for the same fault is the evidence that the device is not working again.
      stillWorking: true,
    });
    repairHistory.set(repair.equipmentId, list);
  }
  return {
    sites: new Map(row.sites.map((site) => [site.id, site])),
    contractsByCustomer,
    equipment: new Map(row.equipment.map((e) => [e.id, toEquipmentContext(e, e.components)])),
    repairHistory,
    parts: new Set(row.parts),
    takenKeys: new Set(row.taken_keys),
    calendarFingerprint: row.calendar_fingerprint,
  };
}
