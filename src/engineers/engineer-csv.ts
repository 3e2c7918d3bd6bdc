import { z } from 'zod';
import { Id } from '../http/schemas.ts';
import { EngineerCreate, type Engineer, type Shift } from './engineer.schemas.ts';

/**
 * The engineers CSV, as depot managers keep it in their ERP: one engineer a line, skills as
 * `his-server:2;xray:1`, weekly shifts as `1:08:00-18:00;2:08:00-18:00` (ISO weekday 1 = Monday).
 */
export const engineerCsvColumns = [
  'id',
  'name',
  'homeOffice',
  'phone',
  'vanCapacity',
  'maxJobsPerDay',
  'active',
  'skills',
  'shifts',
];

const optionalNumber = (schema: z.ZodNumber) => z.coerce.number().pipe(schema).optional();

const skillsCell = z
  .string()
  .optional()
  .transform((cell, ctx) => {
    const skills: Record<string, number> = {};
    for (const part of (cell ?? '').split(';').filter(Boolean)) {
      const match = /^\s*([a-z0-9][a-z0-9-]*)\s*:\s*([123])\s*$/.exec(part);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not skill:level (level 1–3)` });
        return z.NEVER;
      }
      skills[match[1]!] = Number(match[2]);
    }
    return skills;
  });

const shiftsCell = z
  .string()
  .optional()
  .transform((cell, ctx) => {
    const shifts: Shift[] = [];
    for (const part of (cell ?? '').split(';').filter(Boolean)) {
      const match = /^\s*([1-7])\s*:\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$/.exec(part);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not weekday:HH:MM-HH:MM` });
        return z.NEVER;
      }
      shifts.push({ weekday: Number(match[1]), startsAt: match[2]!, endsAt: match[3]! });
    }
    return shifts;
  });

export const EngineerCsvRow = z
  .object({
    id: Id,
    name: z.string().min(1).max(200),
    homeOffice: Id,
    phone: z.string().max(50).optional(),
    vanCapacity: optionalNumber(z.number().min(0).max(10_000)),
    maxJobsPerDay: optionalNumber(z.number().int().min(0).max(50)),
    active: z.enum(['true', 'false']).optional(),
    skills: skillsCell,
    shifts: shiftsCell,
  })
  .transform((row): z.input<typeof EngineerCreate> =>
    withoutUndefined({
      id: row.id,
      name: row.name,
      homeOfficeId: row.homeOffice,
      phone: row.phone,
      vanCapacity: row.vanCapacity,
      maxJobsPerDay: row.maxJobsPerDay,
      active: row.active === undefined ? undefined : row.active === 'true',
      skills: row.skills,
      shifts: row.shifts,
    }),
  )
  .pipe(EngineerCreate);

function withoutUndefined<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

export function engineerToCsv(engineer: Engineer): Record<string, unknown> {
  return {
    id: engineer.id,
    name: engineer.name,
    homeOffice: engineer.homeOfficeId,
    phone: engineer.phone ?? '',
    vanCapacity: engineer.vanCapacity ?? '',
    maxJobsPerDay: engineer.maxJobsPerDay,
    active: engineer.active,
    skills: Object.entries(engineer.skills)
      .map(([skill, level]) => `${skill}:${level}`)
      .join(';'),
    shifts: engineer.shifts.map((s) => `${s.weekday}:${s.startsAt}-${s.endsAt}`).join(';'),
  };
}
