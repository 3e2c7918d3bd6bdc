import type { Knex } from 'knex';
import type { TicketKind, Tier } from '../commitments/index.ts';
import { paginate } from '../db/pagination.ts';
import { FINAL_STATUSES, type TicketStatus } from './lifecycle.ts';
import { preparedAs } from './intake-facts.repository.ts';
import type { StoredClock } from './ticket-clock.repository.ts';
import type { TicketListQuery, TicketPart } from './ticket.schemas.ts';

/** A ticket as stored, without its clocks (the clock repository holds those). */
export interface TicketRecord {
  id: string;
  siteId: string;
  customerId: string;
  equipmentId: string | null;
  contractId: string | null;
  kind: TicketKind;
  level: number;
  tier: Tier;
  zoneKind: string | null;
  faultCode: string | null;
  component: string | null;
  cause: string | null;
  description: string | null;
  status: TicketStatus;
  reportedAt: Date;
  reportedBy: string | null;
  skill: string | null;
  minSkillLevel: number;
  serviceMinutes: number;
  spareUnitModelId: string | null;
  requiresReplacement: boolean;
  replacementReason: string | null;
  warrantyDecision: string | null;
  warrantyReason: string | null;
  assignedEngineerId: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  parts: TicketPart[];
}

export type NewTicket = Omit<TicketRecord, 'id' | 'status' | 'version' | 'createdAt' | 'updatedAt'>;

/** The columns a ticket changes after intake; each change bumps its version. */
export type TicketChanges = Partial<
  Pick<TicketRecord, 'status' | 'assignedEngineerId' | 'level' | 'minSkillLevel' | 'description'>
>;

type TicketRow = Record<string, unknown>;

const toRecord = (row: TicketRow, parts: TicketPart[]): TicketRecord => ({
  id: row.id as string,
  siteId: row.site_id as string,
  customerId: row.customer_id as string,
  equipmentId: row.equipment_id as string | null,
  contractId: row.contract_id as string | null,
  kind: row.kind as TicketKind,
  level: row.level as number,
  tier: row.tier as Tier,
  zoneKind: row.zone_kind as string | null,
  faultCode: row.fault_code as string | null,
  component: row.component as string | null,
  cause: row.cause as string | null,
  description: row.description as string | null,
  status: row.status as TicketStatus,
  reportedAt: row.reported_at as Date,
  reportedBy: row.reported_by as string | null,
  skill: row.skill as string | null,
  minSkillLevel: row.min_skill_level as number,
  serviceMinutes: row.service_minutes as number,
  spareUnitModelId: row.spare_unit_model_id as string | null,
  requiresReplacement: row.requires_replacement as boolean,
  replacementReason: row.replacement_reason as string | null,
  warrantyDecision: row.warranty_decision as string | null,
  warrantyReason: row.warranty_reason as string | null,
  assignedEngineerId: row.assigned_engineer_id as string | null,
  idempotencyKey: row.idempotency_key as string | null,
  requestHash: row.request_hash as string | null,
  version: row.version as number,
  createdAt: row.created_at as Date,
  updatedAt: row.updated_at as Date,
  parts,
});

const COLUMN_OF_CHANGE: Record<keyof TicketChanges, string> = {
  status: 'status',
  assignedEngineerId: 'assigned_engineer_id',
  level: 'level',
  minSkillLevel: 'min_skill_level',
  description: 'description',
};

/** Sorts a ticket without running clocks after every ticket with one. */
const NO_DUE = '9999-12-31T00:00:00Z';

const sortColumns = { nextDue: 'next_due_at', reportedAt: 'reported_at', level: 'level', id: 'id' };

/** What intake writes for one new ticket. */
export interface NewIntake {
  ticket: NewTicket;
  clocks: readonly StoredClock[];
  event: { type: string; toStatus: TicketStatus; actor: string; at: Date; data: Record<string, unknown> };
}

/** One intake as a JSON record for INSERT_INTAKES_SQL; `ord` is its place in the batch. */
const intakeRow = ({ ticket, clocks, event }: NewIntake, ord: number) => ({
  ord,
  site_id: ticket.siteId,
  customer_id: ticket.customerId,
  equipment_id: ticket.equipmentId,
  contract_id: ticket.contractId,
  kind: ticket.kind,
  level: ticket.level,
  tier: ticket.tier,
  zone_kind: ticket.zoneKind,
  fault_code: ticket.faultCode,
  component: ticket.component,
  cause: ticket.cause,
  description: ticket.description,
  reported_at: ticket.reportedAt.toISOString(),
  reported_by: ticket.reportedBy,
  skill: ticket.skill,
  min_skill_level: ticket.minSkillLevel,
  service_minutes: ticket.serviceMinutes,
  spare_unit_model_id: ticket.spareUnitModelId,
  requires_replacement: ticket.requiresReplacement,
  replacement_reason: ticket.replacementReason,
  warranty_decision: ticket.warrantyDecision,
  warranty_reason: ticket.warrantyReason,
  assigned_engineer_id: ticket.assignedEngineerId,
  idempotency_key: ticket.idempotencyKey,
  request_hash: ticket.requestHash,
  parts: ticket.parts.map((part) => ({ sku_id: part.skuId, qty: part.qty })),
  clocks: clocks.map((clock) => ({
    clock: clock.clock,
    calendar: clock.calendar,
    starts_at: clock.startsAt.toISOString(),
    due_at: clock.dueAt.toISOString(),
    budget_minutes: clock.budgetMinutes,
    at_risk_share: clock.atRiskShare,
    stopped_at: clock.stoppedAt ? clock.stoppedAt.toISOString() : null,
  })),
  event_type: event.type,
  event_to_status: event.toStatus,
  event_actor: event.actor,
  event_at: event.at.toISOString(),
  event_data: event.data,
});

