import { z } from 'zod';
import { Plan } from '../../solver/index.ts';
import { Id, IsoDateTime } from '../http/schemas.ts';

export const PlanStatus = z.enum(['solving', 'solved', 'failed', 'committed', 'stale']);
export type PlanStatus = z.infer<typeof PlanStatus>;

/** What started a plan: a dispatcher, or a new level-1 ticket (a re-plan that keeps pinned work). */
export const PlanTrigger = z.enum(['manual', 'level-1']);
export type PlanTrigger = z.infer<typeof PlanTrigger>;

export const PlanCreate = z
  .object({
    regionId: Id.optional(),
    timeLimitMs: z.number().int().min(10).max(600_000).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
  })
  .strict()
  .openapi('DispatchPlanCreate');
export type PlanCreate = z.infer<typeof PlanCreate>;

export const PlanAccepted = z
  .object({ id: z.string(), status: PlanStatus, location: z.string() })
  .openapi('DispatchPlanAccepted');

/** The plan in numbers, for a list and a dashboard. */
export const PlanKpis = z
  .object({
    tickets: z.number().int(),
    assigned: z.number().int(),
    unassigned: z.number().int(),
    engineersUsed: z.number().int(),
    pinned: z.number().int(),
    moved: z.number().int(),
    commitmentsMet: z.number().int(),
    commitmentsMissed: z.number().int(),
    byLevel: z.record(z.string(), z.tuple([z.number().int(), z.number().int()])),
    lateMinutes: z.number(),
    travelMinutes: z.number(),
    courierMinutes: z.number(),
    objective: z.array(z.number()),
    solverMs: z.number(),
  })
  .openapi('DispatchPlanKpis');
export type PlanKpis = z.infer<typeof PlanKpis>;

export const PlanValidationView = z
  .object({
    valid: z.boolean(),
    violationCount: z.number().int(),
    violations: z.array(z.object({ rule: z.string(), message: z.string() }).loose()),
  })
  .openapi('DispatchPlanValidation');
export type PlanValidationView = z.infer<typeof PlanValidationView>;

export const PlanSummaryView = z
  .object({
    id: z.string(),
    status: PlanStatus,
    trigger: PlanTrigger,
    regionId: z.string().nullable(),
    options: z.object({ timeLimitMs: z.number().optional(), seed: z.number().optional() }),
    createdBy: z.string(),
    createdAt: z.string(),
    solvedAt: z.string().nullable(),
    committedAt: z.string().nullable(),
    buildMs: z.number().nullable(),
    solveMs: z.number().nullable(),
    kpis: PlanKpis.nullable(),
    valid: z.boolean().nullable(),
    error: z.string().nullable(),
  })
  .openapi('DispatchPlanSummary');
export type PlanSummaryView = z.infer<typeof PlanSummaryView>;

export const PlanView = PlanSummaryView.extend({
  validation: PlanValidationView.nullable(),
  plan: Plan.nullable(),
  snapshot: z
    .object({
      takenAt: IsoDateTime,
      stockVersions: z.record(z.string(), z.number()),
      engineerVersions: z.record(z.string(), z.number()),
      ticketVersions: z.record(z.string(), z.number()),
    })
    .nullable(),
}).openapi('DispatchPlan');
export type PlanView = z.infer<typeof PlanView>;

export const PlanListQuery = z.object({
  status: PlanStatus.optional(),
  trigger: PlanTrigger.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PlanListQuery = z.infer<typeof PlanListQuery>;

export const PlanList = z.object({ items: z.array(PlanSummaryView) }).openapi('DispatchPlanList');

export const PlanCommitResult = z
  .object({
    id: z.string(),
    status: z.literal('committed'),
    committedAt: z.string(),
    assignments: z.number().int(),
    ticketsAssigned: z.number().int(),
    reservations: z.array(
      z.object({ ticketId: z.string(), locationId: z.string(), skuId: z.string(), qty: z.number().int() }),
    ),
  })
  .openapi('DispatchPlanCommit');
export type PlanCommitResult = z.infer<typeof PlanCommitResult>;

export const PlanRouteParams = z.object({ id: Id, engineerId: Id });
export const PlanRouteQuery = z.object({ lang: z.enum(['en', 'zh-Hans']).default('en') });
