import type { Knex } from 'knex';
import type { Plan, Problem } from '../../solver/index.ts';
import { toIso } from '../http/schemas.ts';
import type {
  PlanKpis,
  PlanListQuery,
  PlanStatus,
  PlanSummaryView,
  PlanTrigger,
  PlanValidationView,
  PlanView,
} from './dispatch-plan.schemas.ts';
import type { DispatchSnapshot } from './problem-builder.ts';

interface PlanRow {
  id: string;
  status: PlanStatus;
  trigger: PlanTrigger;
  region_id: string | null;
  options: { timeLimitMs?: number; seed?: number };
  problem: Problem | null;
  snapshot: DispatchSnapshot | null;
  plan: Plan | null;
  kpis: PlanKpis | null;
  validation: PlanValidationView | null;
  error: string | null;
  created_by: string;
  created_at: Date;
  solved_at: Date | null;
  build_ms: number | null;
  solve_ms: number | null;
  committed_at: Date | null;
  committed_by: string | null;
}

/** A stored plan with everything a commit needs. */
export interface PlanRecord {
  id: string;
  status: PlanStatus;
  trigger: PlanTrigger;
  problem: Problem | null;
  snapshot: DispatchSnapshot | null;
  plan: Plan | null;
  validation: PlanValidationView | null;
}

export interface NewAssignment {
  planId: string;
  ticketId: string;
  engineerId: string;
  sequence: number;
  arrive: string;
  start: string;
  end: string;
  parts: unknown[];
  spareUnit: unknown;
  pinned: boolean;
  createdAt: Date;
}

const summaryColumns = [
  'id',
  'status',
  'trigger',
  'region_id',
  'options',
  'kpis',
  'error',
  'created_by',
  'created_at',
  'solved_at',
  'build_ms',
  'solve_ms',
  'committed_at',
  'validation',
] as const;

