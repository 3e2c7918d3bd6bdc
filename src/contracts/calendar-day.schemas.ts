import { z } from 'zod';
import { IsoDate } from '../http/schemas.ts';

/**
 * Days that break the Monday-to-Friday rule of working-day clocks: a holiday is a weekday off, a
 * workday a Saturday or Sunday worked (调休, the make-up days around long holidays).
 */
export const CalendarDayKind = z.enum(['holiday', 'workday']);

export const CalendarDay = z
  .object({
    day: IsoDate,
    kind: CalendarDayKind,
    name: z.string().min(1).max(100).nullable(),
  })
  .openapi('CalendarDay');
export type CalendarDay = z.infer<typeof CalendarDay>;

/** A year as it comes in a path or a query: four digits. */
export const Year = z
  .string()
  .regex(/^\d{4}$/, 'must be a year such as 2027')
  .transform(Number)
  .pipe(z.number().int().min(1900).max(2200));

export const CalendarYearQuery = z.object({ year: Year });

export const CalendarYearParams = z.object({ year: Year });

const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

export const CalendarYearPut = z
  .object({
    days: z.array(CalendarDay.extend({ name: CalendarDay.shape.name.default(null) }).strict()).max(366),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.days.forEach((entry, index) => {
      if (seen.has(entry.day))
        ctx.addIssue({
          code: 'custom',
          path: ['days', index, 'day'],
          message: `${entry.day} is listed twice`,
        });
      seen.add(entry.day);
      if (entry.kind === 'holiday' && isWeekend(entry.day))
        ctx.addIssue({
          code: 'custom',
          path: ['days', index, 'day'],
          message: `${entry.day} is a weekend day: already off`,
        });
      if (entry.kind === 'workday' && !isWeekend(entry.day))
        ctx.addIssue({
          code: 'custom',
          path: ['days', index, 'day'],
          message: `${entry.day} is a weekday: already worked`,
        });
    });
  })
  .openapi('CalendarYearPut');
export type CalendarYearPut = z.infer<typeof CalendarYearPut>;

export const CalendarYear = z
  .object({ year: z.number().int(), days: z.array(CalendarDay) })
  .openapi('CalendarYear');
export type CalendarYear = z.infer<typeof CalendarYear>;