/**
 * Ids are drawn for the whole batch first (the CTE is materialized: it calls a volatile
 * function), so each answer row carries the place of its request. A key taken already (by a
 * concurrent intake, or by an earlier row of the same batch: DO NOTHING also skips a row that
 * conflicts with one this statement inserted) skips that ticket and, through the joins on t, its
 * parts, clocks and event.
 */
const INSERT_INTAKES_SQL = `
with x as (
  select next_ticket_id() as id, x.*
  from jsonb_to_recordset(?::jsonb) as x(ord integer, site_id text, customer_id text, equipment_id text,
    contract_id text, kind text, level integer, tier text, zone_kind text, fault_code text, component text,
    cause text, description text, reported_at timestamptz, reported_by text, skill text, min_skill_level integer,
    service_minutes double precision, spare_unit_model_id text, requires_replacement boolean,
    replacement_reason text, warranty_decision text, warranty_reason text, assigned_engineer_id text,
    idempotency_key text, request_hash text, parts jsonb, clocks jsonb, event_type text, event_to_status text,
    event_actor text, event_at timestamptz, event_data jsonb)),
t as (
  insert into tickets (id, site_id, customer_id, equipment_id, contract_id, kind, level, tier, zone_kind,
    fault_code, component, cause, description, reported_at, reported_by, skill, min_skill_level,
    service_minutes, spare_unit_model_id, requires_replacement, replacement_reason, warranty_decision,
    warranty_reason, assigned_engineer_id, idempotency_key, request_hash)
  select id, site_id, customer_id, equipment_id, contract_id, kind, level, tier, zone_kind,
    fault_code, component, cause, description, reported_at, reported_by, skill, min_skill_level,
    service_minutes, spare_unit_model_id, requires_replacement, replacement_reason, warranty_decision,
    warranty_reason, assigned_engineer_id, idempotency_key, request_hash
  from x order by ord
  on conflict (idempotency_key) do nothing
  returning *),
p as (
  insert into ticket_parts (ticket_id, sku_id, qty)
  select t.id, p.sku_id, p.qty
  from t join x on x.id = t.id, jsonb_to_recordset(x.parts) as p(sku_id text, qty integer)
  returning ticket_id, sku_id, qty),
c as (
  insert into ticket_clocks (ticket_id, clock, calendar, starts_at, due_at, budget_minutes, at_risk_share, stopped_at)
  select t.id, c.clock, c.calendar, c.starts_at, c.due_at, c.budget_minutes, c.at_risk_share, c.stopped_at
  from t join x on x.id = t.id, jsonb_to_recordset(x.clocks) as c(clock text, calendar text,
    starts_at timestamptz, due_at timestamptz, budget_minutes double precision, at_risk_share double precision,
    stopped_at timestamptz)),
e as (
  insert into ticket_events (ticket_id, type, from_status, to_status, actor, at, data)
  select t.id, x.event_type, null, x.event_to_status, x.event_actor, x.event_at, x.event_data
  from t join x on x.id = t.id)
select x.ord, t.*,
  (select coalesce(json_agg(json_build_object('skuId', p.sku_id, 'qty', p.qty) order by p.sku_id), '[]')
   from p where p.ticket_id = t.id) as intake_parts
from t join x on x.id = t.id`;

