import type { Knex } from 'knex';

/**
 * The set-based reads a dispatch problem is made of: one query per kind of thing (tickets, their
 * parts, engineers on shift today, skills, absences, stock, SKUs, stock locations), whatever the
 * size of the network. Each takes the caller's transaction so all of them read one snapshot.
 */

/** Ticket statuses that still need an engineer on site (resolved work is paperwork). */
export const DISPATCHABLE_STATUSES = ['reported', 'acknowledged', 'assigned', 'en_route', 'on_site'] as const;

export interface TicketScope {
  regionId?: string;
  ticketIds?: readonly string[];
}

export interface DispatchTicketRow {
  id: string;
  version: number;
  status: string;
  level: number;
  tier: 'A' | 'B' | 'C';
  site_id: string;
  site_lat: number;
  site_lon: number;
  skill: string | null;
  min_skill_level: number;
  service_minutes: number;
  spare_unit_model_id: string | null;
  assigned_engineer_id: string | null;
  onsite_due: Date | null;
  spare_unit_due: Date | null;
}

export interface DispatchTicketPartRow {
  ticket_id: string;
  sku_id: string;
  qty: number;
  load_units: number;
}

export interface DispatchEngineerRow {
  id: string;
  version: number;
  home_office_id: string;
  van_location_id: string | null;
  van_capacity: number | null;
  max_jobs_per_day: number;
  position_lat: number | null;
  position_lon: number | null;
  /** The position was reported on today's local date (else the engineer starts from the office). */
  position_today: boolean;
  shift_start: Date;
  shift_end: Date;
}

export interface DispatchStockRow {
  location_id: string;
  location_kind: 'depot' | 'office' | 'van';
  sku_id: string;
  available: number;
  version: number;
}

export interface DispatchSkuRow {
  id: string;
  kind: 'part' | 'unit';
  model_id: string | null;
  fits: string[];
  supersedes: string[];
}

export interface DispatchLocationRow {
  id: string;
  kind: 'depot' | 'office';
  lat: number;
  lon: number;
}

