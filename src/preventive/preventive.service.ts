import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.ts';
import { addWorkingDays } from '../commitments/index.ts';
import type { Page } from '../db/pagination.ts';
import { problems } from '../http/problem.ts';
import type { IntakeContextRepository } from '../tickets/intake-context.repository.ts';
import { loadWorkingCalendar } from '../tickets/working-calendar.ts';
import {
  allowedPreventiveTransitions,
  isEditable,
  isPreventiveTransitionAllowed,
  nextWindow,
  REPORT_WORKING_DAYS,
} from './preventive-lifecycle.ts';
import {
  toPreventiveJob,
  type PreventiveJobRecord,
  type PreventiveJobRepository,
} from './preventive.repository.ts';
import type {
  PreventiveJob,
  PreventiveJobCreate,
  PreventiveJobListQuery,
  PreventiveJobUpdate,
  PreventiveTransition,
} from './preventive.schemas.ts';

/** How far ahead of the service clock a reported time may be (a caller's clock a little fast). */
const CLOCK_SKEW_MS = 60_000;

const invalid = (field: string, message: string) => problems.validation([{ field, message }]);

export function createPreventiveJobService(deps: {
  db: Knex;
  now: () => Date;
  jobs: PreventiveJobRepository;
  context: IntakeContextRepository;
}) {
  const { db, jobs, context } = deps;

  async function load(id: string, trx: Knex): Promise<PreventiveJobRecord> {
    const job = await jobs.get(id, trx);
    if (!job) throw problems.notFound('preventive job', id);
    return job;
  }

  async function assertEquipmentAtSite(equipmentId: string | null | undefined, siteId: string, trx: Knex) {
    if (!equipmentId) return;
    const equipment = await context.equipment(equipmentId, trx);
    if (!equipment || equipment.siteId !== siteId)
      throw invalid('body.equipmentId', `no equipment with id ${equipmentId} at site ${siteId}`);
  }

  async function assertQualified(job: PreventiveJobRecord, engineerId: string, trx: Knex) {
    const engineer = await context.engineer(engineerId, trx);
    if (!engineer) throw invalid('body.engineerId', `no engineer with id ${engineerId}`);
    if (!engineer.active) throw invalid('body.engineerId', `engineer ${engineerId} is not active`);
    if ((engineer.skills[job.skill] ?? 0) < job.minSkillLevel)
      throw invalid(
        'body.engineerId',
        `engineer ${engineerId} lacks skill ${job.skill} at level ${job.minSkillLevel}`,
      );
  }

  /** What a transition writes: the engineer, or the time the work was done and its report's due time. */
  async function changesFor(job: PreventiveJobRecord, request: PreventiveTransition, trx: Knex) {
    if (request.to === 'assigned') {
      await assertQualified(job, request.engineerId!, trx);
      return { status: request.to, assignedEngineerId: request.engineerId! };
    }
    if (request.to !== 'done') return { status: request.to };
    const now = deps.now();
    const doneAt = request.at ? new Date(request.at) : now;
    if (doneAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      throw invalid('body.at', `is in the future (now is ${now.toISOString()})`);
    const site = await context.site(job.siteId, trx);
    const calendar = await loadWorkingCalendar(trx, site?.timeZone);
    return { status: request.to, doneAt, reportDueAt: addWorkingDays(calendar, doneAt, REPORT_WORKING_DAYS) };
  }

  return {
    async list(query: PreventiveJobListQuery): Promise<Page<PreventiveJob>> {
      const page = await jobs.list(query);
      return { items: page.items.map(toPreventiveJob), nextCursor: page.nextCursor };
    },

    async get(id: string): Promise<PreventiveJob> {
      return toPreventiveJob(await load(id, db));
    },

    create: (input: PreventiveJobCreate, actor: string): Promise<PreventiveJob> =>
      db.transaction(async (trx) => {
        const site = await context.site(input.siteId, trx);
        if (!site) throw invalid('body.siteId', `no customer site with id ${input.siteId}`);
        await assertEquipmentAtSite(input.equipmentId, input.siteId, trx);
        const job = await jobs.insert(
          {
            ...input,
            id: input.id ?? `PJ-${randomUUID()}`,
            equipmentId: input.equipmentId ?? null,
            windowStart: new Date(input.windowStart),
            windowEnd: new Date(input.windowEnd),
          },
          trx,
        );
        await recordAudit(trx, {
          actor,
          action: 'create',
          entity: 'preventive_job',
          entityId: job.id,
          data: input,
        });
        return toPreventiveJob(job);
      }),

    update: (id: string, input: PreventiveJobUpdate, actor: string): Promise<PreventiveJob> =>
      db.transaction(async (trx) => {
        const job = await load(id, trx);
        if (!isEditable(job.status))
          throw problems.conflict(
            `preventive job ${id} is ${job.status}: its plan can no longer change`,
            'job-not-editable',
          );
        const windowStart = input.windowStart ? new Date(input.windowStart) : job.windowStart;
        const windowEnd = input.windowEnd ? new Date(input.windowEnd) : job.windowEnd;
        if (windowEnd <= windowStart) throw invalid('body.windowEnd', 'must be after windowStart');
        await assertEquipmentAtSite(input.equipmentId, job.siteId, trx);
        const updated = await jobs.update(id, job.status, { ...input, windowStart, windowEnd }, trx);
        if (!updated)
          throw problems.conflict(`preventive job ${id} changed at the same time`, 'concurrent-change');
        await recordAudit(trx, {
          actor,
          action: 'update',
          entity: 'preventive_job',
          entityId: id,
          data: input,
        });
        return toPreventiveJob(updated);
      }),

    /**
     * Moves a job along planned → assigned → done → report_filed (or cancels it). Marking
     * recurring work done plans its next occurrence.
     */
    transition: (id: string, request: PreventiveTransition, actor: string): Promise<PreventiveJob> =>
      db.transaction(async (trx) => {
        const job = await load(id, trx);
        if (!isPreventiveTransitionAllowed(job.status, request.to)) {
          const allowed = allowedPreventiveTransitions(job.status);
          throw problems.conflict(
            `a preventive job cannot go from ${job.status} to ${request.to}`,
            'illegal-transition',
            [
              {
                field: 'body.to',
                message: allowed.length ? `allowed: ${allowed.join(', ')}` : 'nothing follows',
              },
            ],
          );
        }
        const updated = await jobs.update(id, job.status, await changesFor(job, request, trx), trx);
        if (!updated)
          throw problems.conflict(`preventive job ${id} changed at the same time`, 'concurrent-change');
        const next =
          request.to === 'done'
            ? nextWindow(job.recurrence, { start: job.windowStart, end: job.windowEnd })
            : undefined;
        const nextJob = next
          ? await jobs.insert(
              { ...job, id: `PJ-${randomUUID()}`, windowStart: next.start, windowEnd: next.end },
              trx,
            )
          : undefined;
        await recordAudit(trx, {
          actor,
          action: 'transition',
          entity: 'preventive_job',
          entityId: id,
          data: { from: job.status, ...request, ...(nextJob ? { nextJobId: nextJob.id } : {}) },
        });
        return toPreventiveJob(updated);
      }),

    delete: (id: string, actor: string): Promise<void> =>
      db.transaction(async (trx) => {
        const job = await load(id, trx);
        if (job.status !== 'planned')
          throw problems.conflict(
            `preventive job ${id} is ${job.status}: cancel it instead`,
            'job-not-deletable',
          );
        if (!(await jobs.delete(id, 'planned', trx)))
          throw problems.conflict(`preventive job ${id} changed at the same time`, 'concurrent-change');
        await recordAudit(trx, { actor, action: 'delete', entity: 'preventive_job', entityId: id });
      }),
  };
}

export type PreventiveJobService = ReturnType<typeof createPreventiveJobService>;
