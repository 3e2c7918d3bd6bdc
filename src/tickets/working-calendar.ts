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
 *
 * Building it per ticket cost more than the rest of the intake's arithmetic, so calendars are
 * kept by a fingerprint of the table's content, read with every call: an edit by any replica is
 * seen by the next call, exactly as if nothing were cached.
 */
export async function loadWorkingCalendar(
  db: Knex,
  timeZone: string = DEFAULT_TIME_ZONE,
): Promise<WorkingCalendar> {
  return workingCalendarFor(db, await calendarFingerprint(db), timeZone);
}

/**
 * The working calendar for a fingerprint the caller read itself (batched intake reads it with
 * its other facts): the kept calendar when the content is known, else read and built.
 */
export async function workingCalendarFor(
  db: Knex,
  fingerprint: string,
  timeZone: string = DEFAULT_TIME_ZONE,
): Promise<WorkingCalendar> {
  let byZone = calendarsByFingerprint.get(fingerprint);
  if (!byZone) {
    byZone = new Map();
    calendarsByFingerprint.set(fingerprint, byZone);
    if (calendarsByFingerprint.size > KEPT_FINGERPRINTS)
      calendarsByFingerprint.delete(calendarsByFingerprint.keys().next().value!);
  }
  const calendar = byZone.get(timeZone);
  if (calendar) return calendar;
  // Built from the rows and filed under their own fingerprint, read in the same statement: an
  // edit committed since the fingerprint above cannot be filed under the old content.
  const read = await readCalendarDays(db);
  const built = calendarOf(read.days, timeZone);
  if (read.fingerprint === fingerprint) byZone.set(timeZone, built);
  return built;
}

/** Calendar contents kept (databases of tests, a table being edited); the oldest goes first. */
const KEPT_FINGERPRINTS = 8;
const calendarsByFingerprint = new Map<string, Map<string, WorkingCalendar>>();

/** A digest of every row of calendar_days: it changes with any insert, update or delete. */
export const CALENDAR_FINGERPRINT_SQL = `select md5(coalesce(string_agg(day::text || ':' || kind, ',' order by day), '')) from calendar_days`;

async function calendarFingerprint(db: Knex): Promise<string> {
  const result = await db.raw(CALENDAR_FINGERPRINT_SQL);
  return (result.rows as Array<{ md5: string }>)[0]!.md5;
}

interface CalendarDay {
  day: string;
  kind: 'holiday' | 'workday';
}

async function readCalendarDays(db: Knex): Promise<{ fingerprint: string; days: CalendarDay[] }> {
  const result = await db.raw(
    `select (${CALENDAR_FINGERPRINT_SQL}) as fingerprint,
       (select coalesce(json_agg(json_build_object('day', day, 'kind', kind)), '[]') from calendar_days) as days`,
  );
  const row = (result.rows as Array<{ fingerprint: string; days: unknown }>)[0]!;
  const days = (typeof row.days === 'string' ? JSON.parse(row.days) : row.days) as CalendarDay[];
  return { fingerprint: row.fingerprint, days: days.map((d) => ({ day: toIsoDate(d.day)!, kind: d.kind })) };
}

/** The calendar built from the table, never cached (what the cache must always equal). */
export async function buildWorkingCalendar(
  db: Knex,
  timeZone: string = DEFAULT_TIME_ZONE,
): Promise<WorkingCalendar> {
  return calendarOf((await readCalendarDays(db)).days, timeZone);
}

function calendarOf(days: readonly CalendarDay[], timeZone: string): WorkingCalendar {
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