function toSummary(row: PlanRow): PlanSummaryView {
  return {
    id: row.id,
    status: row.status,
    trigger: row.trigger,
    regionId: row.region_id,
    options: row.options,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at)!,
    solvedAt: toIso(row.solved_at),
    committedAt: toIso(row.committed_at),
    buildMs: row.build_ms,
    solveMs: row.solve_ms,
    kpis: row.kpis,
    valid: row.validation ? row.validation.valid : null,
    error: row.error,
  };
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** Dispatch plans and committed assignments; rows never leave this module. */
export function createDispatchPlanRepository(db: Knex) {
  return {
    async insert(
      plan: {
        id: string;
        trigger: PlanTrigger;
        regionId: string | null;
        options: object;
        createdBy: string;
        createdAt: Date;
      },
      trx: Knex = db,
    ): Promise<void> {
      await trx('dispatch_plans').insert({
        id: plan.id,
        status: 'solving',
        trigger: plan.trigger,
        region_id: plan.regionId,
        options: json(plan.options),
        created_by: plan.createdBy,
        created_at: plan.createdAt,
      });
    },

    async saveProblem(id: string, problem: Problem, snapshot: DispatchSnapshot, buildMs: number) {
      await db('dispatch_plans')
        .where({ id })
        .update({ problem: json(problem), snapshot: json(snapshot), build_ms: Math.round(buildMs) });
    },

    async saveSolution(
      id: string,
      solution: { plan: Plan; kpis: PlanKpis; validation: PlanValidationView; solveMs: number; at: Date },
    ) {
      await db('dispatch_plans')
        .where({ id, status: 'solving' })
        .update({
          status: 'solved',
          plan: json(solution.plan),
          kpis: json(solution.kpis),
          validation: json(solution.validation),
          solve_ms: solution.solveMs,
          solved_at: solution.at,
        });
    },

    async saveFailure(id: string, error: string, at: Date) {
      await db('dispatch_plans')
        .where({ id, status: 'solving' })
        .update({ status: 'failed', error, solved_at: at });
    },

    async setStatus(id: string, status: PlanStatus, trx: Knex = db, extra: Record<string, unknown> = {}) {
      await trx('dispatch_plans')
        .where({ id })
        .update({ status, ...extra });
    },

    async anyCommitted(): Promise<boolean> {
      return (await db('dispatch_plans').where({ status: 'committed' }).first('id')) !== undefined;
    },

    /** A solved plan whose snapshot no longer holds (a commit was refused). */
    async markStale(id: string): Promise<void> {
      await db('dispatch_plans').where({ id, status: 'solved' }).update({ status: 'stale' });
    },

    async list(query: PlanListQuery): Promise<PlanSummaryView[]> {
      const rows: PlanRow[] = await db('dispatch_plans')
        .select(summaryColumns)
        .modify((q) => {
          if (query.status) q.where('status', query.status);
          if (query.trigger) q.where('trigger', query.trigger);
        })
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(query.limit);
      return rows.map(toSummary);
    },

    async view(id: string): Promise<PlanView | undefined> {
      const row: PlanRow | undefined = await db('dispatch_plans')
        .select([...summaryColumns, 'plan', 'snapshot'])
        .where({ id })
        .first();
      if (!row) return undefined;
      return { ...toSummary(row), validation: row.validation, plan: row.plan, snapshot: row.snapshot };
    },

    async problemOf(id: string): Promise<Problem | null | undefined> {
      const row = await db('dispatch_plans').select('problem').where({ id }).first();
      return row ? (row.problem as Problem | null) : undefined;
    },

    async problemAndPlan(id: string): Promise<{ problem: Problem | null; plan: Plan | null } | undefined> {
      return db('dispatch_plans').select('problem', 'plan').where({ id }).first();
    },

    /** Display names of locations, for route instructions. */
    async locationNames(ids: string[]): Promise<Map<string, string>> {
      const rows: Array<{ id: string; name: string }> = await db('locations')
        .whereIn('id', ids)
        .select('id', 'name');
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    /** The plan row, locked until the transaction ends, so two commits of one plan queue. */
    async lockForCommit(id: string, trx: Knex.Transaction): Promise<PlanRecord | undefined> {
      const row: PlanRow | undefined = await trx('dispatch_plans')
        .select('id', 'status', 'trigger', 'problem', 'snapshot', 'plan', 'validation')
        .where({ id })
        .forUpdate()
        .first();
      if (!row) return undefined;
      return {
        id: row.id,
        status: row.status,
        trigger: row.trigger,
        problem: row.problem,
        snapshot: row.snapshot,
        plan: row.plan,
        validation: row.validation,
      };
    },

    async insertAssignments(assignments: NewAssignment[], trx: Knex.Transaction): Promise<void> {
      if (assignments.length === 0) return;
      await trx.batchInsert(
        'dispatch_assignments',
        assignments.map((a) => ({
          plan_id: a.planId,
          ticket_id: a.ticketId,
          engineer_id: a.engineerId,
          sequence: a.sequence,
          planned_arrive: a.arrive,
          planned_start: a.start,
          planned_end: a.end,
          parts: json(a.parts),
          spare_unit: json(a.spareUnit),
          pinned: a.pinned,
          created_at: a.createdAt,
        })),
        500,
      );
    },

    /**
     * The engineer each ticket was given by the most recent committed plan, for the tickets that
     * are still with that engineer (a later manual reassignment wins).
     */
    async committedEngineers(ticketIds: string[], trx: Knex = db): Promise<Map<string, string>> {
      if (ticketIds.length === 0) return new Map();
      const rows: Array<{ ticket_id: string; engineer_id: string }> = await trx('dispatch_assignments as a')
        .join('dispatch_plans as p', 'p.id', 'a.plan_id')
        .join('tickets as t', 't.id', 'a.ticket_id')
        .where('p.status', 'committed')
        .whereIn('a.ticket_id', ticketIds)
        .whereRaw('t.assigned_engineer_id = a.engineer_id')
        .orderBy('p.committed_at', 'asc')
        .select('a.ticket_id', 'a.engineer_id');
      return new Map(rows.map((row) => [row.ticket_id, row.engineer_id]));
    },
  };
}

export type DispatchPlanRepository = ReturnType<typeof createDispatchPlanRepository>;
