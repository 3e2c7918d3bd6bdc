import { z } from 'zod';
import { ClockCalendar, ClockName, FaultCause, TicketKind } from '../commitments/index.ts';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id, IsoDateTime, QueryBoolean } from '../http/schemas.ts';
import { TICKET_STATUSES } from './lifecycle.ts';

export const TicketStatus = z.enum(TICKET_STATUSES);
export const FaultLevel = z.number().int().min(1).max(3);
export const WarrantyDecisionName = z.enum(['free', 'parts-only', 'parts-and-labour', 'not-covered']);
export const ClockState = z.enum(['met', 'at-risk', 'breached', 'running']);

const Text = (max: number) => z.string().trim().min(1).max(max);

export const TicketPart = z.strictObject({ skuId: Id, qty: z.number().int().min(1).max(1000) });
export type TicketPart = z.infer<typeof TicketPart>;

const PartList = z
  .array(TicketPart)
  .max(50)
  .superRefine((parts, ctx) => {
    const seen = new Set<string>();
    parts.forEach((part, index) => {
      if (seen.has(part.skuId))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'skuId'],
          message: 'listed twice: give one line per SKU',
        });
      seen.add(part.skuId);
    });
  });

export const TicketCreate = z
  .strictObject({
    siteId: Id,
    equipmentId: Id.nullable().optional(),
    level: FaultLevel,
    kind: TicketKind.default('fault'),
    faultCode: Text(50).nullable().optional(),
    component: Text(50).nullable().optional(),
    cause: FaultCause.nullable().optional(),
    description: z.string().max(5000).nullable().optional(),
    parts: PartList.default([]),
    needsSpareUnit: z.boolean().default(false),
    serviceMinutes: z.number().min(0).max(1440).optional(),
    reportedAt: IsoDateTime.optional(),
    reportedBy: Text(200).nullable().optional(),
  })
  .openapi('TicketCreate');
export type TicketCreate = z.infer<typeof TicketCreate>;

export const TicketUpdate = z
  .strictObject({
    description: z.string().max(5000).nullable().optional(),
    parts: PartList.optional(),
    level: FaultLevel.optional(),
    /** The version the client last saw; a change since then makes the update a 409. */
    version: z.number().int().min(1).optional(),
  })
  .refine((value) => Object.keys(value).some((key) => key !== 'version'), { message: 'nothing to update' })
  .openapi('TicketUpdate');
export type TicketUpdate = z.infer<typeof TicketUpdate>;

export const TransitionRequest = z
  .strictObject({
    to: TicketStatus.exclude(['reported']),
    engineerId: Id.optional(),
    note: z.string().max(2000).optional(),
    at: IsoDateTime.optional(),
    version: z.number().int().min(1).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.to === 'assigned' && !value.engineerId)
      ctx.addIssue({ code: 'custom', path: ['engineerId'], message: 'assigning a ticket needs an engineer' });
    if (value.to !== 'assigned' && value.engineerId)
      ctx.addIssue({ code: 'custom', path: ['engineerId'], message: 'only an assignment names an engineer' });
  })
  .openapi('TicketTransition');
export type TransitionRequest = z.infer<typeof TransitionRequest>;

/** Events that are not a status change: a spare unit delivered (stops its clock), or a note. */
export const TicketEventCreate = z
  .strictObject({
    type: z.enum(['spare-unit-delivered', 'note']),
    note: z.string().max(2000).optional(),
    at: IsoDateTime.optional(),
  })
  .openapi('TicketEventCreate');
export type TicketEventCreate = z.infer<typeof TicketEventCreate>;

export const TicketClockView = z
  .object({
    clock: ClockName,
    calendar: ClockCalendar,
    startsAt: z.string(),
    due: z.string(),
    budgetMinutes: z.number(),
    stoppedAt: z.string().nullable(),
    status: ClockState,
    /** Minutes from the stop (or from now, while running) to the due time; negative when late. */
    remainingMinutes: z.number(),
  })
  .openapi('TicketClock');
export type TicketClockView = z.infer<typeof TicketClockView>;

export const Ticket = z
  .object({
    id: z.string(),
    siteId: z.string(),
    customerId: z.string(),
    equipmentId: z.string().nullable(),
    contractId: z.string().nullable(),
    kind: TicketKind,
    level: FaultLevel,
    tier: z.enum(['A', 'B', 'C']),
    zoneKind: z.string().nullable(),
    faultCode: z.string().nullable(),
    component: z.string().nullable(),
    cause: z.string().nullable(),
    description: z.string().nullable(),
    status: TicketStatus,
    reportedAt: z.string(),
    reportedBy: z.string().nullable(),
    skill: z.string().nullable(),
    minSkillLevel: z.number().int(),
    serviceMinutes: z.number(),
    needsSpareUnit: z.boolean(),
    spareUnitModelId: z.string().nullable(),
    requiresReplacement: z.boolean(),
    replacementReason: z.string().nullable(),
    warranty: z.object({ decision: WarrantyDecisionName, reason: z.string() }).nullable(),
    assignedEngineerId: z.string().nullable(),
    parts: z.array(TicketPart),
    clocks: z.array(TicketClockView),
    /** The earliest due time among the clocks still running, or null. */
    nextDueAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Ticket');
export type Ticket = z.infer<typeof Ticket>;

export const TicketEventView = z
  .object({
    id: z.number().int(),
    type: z.string(),
    fromStatus: TicketStatus.nullable(),
    toStatus: TicketStatus.nullable(),
    actor: z.string(),
    at: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('TicketEvent');
export type TicketEventView = z.infer<typeof TicketEventView>;

export const TicketEventList = z.object({ items: z.array(TicketEventView) }).openapi('TicketEventList');

/** `?status=reported,acknowledged`: a comma-separated list of statuses. */
const StatusList = z
  .string()
  .max(500)
  .transform((value) => value.split(',').map((part) => part.trim()))
  .pipe(z.array(TicketStatus).min(1));

export const TicketListQuery = listQuery(['nextDue', 'reportedAt', 'level', 'id'], {
  status: StatusList.optional(),
  level: z.coerce.number().int().min(1).max(3).optional(),
  tier: z.enum(['A', 'B', 'C']).optional(),
  siteId: Id.optional(),
  customerId: Id.optional(),
  engineerId: Id.optional(),
  clockStatus: z.enum(['at-risk', 'breached']).optional(),
  open: QueryBoolean.optional(),
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

/** The views are fixed filters over the list: open tickets with a clock at risk, or breached. */
export const TicketViewQuery = TicketListQuery.pick({
  limit: true,
  cursor: true,
  sort: true,
  level: true,
  tier: true,
  siteId: true,
  customerId: true,
  engineerId: true,
});
export type TicketViewQuery = z.infer<typeof TicketViewQuery>;

export const TicketPage = pageSchema(Ticket).openapi('TicketPage');