export function createDispatchProblemRepository() {
  /** The dispatchable tickets in scope, as a subquery both ticket reads share. */
  const scopedTickets = (trx: Knex, scope: TicketScope) => {
    const query = trx('tickets as t')
      .join('locations as s', 's.id', 't.site_id')
      .where('t.kind', 'fault')
      .whereIn('t.status', DISPATCHABLE_STATUSES);
    if (scope.regionId !== undefined) query.andWhere('s.region_id', scope.regionId);
    if (scope.ticketIds !== undefined) query.whereIn('t.id', scope.ticketIds);
    return query;
  };

  return {
    /**
     * The change counter every transaction that touches tickets, stock, engineers (positions
     * included), locations or the catalog bumps once (migration 20261128020100): equal counters,
     * same dispatch data.
     */
    async changeCounter(trx: Knex): Promise<number> {
      const row = (await trx('dispatch_changes').where({ id: 1 }).first('counter')) as {
        counter: number | string;
      };
      return Number(row.counter);
    },

    /** A ticket's status and kind, and the change counter, in one round trip (the candidates fast path). */
    async ticketState(
      trx: Knex,
      ticketId: string,
    ): Promise<{ counter: number; ticket: { status: string; kind: string } | null }> {
      const result = await trx.raw(
        `select c.counter, t.status, t.kind
           from dispatch_changes c left join tickets t on t.id = ?
          where c.id = 1`,
        [ticketId],
      );
      const row = (
        result.rows as Array<{ counter: number | string; status: string | null; kind: string | null }>
      )[0]!;
      return {
        counter: Number(row.counter),
        ticket: row.status !== null ? { status: row.status, kind: row.kind! } : null,
      };
    },

    /**
     * Tickets with the skill and level they need (the ticket's own, else its fault code's, else
     * its equipment model's), their spare-unit model (asked for, or a three-strikes replacement)
     * unless one was already delivered, and the due times of their running on-site and spare-unit
     * clocks (a stopped clock is a promise already kept or broken: no deadline left to plan for).
     */
    async tickets(trx: Knex, scope: TicketScope): Promise<DispatchTicketRow[]> {
      return (await scopedTickets(trx, scope)
        .leftJoin('equipment as e', 'e.id', 't.equipment_id')
        .leftJoin('equipment_models as em', 'em.id', 'e.model_id')
        .leftJoin('fault_codes as fc', 'fc.id', 't.fault_code')
        .leftJoin('ticket_clocks as onsite', function () {
          this.on('onsite.ticket_id', 't.id')
            .andOnVal('onsite.clock', 'onsite')
            .andOnNull('onsite.stopped_at');
        })
        .leftJoin('ticket_clocks as spare', function () {
          this.on('spare.ticket_id', 't.id').andOnVal('spare.clock', 'spareUnit');
        })
        .select(
          't.id',
          't.version',
          't.status',
          't.level',
          't.tier',
          't.site_id',
          's.lat as site_lat',
          's.lon as site_lon',
          trx.raw('coalesce(t.skill, fc.skill, em.skill) as skill'),
          trx.raw('greatest(t.min_skill_level, coalesce(fc.min_skill_level, 1)) as min_skill_level'),
          't.service_minutes',
          trx.raw(
            `case when spare.stopped_at is not null
                    or exists (select 1 from ticket_events ev where ev.ticket_id = t.id and ev.type = 'spare-unit-delivered')
                  then null
                  else coalesce(t.spare_unit_model_id, case when t.requires_replacement then e.model_id end)
             end as spare_unit_model_id`,
          ),
          't.assigned_engineer_id',
          'onsite.due_at as onsite_due',
          trx.raw('case when spare.stopped_at is null then spare.due_at end as spare_unit_due'),
        )
        .orderBy('t.id')) as DispatchTicketRow[];
    },

    /** The parts of the tickets in scope, with the van load one unit of each takes. */
    async ticketParts(trx: Knex, scope: TicketScope): Promise<DispatchTicketPartRow[]> {
      return (await scopedTickets(trx, scope)
        .join('ticket_parts as tp', 'tp.ticket_id', 't.id')
        .join('skus as k', 'k.id', 'tp.sku_id')
        .select('tp.ticket_id', 'tp.sku_id', 'tp.qty', 'k.load_units')
        .orderBy(['tp.ticket_id', 'tp.sku_id'])) as DispatchTicketPartRow[];
    },

    /**
     * Active engineers with a shift on today's weekday (in their home region's time zone) that
     * has not ended at `now`, the shift as instants, and whether their position is from today.
     * `regionId` keeps engineers of that home region plus `alsoIds` (engineers holding work in it).
     */
    async engineersOnShift(
      trx: Knex,
      now: Date,
      scope: { regionId?: string; alsoIds?: readonly string[] },
    ): Promise<DispatchEngineerRow[]> {
      const at = now.toISOString();
      const today = '(?::timestamptz at time zone r.time_zone)::date';
      const query = trx('engineers as en')
        .join('locations as home', 'home.id', 'en.home_office_id')
        .join('regions as r', 'r.id', 'home.region_id')
        .join('engineer_shifts as sh', function () {
          this.on('sh.engineer_id', 'en.id').andOn(
            'sh.weekday',
            trx.raw('extract(isodow from (?::timestamptz at time zone r.time_zone))', [at]),
          );
        })
        .where('en.active', true)
        .andWhereRaw(`(${today} + sh.ends_at) at time zone r.time_zone > ?::timestamptz`, [at, at])
        .select(
          'en.id',
          'en.version',
          'en.home_office_id',
          'en.van_location_id',
          'en.van_capacity',
          'en.max_jobs_per_day',
          'en.position_lat',
          'en.position_lon',
          trx.raw(
            `coalesce((en.position_at at time zone r.time_zone)::date = ${today}, false) as position_today`,
            [at],
          ),
          trx.raw(`(${today} + sh.starts_at) at time zone r.time_zone as shift_start`, [at]),
          trx.raw(`(${today} + sh.ends_at) at time zone r.time_zone as shift_end`, [at]),
        )
        .orderBy('en.id');
      if (scope.regionId !== undefined) {
        const { regionId } = scope;
        const alsoIds = scope.alsoIds ?? [];
        query.andWhere((q) => {
          q.where('home.region_id', regionId);
          if (alsoIds.length) q.orWhereIn('en.id', alsoIds);
        });
      }
      return (await query) as DispatchEngineerRow[];
    },

    async skills(trx: Knex): Promise<Array<{ engineer_id: string; skill: string; level: number }>> {
      return trx('engineer_skills as s')
        .join('engineers as en', 'en.id', 's.engineer_id')
        .where('en.active', true)
        .select('s.engineer_id', 's.skill', 's.level');
    },

    /** Absences that overlap [from, to). */
    async absences(
      trx: Knex,
      from: Date,
      to: Date,
    ): Promise<Array<{ engineer_id: string; starts_at: Date; ends_at: Date }>> {
      return trx('engineer_absences')
        .where('ends_at', '>', from)
        .andWhere('starts_at', '<', to)
        .select('engineer_id', 'starts_at', 'ends_at')
        .orderBy(['engineer_id', 'starts_at']);
    },

    /**
     * Available stock (on hand − reserved, reserved units excluded) at active depots, offices and
     * vans, with the balance versions a commit compares. `regionId` limits depots and offices; vans
     * are kept whatever their region (they travel with their engineer).
     */
    /**
     * Stock the plan may use: what is available, plus what the problem's own tickets hold from an
     * earlier commit (a re-plan may keep or move those units; left out, a committed ticket's
     * reserved part would look gone and the solver would fetch another).
     */
    async availableStock(
      trx: Knex,
      scope: { regionId?: string; heldByTickets?: readonly string[] },
    ): Promise<DispatchStockRow[]> {
      const held = trx('stock_movements')
        .where('reference_type', 'ticket')
        .whereIn('reference_id', [...(scope.heldByTickets ?? [])])
        .groupBy('location_id', 'sku_id')
        .havingRaw('sum(reserved_delta) > 0')
        .select('location_id', 'sku_id', trx.raw('sum(reserved_delta) as qty'));
      const usable = trx.raw('b.available + coalesce(h.qty, 0)');
      const query = trx('stock_balances as b')
        .join('locations as l', 'l.id', 'b.location_id')
        .leftJoin(held.as('h'), function () {
          this.on('h.location_id', 'b.location_id').andOn('h.sku_id', 'b.sku_id');
        })
        .where('l.active', true)
        .whereIn('l.kind', ['depot', 'office', 'van'])
        .andWhere(usable, '>', 0)
        .select('b.location_id', 'l.kind as location_kind', 'b.sku_id', { available: usable }, 'b.version')
        .orderBy(['b.location_id', 'b.sku_id']);
      if (scope.regionId !== undefined) {
        const { regionId } = scope;
        query.andWhere((q) => q.where('l.region_id', regionId).orWhere('l.kind', 'van'));
      }
      return (await query) as DispatchStockRow[];
    },

    /** Every SKU with the models it fits and the SKUs it supersedes. */
    async skus(trx: Knex): Promise<DispatchSkuRow[]> {
      return (await trx('skus as k')
        .select(
          'k.id',
          'k.kind',
          'k.model_id',
          trx.raw(
            `coalesce((select json_agg(f.model_id order by f.model_id) from sku_fits f where f.sku_id = k.id), '[]'::json) as fits`,
          ),
          trx.raw(
            `coalesce((select json_agg(s.supersedes_id order by s.supersedes_id) from sku_supersessions s where s.sku_id = k.id), '[]'::json) as supersedes`,
          ),
        )
        .orderBy('k.id')) as DispatchSkuRow[];
    },

    /** Depots and offices (stock locations and home offices), whatever their region. */
    async stockLocations(trx: Knex): Promise<DispatchLocationRow[]> {
      return (await trx('locations')
        .whereIn('kind', ['depot', 'office'])
        .select('id', 'kind', 'lat', 'lon')
        .orderBy('id')) as DispatchLocationRow[];
    },
  };
}

export type DispatchProblemRepository = ReturnType<typeof createDispatchProblemRepository>;
