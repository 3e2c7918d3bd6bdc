import { z } from 'zod';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id, IsoDateTime } from '../http/schemas.ts';
import { PREVENTIVE_STATUSES } from './preventive-lifecycle.ts';

export const PreventiveKind = z.enum(['inspection', 'training']);
export const Recurrence = z.enum(['once', 'monthly', 'twice-a-year']);
export const PreventiveStatus = z.enum(PREVENTIVE_STATUSES);

const windowIssue = (value: { windowStart?: string; windowEnd?: string }, ctx: z.RefinementCtx) => {
  if (value.windowStart && value.windowEnd && Date.parse(value.windowEnd) <= Date.parse(value.windowStart))
    ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'must be after windowStart' });
};

const fields = {
  equipmentId: Id.nullable(),
  skill: z.string().trim().min(1).max(50),
  minSkillLevel: z.number().int().min(1).max(3),
  serviceMinutes: z.number().min(0).max(1440),
  windowStart: IsoDateTime,
  windowEnd: IsoDateTime,
  recurrence: Recurrence,
};

export const PreventiveJobCreate = z
  .strictObject({
    id: Id.optional(),
    siteId: Id,
    kind: PreventiveKind,
    ...fields,
    equipmentId: fields.equipmentId.optional(),
    minSkillLevel: fields.minSkillLevel.default(1),
    recurrence: fields.recurrence.default('once'),
  })
  .superRefine(windowIssue)
  .openapi('PreventiveJobCreate');
export type PreventiveJobCreate = z.infer<typeof PreventiveJobCreate>;

export const PreventiveJobUpdate = z
  .strictObject(fields)
  .partial()
  .superRefine(windowIssue)
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' })
  .openapi('PreventiveJobUpdate');
export type PreventiveJobUpdate = z.infer<typeof PreventiveJobUpdate>;

export const PreventiveTransition = z
  .strictObject({
    to: PreventiveStatus.exclude(['planned']),
    engineerId: Id.optional(),
    at: IsoDateTime.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.to === 'assigned' && !value.engineerId)
      ctx.addIssue({ code: 'custom', path: ['engineerId'], message: 'assigning a job needs an engineer' });
    if (value.to !== 'assigned' && value.engineerId)
      ctx.addIssue({ code: 'custom', path: ['engineerId'], message: 'only an assignment names an engineer' });
  })
  .openapi('PreventiveJobTransition');
export type PreventiveTransition = z.infer<typeof PreventiveTransition>;

export const PreventiveJob = z
  .object({
    id: z.string(),
    siteId: z.string(),
    equipmentId: z.string().nullable(),
    kind: PreventiveKind,
    skill: z.string(),
    minSkillLevel: z.number().int(),
    serviceMinutes: z.number(),
    windowStart: z.string(),
    windowEnd: z.string(),
    recurrence: Recurrence,
    status: PreventiveStatus,
    assignedEngineerId: z.string().nullable(),
    doneAt: z.string().nullable(),
    /** The inspection or training report is due 3 working days after the work is done. */
    reportDueAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('PreventiveJob');
export type PreventiveJob = z.infer<typeof PreventiveJob>;

export const PreventiveJobListQuery = listQuery(['windowStart', 'windowEnd', 'id', 'createdAt'], {
  status: PreventiveStatus.optional(),
  kind: PreventiveKind.optional(),
  siteId: Id.optional(),
  engineerId: Id.optional(),
  /** Jobs whose window overlaps [windowFrom, windowTo]: what can be planned for a day or a week. */
  windowFrom: IsoDateTime.optional(),
  windowTo: IsoDateTime.optional(),
});
export type PreventiveJobListQuery = z.infer<typeof PreventiveJobListQuery>;

export const PreventiveJobPage = pageSchema(PreventiveJob).openapi('PreventiveJobPage');
