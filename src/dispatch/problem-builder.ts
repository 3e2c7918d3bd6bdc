import {
  Problem,
  type Engineer,
  type Location,
  type ProblemInput,
  type Sku,
  type StockRecord,
  type Ticket,
  type Travel,
  type Courier,
} from '../../solver/index.ts';
import { formatInZone } from '../commitments/zoned-time.ts';
import type { Database } from '../db/connection.ts';
import { problems } from '../http/problem.ts';
import { travelForProblem } from '../routing/solver-travel.ts';
import type { Routing, RoutingSource } from '../routing/types.ts';
import {
  createDispatchProblemRepository,
  type DispatchEngineerRow,
  type DispatchTicketRow,
} from './dispatch-problem.repository.ts';
import { relevantSkus } from './sku-relevance.ts';
import { workingWindow } from './working-window.ts';

/**
 * The versions of everything a plan depends on, read in the same transaction as the problem,
 * so a commit can refuse a plan whose stock, engineers or tickets changed since.
 */
export interface DispatchSnapshot {
  /** When the problem was read (the builder's clock), ISO-8601. */
  takenAt: string;
  /** `${locationId}:${skuId}` → stock_balances.version, for every stock record and van stock in the problem. */
  stockVersions: Record<string, number>;
  /** engineer id → engineers.version (record, skills, shifts, absences; not position). */
  engineerVersions: Record<string, number>;
  /** ticket id → tickets.version. */
  ticketVersions: Record<string, number>;
  /**
   * Where the problem's travel times came from: OSRM's table service, or the great-circle model
   * (by configuration, or as a fallback, whose reason is kept so the plan can show it).
   */
  travel?: { source: RoutingSource; fallbackReason?: string };
}

export interface DispatchBuildOptions {
  /** Only these open tickets (default: every dispatchable ticket in scope). */
  ticketIds?: string[];
  /** Only tickets at sites of this region, stock of this region, and engineers based in it (or holding its work). */
  regionId?: string;
  mode?: 'plan' | 'candidates';
  timeLimitMs?: number;
  seed?: number;
}

export interface DispatchProblemBuilderDeps {
  db: Database;
  now: () => Date;
  /** The zone the problem's times are written in (default Asia/Shanghai, the demo network's). */
  timeZone?: string;
  /** A fixed travel section (tests); otherwise `routing` decides, else the contract's great-circle model. */
  travel?: Travel;
  /** With OSRM configured, the problem gets a matrix from its table service (or a logged fallback). */
  routing?: Routing;
  /** Default: a courier leaves 30 min after `now` at engineer speed; null: no courier service. */
  courier?: Courier | null;
}

export interface DispatchProblemBuilder {
  build(options?: DispatchBuildOptions): Promise<{ problem: Problem; snapshot: DispatchSnapshot }>;
}

/** Where an engineer who reported a position today starts from (a location of its own). */
export const positionLocationId = (engineerId: string): string => `POS-${engineerId}`;

const DEFAULT_COURIER: Courier = { handlingMinutes: 30, speedFactor: 1 };
const PIN_FIRST_STATUSES = new Set(['en_route', 'on_site']);

/**
 * Builds today's dispatch problem from the database: one repeatable-read transaction, one query
 * per kind of row, then plain assembly. The result is parsed with the solver's schema, so what
 * this returns is exactly what `solve`, `prepareCandidates` and `scripts/plan.ts` accept.
 */
