import { CommitmentError } from './errors.ts';
import {
  MINUTE_MS,
  addDays,
  assertTimeZone,
  dayOfWeek,
  fromLocal,
  isLocalDate,
  toEpochMs,
  toLocal,
  type Instant,
  type LocalDate,
} from './zoned-time.ts';

/**
 * The two calendars a commitment clock can run on.
 *
 * - 7×24: elapsed time. "4 hours" is 240 minutes after the start, nights and holidays included.
 * - Working days: Monday to Friday in a time zone, minus holidays, plus make-up working days
 *   (调休: a Saturday or Sunday that is officially a working day). "Due in N working days" is the
 *   same local time of day on the N-th working day after the start day.
 *
 * A start that is not inside a working day (a Saturday, a holiday, or exactly local midnight)
 * counts whole working days from the start of the next working day, so the clock falls due at the
 * end (24:00) of the N-th working day. That is the reading that gives the customer N full working
 * days and agrees with the mid-day rule: a start at 00:00 on Tuesday and a start at 00:01 on
 * Tuesday fall due one minute apart, even when a holiday follows the N-th working day.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** How firmly a year's holiday list is known: published by the government, or projected. */
export type HolidayDataStatus = 'official' | 'provisional';

export interface WorkingCalendar {
  readonly timeZone: string;
  /** Local dates that are not working days although they fall on Monday to Friday. */
  readonly holidays: ReadonlySet<LocalDate>;
  /** Local Saturdays and Sundays that are working days. */
  readonly makeUpWorkdays: ReadonlySet<LocalDate>;
  /** Years whose holidays the lists cover; a year absent here has only weekends. */
  readonly years: ReadonlyMap<number, HolidayDataStatus>;
}

export interface WorkingCalendarOptions {
  timeZone?: string;
  holidays?: Iterable<LocalDate>;
  makeUpWorkdays?: Iterable<LocalDate>;
  years?: Iterable<readonly [number, HolidayDataStatus]>;
}

export function createWorkingCalendar(options: WorkingCalendarOptions = {}): WorkingCalendar {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  assertTimeZone(timeZone);
  const holidays = new Set(options.holidays ?? []);
  const makeUpWorkdays = new Set(options.makeUpWorkdays ?? []);
  const issues = [
    ...[...holidays]
      .filter((d) => !isLocalDate(d))
      .map((d) => ({ path: 'holidays', message: `${d} is not a date` })),
    ...[...makeUpWorkdays]
      .filter((d) => !isLocalDate(d))
      .map((d) => ({ path: 'makeUpWorkdays', message: `${d} is not a date` })),
    ...[...makeUpWorkdays]
      .filter((d) => holidays.has(d))
      .map((d) => ({ path: 'makeUpWorkdays', message: `${d} is also listed as a holiday` })),
  ];
  if (issues.length) throw new CommitmentError('invalid-holidays', 'invalid working calendar', issues);
  return { timeZone, holidays, makeUpWorkdays, years: new Map(options.years ?? []) };
}

export function isWorkingDay(calendar: WorkingCalendar, date: LocalDate): boolean {
  if (calendar.makeUpWorkdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = dayOfWeek(date);
  return weekday >= 1 && weekday <= 5;
}

/** No real calendar has a year without a working day; a longer search means broken data. */
const MAX_SEARCH_DAYS = 366;

/** The first working day on or after `date`. */
export function firstWorkingDayFrom(calendar: WorkingCalendar, date: LocalDate): LocalDate {
  for (let offset = 0; offset <= MAX_SEARCH_DAYS; offset += 1) {
    const candidate = addDays(date, offset);
    if (isWorkingDay(calendar, candidate)) return candidate;
  }
  throw new CommitmentError('invalid-holidays', 'the calendar has no working day within a year', [
    { path: 'holidays', message: `no working day after ${date}` },
  ]);
}

/** The `count`-th working day after `date` (`count` ≥ 1); `date` itself never counts. */
export function nthWorkingDayAfter(calendar: WorkingCalendar, date: LocalDate, count: number): LocalDate {
  let day = date;
  for (let found = 0; found < count; found += 1) day = firstWorkingDayFrom(calendar, addDays(day, 1));
  return day;
}

function assertWholePositive(value: number, path: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new CommitmentError('invalid-input', 'not a positive whole number', [
      { path, message: `${value} is not a whole number ≥ 1` },
    ]);
  }
}

/** 7×24 arithmetic: the instant `minutes` after `start`. */
export function addElapsedMinutes(start: Instant, minutes: number): Date {
  return new Date(toEpochMs(start, 'start') + minutes * MINUTE_MS);
}

/** Working-day arithmetic: when a clock of `workingDays` working days started at `start` falls due. */
export function addWorkingDays(calendar: WorkingCalendar, start: Instant, workingDays: number): Date {
  assertWholePositive(workingDays, 'workingDays');
  const { date, msOfDay } = toLocal(toEpochMs(start, 'start'), calendar.timeZone);
  if (msOfDay > 0 && isWorkingDay(calendar, date)) {
    const dueDay = nthWorkingDayAfter(calendar, date, workingDays);
    return new Date(fromLocal(dueDay, msOfDay, calendar.timeZone));
  }
  const firstDay = firstWorkingDayFrom(calendar, date);
  const lastDay = workingDays === 1 ? firstDay : nthWorkingDayAfter(calendar, firstDay, workingDays - 1);
  return new Date(fromLocal(addDays(lastDay, 1), 0, calendar.timeZone));
}

/**
 * The weakest holiday data behind the local dates from `from` to `to`: 'missing' when a year in
 * between has no list (only weekends are known there), else 'provisional' or 'official'.
 */
export function holidayDataStatus(
  calendar: WorkingCalendar,
  from: Instant,
  to: Instant,
): HolidayDataStatus | 'missing' {
  const firstYear = Number(toLocal(toEpochMs(from, 'from'), calendar.timeZone).date.slice(0, 4));
  const lastYear = Number(toLocal(toEpochMs(to, 'to'), calendar.timeZone).date.slice(0, 4));
  let status: HolidayDataStatus = 'official';
  for (let year = firstYear; year <= lastYear; year += 1) {
    const known = calendar.years.get(year);
    if (!known) return 'missing';
    if (known === 'provisional') status = 'provisional';
  }
  return status;
}
