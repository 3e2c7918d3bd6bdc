import { z } from 'zod';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id, IsoDateTime } from '../http/schemas.ts';

const SkillName = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes');
export const Skills = z.record(SkillName, z.number().int().min(1).max(3));

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
export const Shift = z
  .object({ weekday: z.number().int().min(1).max(7), startsAt: LocalTime, endsAt: LocalTime })
  .strict()
  .refine((shift) => shift.endsAt > shift.startsAt, {
    message: 'must end after it starts',
    path: ['endsAt'],
  });
export type Shift = z.infer<typeof Shift>;

const uniqueWeekdays = (shifts: Shift[]) =>
  new Set(shifts.map((shift) => shift.weekday)).size === shifts.length;

export const Absence = z
  .object({ id: z.number().int(), startsAt: z.string(), endsAt: z.string(), reason: z.string().nullable() })
  .openapi('Absence');
export type Absence = z.infer<typeof Absence>;

export const AbsenceCreate = z
  .object({ startsAt: IsoDateTime, endsAt: IsoDateTime, reason: z.string().max(200).optional() })
  .strict()
  .refine((value) => Date.parse(value.endsAt) > Date.parse(value.startsAt), {
    message: 'must end after it starts',
    path: ['endsAt'],
  });
export type AbsenceCreate = z.infer<typeof AbsenceCreate>;

export const Engineer = z
  .object({
    id: Id,
    name: z.string(),
    homeOfficeId: Id,
    vanLocationId: Id.nullable(),
    phone: z.string().nullable(),
    vanCapacity: z.number().nullable(),
    maxJobsPerDay: z.number().int(),
    active: z.boolean(),
    skills: Skills,
    shifts: z.array(Shift),
    absences: z.array(Absence),
    position: z.object({ lat: z.number(), lon: z.number(), at: z.string() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Engineer');
export type Engineer = z.infer<typeof Engineer>;

export const EngineerCreate = z
  .object({
    id: Id,
    name: z.string().min(1).max(200),
    homeOfficeId: Id,
    phone: z.string().max(50).optional(),
    vanCapacity: z.number().min(0).max(10_000).optional(),
    maxJobsPerDay: z.number().int().min(0).max(50).optional(),
    skills: Skills.default({}),
    shifts: z.array(Shift).max(7).refine(uniqueWeekdays, 'one shift per weekday').default([]),
    active: z.boolean().optional(),
  })
  .strict()
  .openapi('EngineerCreate');
export type EngineerCreate = z.infer<typeof EngineerCreate>;

export const EngineerUpdate = z
  .object({
    name: z.string().min(1).max(200),
    homeOfficeId: Id,
    phone: z.string().max(50).nullable(),
    vanCapacity: z.number().min(0).max(10_000).nullable(),
    maxJobsPerDay: z.number().int().min(0).max(50),
    skills: Skills,
    shifts: z.array(Shift).max(7).refine(uniqueWeekdays, 'one shift per weekday'),
    active: z.boolean(),
  })
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' })
  .openapi('EngineerUpdate');
export type EngineerUpdate = z.infer<typeof EngineerUpdate>;

export const PositionUpdate = z
  .object({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    at: IsoDateTime.optional(),
  })
  .strict()
  .openapi('PositionUpdate');
export type PositionUpdate = z.infer<typeof PositionUpdate>;

export const EngineerListQuery = listQuery(['id', 'name', 'createdAt'], {
  homeOfficeId: Id.optional(),
  skill: SkillName.optional(),
  minLevel: z.coerce.number().int().min(1).max(3).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type EngineerListQuery = z.infer<typeof EngineerListQuery>;

export const EngineerPage = pageSchema(Engineer).openapi('EngineerPage');