export function createDispatchProblemBuilder(deps: DispatchProblemBuilderDeps): DispatchProblemBuilder {
  const repository = createDispatchProblemRepository();
  const timeZone = deps.timeZone ?? 'Asia/Shanghai';

  return {
    async build(options = {}) {
      const now = deps.now();
      const rows = await deps.db.transaction(async (trx) => {
        // One snapshot for every read (set here, not with knex's isolationLevel option, which
        // sends it alongside BEGIN on one pg client).
        await trx.raw('set transaction isolation level repeatable read, read only');
        const scope = { regionId: options.regionId, ticketIds: options.ticketIds };
        const tickets = await repository.tickets(trx, scope);
        const parts = await repository.ticketParts(trx, scope);
        const pinnedEngineers = [
          ...new Set(tickets.map((t) => t.assigned_engineer_id).filter((id): id is string => id !== null)),
        ];
        const engineers = await repository.engineersOnShift(trx, now, {
          regionId: options.regionId,
          alsoIds: pinnedEngineers,
        });
        const skills = await repository.skills(trx);
        const dayMs = 24 * 60 * 60 * 1000;
        const absences = await repository.absences(
          trx,
          new Date(now.getTime() - dayMs),
          new Date(now.getTime() + dayMs),
        );
        const stock = await repository.availableStock(trx, {
          regionId: options.regionId,
          heldByTickets: tickets.map((t) => t.id),
        });
        const skus = await repository.skus(trx);
        const stockLocations = await repository.stockLocations(trx);
        return { tickets, parts, engineers, skills, absences, stock, skus, stockLocations };
      });
      const { input, snapshot } = assemble(rows, now, options, {
        timeZone,
        travel: deps.travel,
        courier: deps.courier === undefined ? DEFAULT_COURIER : deps.courier,
      });
      if (!deps.travel && deps.routing?.configured === 'osrm') {
        // Road times for exactly the places this problem visits, asked after the transaction.
        const routed = await travelForProblem(deps.routing, input.locations);
        input.travel = routed.travel;
        snapshot.travel = {
          source: routed.source,
          ...(routed.fallbackReason ? { fallbackReason: routed.fallbackReason } : {}),
        };
      } else if (!deps.travel) {
        snapshot.travel = { source: 'great-circle' };
      }
      return { problem: Problem.parse(input), snapshot };
    },
  };
}

type Rows = {
  tickets: DispatchTicketRow[];
  parts: Awaited<ReturnType<ReturnType<typeof createDispatchProblemRepository>['ticketParts']>>;
  engineers: DispatchEngineerRow[];
  skills: Array<{ engineer_id: string; skill: string; level: number }>;
  absences: Array<{ engineer_id: string; starts_at: Date; ends_at: Date }>;
  stock: Awaited<ReturnType<ReturnType<typeof createDispatchProblemRepository>['availableStock']>>;
  skus: Awaited<ReturnType<ReturnType<typeof createDispatchProblemRepository>['skus']>>;
  stockLocations: Awaited<ReturnType<ReturnType<typeof createDispatchProblemRepository>['stockLocations']>>;
};

