import type { Knex } from 'knex';

/**
 * What the service has recorded about past demand, as plain data for the demand model
 * (demand-model.ts): monthly part issues per stock location × SKU (the demand_history table, as
 * the inventory forecasts use it), past on-site tickets with their parts, the fault-code catalog
 * and the installed base per site. Read in one repeatable-read transaction.
 */
export interface DemandHistory {
  /** Monthly issues, one row per location × SKU × month, oldest first. */
  partIssues: { locationId: string; skuId: string; month: string; qty: number }[];
  /** Past tickets as the demand model needs them: parts counted, not itemised. */
  pastTickets: (Omit<StoredTicket, 'id' | 'parts'> & { partUnits: number })[];
  faultCodes: {
    skill: string;
    typicalLevel: 1 | 2 | 3;
    minSkillLevel: number;
    serviceMinutes: number;
    needsPart: boolean;
    needsSpareUnit: boolean;
  }[];
  /** Installed units per site × model, with the model's skill. */
  installedBase: { siteId: string; modelId: string; skill: string; units: number }[];
}

const isoMonth = (value: Date | string): string =>
  typeof value === 'string'
    ? value.slice(0, 7)
    : `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}`;

/** Reads the demand history recorded up to `before` (tickets reported earlier, months that started earlier). */
export async function readDemandHistory(db: Knex, before: Date): Promise<DemandHistory> {
  return db.transaction(async (trx) => {
    await trx.raw('set transaction isolation level repeatable read, read only');
    const issues = await trx('demand_history')
      .where({ period: 'month' })
      .where('period_start', '<', before)
      .select('location_id', 'sku_id', 'period_start', 'qty')
      .orderBy(['period_start', 'location_id', 'sku_id']);
    const tickets = await trx('tickets as t')
      .whereIn('t.kind', ['fault', 'complex'])
      .whereNot('t.status', 'cancelled')
      .whereNotNull('t.skill')
      .where('t.reported_at', '<', before)
      .select(
        't.site_id',
        't.level',
        't.tier',
        't.skill',
        't.min_skill_level',
        't.service_minutes',
        't.spare_unit_model_id',
        't.reported_at',
        trx.raw(
          '(select coalesce(sum(p.qty), 0)::int from ticket_parts p where p.ticket_id = t.id) as part_units',
        ),
      )
      .orderBy('t.id');
    const faultCodes = await trx('fault_codes')
      .whereIn('ticket_kind', ['fault', 'complex'])
      .select('skill', 'typical_level', 'min_skill_level', 'service_minutes', 'part_role', 'needs_spare_unit')
      .orderBy('id');
    const installed = await trx('equipment as e')
      .join('equipment_models as m', 'm.id', 'e.model_id')
      .where('e.active', true)
      .select('e.site_id', 'e.model_id', 'm.skill')
      .count('* as units')
      .groupBy('e.site_id', 'e.model_id', 'm.skill')
      .orderBy(['e.site_id', 'e.model_id']);
    return {
      partIssues: issues.map((row) => ({
        locationId: row.location_id,
        skuId: row.sku_id,
        month: isoMonth(row.period_start),
        qty: Number(row.qty),
      })),
      pastTickets: tickets.map((row) => ({ ...ticketFields(row), partUnits: Number(row.part_units) })),
      faultCodes: faultCodes.map((row) => ({
        skill: row.skill,
        typicalLevel: row.typical_level,
        minSkillLevel: row.min_skill_level,
        serviceMinutes: Number(row.service_minutes),
        needsPart: row.part_role !== null,
        needsSpareUnit: Boolean(row.needs_spare_unit),
      })),
      installedBase: installed.map((row) => ({
        siteId: row.site_id as string,
        modelId: row.model_id as string,
        skill: row.skill as string,
        units: Number(row.units),
      })),
    };
  });
}

/** A stored ticket to replay, with its parts. */
export interface StoredTicket {
  id: string;
  siteId: string;
  level: 1 | 2 | 3;
  tier: 'A' | 'B' | 'C';
  skill: string;
  minSkillLevel: number;
  serviceMinutes: number;
  spareUnitModelId: string | null;
  /** ISO instant. */
  reportedAt: string;
  parts: { skuId: string; qty: number }[];
}

/** A ticket row's columns as both readers give them (the past tickets and the replay). */
function ticketFields(row: {
  site_id: string;
  level: 1 | 2 | 3;
  tier: 'A' | 'B' | 'C';
  skill: string;
  min_skill_level: number;
  service_minutes: number | string;
  spare_unit_model_id: string | null;
  reported_at: Date | string;
}): Omit<StoredTicket, 'id' | 'parts'> {
  return {
    siteId: row.site_id,
    level: row.level,
    tier: row.tier,
    skill: row.skill,
    minSkillLevel: row.min_skill_level,
    serviceMinutes: Number(row.service_minutes),
    spareUnitModelId: row.spare_unit_model_id,
    reportedAt: new Date(row.reported_at).toISOString(),
  };
}

/** The on-site tickets reported in [from, to), in report order, for a replay of stored history. */
export async function readStoredTickets(db: Knex, from: Date, to: Date): Promise<StoredTicket[]> {
  const tickets = await db('tickets')
    .whereIn('kind', ['fault', 'complex'])
    .whereNot('status', 'cancelled')
    .whereNotNull('skill')
    .where('reported_at', '>=', from)
    .where('reported_at', '<', to)
    .select(
      'id',
      'site_id',
      'level',
      'tier',
      'skill',
      'min_skill_level',
      'service_minutes',
      'spare_unit_model_id',
      'reported_at',
    )
    .orderBy([{ column: 'reported_at' }, { column: 'id' }]);
  const parts = tickets.length
    ? await db('ticket_parts')
        .whereIn(
          'ticket_id',
          tickets.map((t) => t.id),
        )
        .select('ticket_id', 'sku_id', 'qty')
        .orderBy(['ticket_id', 'sku_id'])
    : [];
  const partsOf = new Map<string, { skuId: string; qty: number }[]>();
  for (const row of parts)
    partsOf.set(row.ticket_id, [...(partsOf.get(row.ticket_id) ?? []), { skuId: row.sku_id, qty: row.qty }]);
  return tickets.map((row) => ({ id: row.id, ...ticketFields(row), parts: partsOf.get(row.id) ?? [] }));
}