export function createTicketRepository(db: Knex) {
  async function partsOf(ids: readonly string[], trx: Knex): Promise<Map<string, TicketPart[]>> {
    const byTicket = new Map<string, TicketPart[]>(ids.map((id) => [id, []]));
    if (!ids.length) return byTicket;
    const rows = (await trx('ticket_parts').whereIn('ticket_id', ids).orderBy('sku_id')) as Array<{
      ticket_id: string;
      sku_id: string;
      qty: number;
    }>;
    for (const row of rows) byTicket.get(row.ticket_id)?.push({ skuId: row.sku_id, qty: row.qty });
    return byTicket;
  }

  async function withParts(rows: TicketRow[], trx: Knex): Promise<TicketRecord[]> {
    const parts = await partsOf(
      rows.map((row) => row.id as string),
      trx,
    );
    return rows.map((row) => toRecord(row, parts.get(row.id as string) ?? []));
  }

  return {
    async get(id: string, trx: Knex = db): Promise<TicketRecord | undefined> {
      const row = (await trx('tickets').where({ id }).first()) as TicketRow | undefined;
      return row ? (await withParts([row], trx))[0] : undefined;
    },

    async findByIdempotencyKey(key: string, trx: Knex = db): Promise<TicketRecord | undefined> {
      const row = (await trx('tickets').where({ idempotency_key: key }).first()) as TicketRow | undefined;
      return row ? (await withParts([row], trx))[0] : undefined;
    },

    /**
     * New tickets, each with its parts, its clocks and its first event, in one statement (one
     * round trip for a whole batch of intakes, atomic on its own). Answers, in the order given,
     * each stored ticket as get() would read it back, or undefined where the ticket's
     * idempotency key was taken meanwhile (nothing of that ticket is written).
     */
    async insertIntakes(
      intakes: readonly NewIntake[],
      trx: Knex = db,
    ): Promise<Array<TicketRecord | undefined>> {
      if (!intakes.length) return [];
      const result = await trx
        .raw(INSERT_INTAKES_SQL, [JSON.stringify(intakes.map(intakeRow))])
        .options(preparedAs('intake-write'));
      const stored = new Map<number, TicketRecord>();
      for (const { ord, intake_parts: parts, ...row } of result.rows as Array<TicketRow & { ord: number }>) {
        stored.set(
          Number(ord),
          toRecord(row, (typeof parts === 'string' ? JSON.parse(parts) : parts) as TicketPart[]),
        );
      }
      return intakes.map((_, ord) => stored.get(ord));
    },

    async replaceParts(ticketId: string, parts: readonly TicketPart[], trx: Knex = db): Promise<void> {
      await trx('ticket_parts').where('ticket_id', ticketId).delete();
      if (parts.length)
        await trx('ticket_parts').insert(
          parts.map((part) => ({ ticket_id: ticketId, sku_id: part.skuId, qty: part.qty })),
        );
    },

    /**
     * Applies changes only if the ticket is still at `expectedVersion`, and bumps the version: of
     * two concurrent writers that read the same version, exactly one succeeds (the other waits for
     * the row lock, then finds the version moved on). Returns whether this one did.
     */
    async update(
      id: string,
      expectedVersion: number,
      changes: TicketChanges,
      trx: Knex = db,
    ): Promise<boolean> {
      const update: Record<string, unknown> = { version: expectedVersion + 1, updated_at: trx.fn.now() };
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) update[COLUMN_OF_CHANGE[key as keyof TicketChanges]] = value;
      }
      const count = await trx('tickets').where({ id, version: expectedVersion }).update(update);
      return count === 1;
    },

    async list(query: TicketListQuery, now: Date, trx: Knex = db) {
      const inner = trx('tickets as t').select(
        't.*',
        trx.raw(
          `coalesce((select min(c.due_at) from ticket_clocks c where c.ticket_id = t.id and c.stopped_at is null), ?::timestamptz) as next_due_at`,
          [NO_DUE],
        ),
      );
      if (query.status) inner.whereIn('t.status', query.status);
      if (query.level) inner.where('t.level', query.level);
      if (query.tier) inner.where('t.tier', query.tier);
      if (query.siteId) inner.where('t.site_id', query.siteId);
      if (query.customerId) inner.where('t.customer_id', query.customerId);
      if (query.engineerId) inner.where('t.assigned_engineer_id', query.engineerId);
      if (query.open === true) inner.whereNotIn('t.status', FINAL_STATUSES);
      if (query.open === false) inner.whereIn('t.status', FINAL_STATUSES);
      const at = now.toISOString();
      if (query.clockStatus === 'at-risk')
        inner.whereExists((q) =>
          q
            .from('ticket_clocks as c')
            .whereRaw('c.ticket_id = t.id and c.stopped_at is null')
            .whereRaw('c.due_at >= ?::timestamptz', [at])
            .whereRaw(
              `c.due_at < ?::timestamptz + (c.at_risk_share * c.budget_minutes) * interval '1 minute'`,
              [at],
            ),
        );
      if (query.clockStatus === 'breached')
        inner.whereExists((q) =>
          q
            .from('ticket_clocks as c')
            .whereRaw('c.ticket_id = t.id')
            .whereRaw('((c.stopped_at is null and c.due_at < ?::timestamptz) or c.stopped_at > c.due_at)', [
              at,
            ]),
        );
      const page = await paginate<TicketRow>(trx.from(inner.as('t')).select('*'), {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: await withParts(page.rows, trx), nextCursor: page.nextCursor };
    },
  };
}

export type TicketRepository = ReturnType<typeof createTicketRepository>;