function assemble(
  rows: Rows,
  now: Date,
  options: DispatchBuildOptions,
  settings: { timeZone: string; travel?: Travel; courier: Courier | null },
): { input: ProblemInput; snapshot: DispatchSnapshot } {
  const iso = (instant: Date) => formatInZone(instant.getTime(), settings.timeZone);
  const locations = new Map<string, Location>();
  const officeById = new Map(rows.stockLocations.map((l) => [l.id, l]));
  const addOffice = (id: string) => {
    const office = officeById.get(id);
    if (office && !locations.has(id))
      locations.set(id, { id, kind: office.kind, lat: office.lat, lon: office.lon });
    return office !== undefined;
  };

  const snapshot: DispatchSnapshot = {
    takenAt: now.toISOString(),
    stockVersions: {},
    engineerVersions: {},
    ticketVersions: {},
  };

  // Only stock that can serve some ticket (asked-for parts and units, and what supersedes them).
  const dispatchable = rows.tickets.filter((t) => t.skill !== null);
  const dispatchableIds = new Set(dispatchable.map((t) => t.id));
  const relevant = relevantSkus(
    {
      parts: rows.parts.filter((p) => dispatchableIds.has(p.ticket_id)).map((p) => p.sku_id),
      models: dispatchable.flatMap((t) => (t.spare_unit_model_id ? [t.spare_unit_model_id] : [])),
    },
    rows.skus,
  );

  // Engineers: today's shift less absences, starting where they are (or from their office).
  const skillsByEngineer = groupBy(rows.skills, (s) => s.engineer_id);
  const absencesByEngineer = groupBy(rows.absences, (a) => a.engineer_id);
  const vanStockByLocation = groupBy(
    rows.stock.filter((s) => s.location_kind === 'van' && relevant.has(s.sku_id)),
    (s) => s.location_id,
  );
  const engineers: Engineer[] = [];
  for (const row of rows.engineers) {
    const window = workingWindow(
      { start: row.shift_start.getTime(), end: row.shift_end.getTime() },
      (absencesByEngineer.get(row.id) ?? []).map((a) => ({
        start: a.starts_at.getTime(),
        end: a.ends_at.getTime(),
      })),
      now.getTime(),
    );
    if (!window || !addOffice(row.home_office_id)) continue;
    let start = row.home_office_id;
    if (row.position_today && row.position_lat !== null && row.position_lon !== null) {
      start = positionLocationId(row.id);
      locations.set(start, { id: start, kind: 'office', lat: row.position_lat, lon: row.position_lon });
    }
    const vanStock: Record<string, number> = {};
    for (const record of row.van_location_id ? (vanStockByLocation.get(row.van_location_id) ?? []) : []) {
      vanStock[record.sku_id] = record.available;
      snapshot.stockVersions[`${record.location_id}:${record.sku_id}`] = record.version;
    }
    engineers.push({
      id: row.id,
      start,
      end: row.home_office_id,
      availableFrom: iso(new Date(window.start)),
      shiftEnd: iso(new Date(window.end)),
      skills: Object.fromEntries((skillsByEngineer.get(row.id) ?? []).map((s) => [s.skill, s.level])),
      vanStock,
      maxJobs: row.max_jobs_per_day,
      ...(row.van_capacity !== null ? { capacity: row.van_capacity } : {}),
    });
    snapshot.engineerVersions[row.id] = row.version;
  }
  const working = new Set(engineers.map((e) => e.id));

  // Stock at depots and offices: what is available now (reserved units are someone else's).
  const stock: StockRecord[] = [];
  for (const record of rows.stock) {
    if (record.location_kind === 'van' || !relevant.has(record.sku_id) || !addOffice(record.location_id))
      continue;
    stock.push({ location: record.location_id, sku: record.sku_id, qty: record.available });
    snapshot.stockVersions[`${record.location_id}:${record.sku_id}`] = record.version;
  }

  // Tickets: deadlines from their running clocks; work already under way keeps its engineer.
  const partsByTicket = groupBy(rows.parts, (p) => p.ticket_id);
  const tickets: Ticket[] = [];
  for (const row of rows.tickets) {
    if (row.skill === null) continue; // no equipment, no fault code: nothing says who can do it
    locations.set(row.site_id, { id: row.site_id, kind: 'site', lat: row.site_lat, lon: row.site_lon });
    const parts = (partsByTicket.get(row.id) ?? []).map((p) => ({ sku: p.sku_id, qty: p.qty }));
    const load = (partsByTicket.get(row.id) ?? []).reduce((sum, p) => sum + p.qty * p.load_units, 0);
    const pinnedTo = row.assigned_engineer_id !== null && working.has(row.assigned_engineer_id);
    tickets.push({
      id: row.id,
      site: row.site_id,
      level: row.level as 1 | 2 | 3,
      tier: row.tier,
      skill: row.skill,
      minSkillLevel: Math.min(3, Math.max(1, row.min_skill_level)),
      serviceMinutes: row.service_minutes,
      parts,
      spareUnit: row.spare_unit_model_id ? { model: row.spare_unit_model_id } : null,
      due: {
        onsite: row.onsite_due ? iso(row.onsite_due) : null,
        spareUnit: row.spare_unit_model_id && row.spare_unit_due ? iso(row.spare_unit_due) : null,
      },
      load,
      earliestStart: null,
      pin:
        pinnedTo && row.status !== 'reported' && row.status !== 'acknowledged'
          ? { engineer: row.assigned_engineer_id!, first: PIN_FIRST_STATUSES.has(row.status) }
          : null,
      previousEngineer: pinnedTo ? row.assigned_engineer_id : null,
    });
    snapshot.ticketVersions[row.id] = row.version;
  }

  const skus: Sku[] = rows.skus
    .filter((row) => relevant.has(row.id))
    .map((row) => ({
      sku: row.id,
      kind: row.kind,
      ...(row.model_id ? { model: row.model_id } : {}),
      fits: row.fits,
      supersedes: row.supersedes.filter((older) => relevant.has(older)),
    }));

  if (options.mode === 'candidates') {
    const asked = options.ticketIds?.[0];
    if (asked !== undefined ? !tickets.some((t) => t.id === asked) : tickets.length === 0)
      throw problems.conflict(
        asked !== undefined
          ? `ticket ${asked} is not open work someone can be sent to (unknown, closed, done on site, or without a skill)`
          : 'no open ticket in scope to ask candidates for',
        'no-dispatchable-ticket',
      );
  }
  const input: ProblemInput = {
    now: iso(now),
    locations: [...locations.values()],
    engineers,
    stock,
    skus,
    tickets,
    ...(settings.travel ? { travel: settings.travel } : {}),
    courier: settings.courier,
    options: {
      mode: options.mode ?? 'plan',
      // Candidates for the first ticket asked for (the schema's default is the first ticket).
      ...(options.mode === 'candidates' && options.ticketIds?.length
        ? { ticket: options.ticketIds[0]! }
        : {}),
      ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    },
  };
  return { input, snapshot };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
