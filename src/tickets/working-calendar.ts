import type { Knex } from 'knex';
import {
  chinaWorkingCalendar,
  createWorkingCalendar,
  DEFAULT_TIME_ZONE,
  type WorkingCalendar,
} from '../commitments/index.ts';
import { toIsoDate } from '../http/schemas.ts';

/**
 * The working calendar that "N working days" clocks run on: holidays and make-up working days
 * from the calendar_days table (seeded from data/holidays-cn.json, editable by an administrator),
 * in the time zone of the site's region. How firmly each year is known comes from the bundled
 * holiday data; a year that only the table lists was entered by hand from the official notice.
 */
export async function loadWorkingCalendar(
  db: Knex,
  timeZone: string = DEFAULT_TIME_ZONE,
): Promise<WorkingCalendar> {
  const rows = (await db('calendar_days').select('day', 'kind')) as Array<{
    day: string | Date;
    kind: 'holiday' | 'workday';
  }>;
  const days = rows.map((row) => ({ day: toIsoDate(row.day)!, kind: row.kind }));
  const years = new Map(chinaWorkingCalendar().years);
  for (const { day } of days) {
    const year = Number(day.slice(0, 4));
    if (!years.has(year)) years.set(year, 'official');
  }
  return createWorkingCalendar({
    timeZone,
    holidays: days.filter((row) => row.kind === 'holiday').map((row) => row.day),
    makeUpWorkdays: days.filter((row) => row.kind === 'workday').map((row) => row.day),
    years,
  });
}
