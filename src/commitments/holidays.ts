import { z } from 'zod';
import holidaysCn from '../../data/holidays-cn.json' with { type: 'json' };
import { createWorkingCalendar, type WorkingCalendar } from './calendar.ts';
import { CommitmentError, issuesFromZod } from './errors.ts';
import { addDays, dayOfWeek, isLocalDate } from './zoned-time.ts';

/**
 * The holiday data file (data/holidays-cn.json). Its dates come from the State Council General
 * Office's yearly notice (国务院办公厅关于<year>年部分节假日安排的通知, www.gov.cn), which appears
 * in November or December for the next year: the file must be updated every year, and a year
 * marked 'provisional' replaced by the notice as soon as it is published.
 */

const LocalDateString = z.string().refine(isLocalDate, 'expected a valid YYYY-MM-DD date');

const HolidayBlock = z.strictObject({
  name: z.strictObject({ en: z.string().min(1), zh: z.string().min(1) }),
  from: LocalDateString,
  to: LocalDateString,
});

const HolidayYear = z.strictObject({
  status: z.enum(['official', 'provisional']),
  source: z.string().min(1),
  holidays: z.array(HolidayBlock),
  makeUpWorkdays: z.array(LocalDateString),
});

export const HolidayData = z
  .strictObject({
    description: z.string(),
    timeZone: z.string().min(1),
    years: z.record(z.string().regex(/^\d{4}$/), HolidayYear),
  })
  .superRefine((data, ctx) => {
    for (const [year, entry] of Object.entries(data.years)) {
      entry.holidays.forEach((block, index) => {
        if (block.from > block.to) {
          ctx.addIssue({
            code: 'custom',
            path: ['years', year, 'holidays', index],
            message: 'from is after to',
          });
        }
        if (!block.from.startsWith(year) || !block.to.startsWith(year)) {
          ctx.addIssue({
            code: 'custom',
            path: ['years', year, 'holidays', index],
            message: `not in ${year}`,
          });
        }
      });
      entry.makeUpWorkdays.forEach((date, index) => {
        if (isLocalDate(date) && dayOfWeek(date) !== 0 && dayOfWeek(date) !== 6) {
          ctx.addIssue({
            code: 'custom',
            path: ['years', year, 'makeUpWorkdays', index],
            message: `${date} is not a Saturday or Sunday`,
          });
        }
      });
    }
  });
export type HolidayData = z.infer<typeof HolidayData>;

export function parseHolidayData(json: unknown): HolidayData {
  const parsed = HolidayData.safeParse(json);
  if (!parsed.success) {
    throw new CommitmentError('invalid-holidays', 'invalid holiday data', issuesFromZod(parsed.error));
  }
  return parsed.data;
}

function datesOf(block: { from: string; to: string }): string[] {
  const dates: string[] = [];
  for (let date = block.from; date <= block.to; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/** A working calendar from holiday data; `timeZone` defaults to the data's own. */
export function workingCalendarFromHolidays(data: HolidayData, timeZone = data.timeZone): WorkingCalendar {
  const years = Object.entries(data.years);
  return createWorkingCalendar({
    timeZone,
    holidays: years.flatMap(([, entry]) => entry.holidays.flatMap(datesOf)),
    makeUpWorkdays: years.flatMap(([, entry]) => entry.makeUpWorkdays),
    years: years.map(([year, entry]) => [Number(year), entry.status] as const),
  });
}

let chinaHolidays: HolidayData | undefined;

/** Mainland China's working calendar from data/holidays-cn.json, in Asia/Shanghai unless told. */
export function chinaWorkingCalendar(timeZone?: string): WorkingCalendar {
  chinaHolidays ??= parseHolidayData(holidaysCn);
  return workingCalendarFromHolidays(chinaHolidays, timeZone);
}
