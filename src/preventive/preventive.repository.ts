import type { Knex } from 'knex';
import { paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type { PreventiveStatus, Recurrence } from './preventive-lifecycle.ts';
import type { PreventiveJob, PreventiveJobListQuery } from './preventive.schemas.ts';

/** A preventive job as stored; the window and times as Date, for the service to compute with. */
export interface PreventiveJobRecord {
  id: string;
  siteId: string;
  equipmentId: string | null;
  kind: 'inspection' | 'training';
  skill: string;
  minSkillLevel: number;
  serviceMinutes: number;
  windowStart: Date;
  windowEnd: Date;
  recurrence: Recurrence;
  status: PreventiveStatus;
  assignedEngineerId: string | null;
  doneAt: Date | null;
  reportDueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewPreventiveJob = Omit<
  PreventiveJobRecord,
  'status' | 'assignedEngineerId' | 'doneAt' | 'reportDueAt' | 'createdAt' | 'updatedAt'
>;

export type PreventiveChanges = Partial<
  Omit<PreventiveJobRecord, 'id' | 'siteId' | 'kind' | 'createdAt' | 'updatedAt'>
>;

type Row = Record<string, unknown>;

const toRecord = (row: Row): PreventiveJobRecord => ({
  id: row.id as string,
  siteId: row.site_id as string,
  equipmentId: row.equipment_id as string | null,
  kind: row.kind as PreventiveJobRecord['kind'],
  skill: row.skill as string,
  minSkillLevel: row.min_skill_level as number,
  serviceMinutes: row.service_minutes as number,
  windowStart: row.window_start as Date,
  windowEnd: row.window_end as Date,
  recurrence: row.recurrence as Recurrence,
  status: row.status as PreventiveStatus,
  assignedEngineerId: row.assigned_engineer_id as string | null,
  doneAt: row.done_at as Date | null,
  reportDueAt: row.report_due_at as Date | null,
  createdAt: row.created_at as Date,
  updatedAt: row.updated_at as Date,
});

export const toPreventiveJob = (job: PreventiveJobRecord): PreventiveJob => ({
  ...job,
  windowStart: toIso(job.windowStart)!,
  windowEnd: toIso(job.windowEnd)!,
  doneAt: toIso(job.doneAt),
  reportDueAt: toIso(job.reportDueAt),
  createdAt: toIso(job.createdAt)!,
  updatedAt: toIso(job.updatedAt)!,
});

const COLUMNS: Record<keyof PreventiveChanges, string> = {
  equipmentId: 'equipment_id',
  skill: 'skill',
  minSkillLevel: 'min_skill_level',
  serviceMinutes: 'service_minutes',
  windowStart: 'window_start',
  windowEnd: 'window_end',
  recurrence: 'recurrence',
  status: 'status',
  assignedEngineerId: 'assigned_engineer_id',
  doneAt: 'done_at',
  reportDueAt: 'report_due_at',
};

const sortColumns = {
  windowStart: 'window_start',
  windowEnd: 'window_end',
  id: 'id',
  createdAt: 'created_at',
};

export function createPreventiveJobRepository(db: Knex) {
  return {
    async list(query: PreventiveJobListQuery, trx: Knex = db): Promise<Page<PreventiveJobRecord>> {
      const builder = trx('preventive_jobs').select('*');
      if (query.status) builder.where('status', query.status);
      if (query.kind) builder.where('kind', query.kind);
      if (query.siteId) builder.where('site_id', query.siteId);
      if (query.engineerId) builder.where('assigned_engineer_id', query.engineerId);
      if (query.windowFrom) builder.where('window_end', '>', query.windowFrom);
      if (query.windowTo) builder.where('window_start', '<', query.windowTo);
      const page = await paginate<Row>(builder, {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map(toRecord), nextCursor: page.nextCursor };
    },

    async get(id: string, trx: Knex = db): Promise<PreventiveJobRecord | undefined> {
      const row = (await trx('preventive_jobs').where({ id }).first()) as Row | undefined;
      return row ? toRecord(row) : undefined;
    },

    async insert(job: NewPreventiveJob, trx: Knex = db): Promise<PreventiveJobRecord> {
      const [row] = (await trx('preventive_jobs')
        .insert({
          id: job.id,
          site_id: job.siteId,
          equipment_id: job.equipmentId,
          kind: job.kind,
          skill: job.skill,
          min_skill_level: job.minSkillLevel,
          service_minutes: job.serviceMinutes,
          window_start: job.windowStart,
          window_end: job.windowEnd,
          recurrence: job.recurrence,
        })
        .returning('*')) as Row[];
      return toRecord(row!);
    },

    /**
     * Applies changes only while the job is still in `expectedStatus`, so two concurrent changes
     * cannot both apply. Returns the changed job, or undefined when the status had moved on.
     */
    async update(
      id: string,
      expectedStatus: PreventiveStatus,
      changes: PreventiveChanges,
      trx: Knex = db,
    ): Promise<PreventiveJobRecord | undefined> {
      const update: Record<string, unknown> = { updated_at: trx.fn.now() };
      for (const [key, value] of Object.entries(changes))
        if (value !== undefined) update[COLUMNS[key as keyof PreventiveChanges]] = value;
      const [row] = (await trx('preventive_jobs')
        .where({ id, status: expectedStatus })
        .update(update)
        .returning('*')) as Row[];
      return row ? toRecord(row) : undefined;
    },

    async delete(id: string, expectedStatus: PreventiveStatus, trx: Knex = db): Promise<boolean> {
      return (await trx('preventive_jobs').where({ id, status: expectedStatus }).delete()) === 1;
    },
  };
}

export type PreventiveJobRepository = ReturnType<typeof createPreventiveJobRepository>;
