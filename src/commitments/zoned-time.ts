import { CommitmentError } from './errors.ts';

/**
 * Instants and local dates in an IANA time zone, with nothing but Intl.DateTimeFormat. Instants
 * are epoch milliseconds inside the module; callers pass a Date or an ISO-8601 string that names
 * its offset, because a bare local time would silently take the server's zone.
 */

/** A point in time: a Date, or ISO-8601 with `Z` or an explicit offset. */
export type Instant = Date | string;

/** A calendar date in some time zone, `YYYY-MM-DD`. */
export type LocalDate = string;

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch milliseconds of an instant; `path` names the input in the error. */
export function toEpochMs(value: Instant, path: string): number {
  const ms = value instanceof Date ? value.getTime() : ISO_WITH_OFFSET.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw new CommitmentError('invalid-input', 'not an instant', [
      { path, message: 'expected a Date or an ISO-8601 time with Z or an offset' },
    ]);
  }
  return ms;
}

export function isLocalDate(value: string): boolean {
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function localDateToUtcMidnight(date: LocalDate): number {
  if (!isLocalDate(date)) {
    throw new CommitmentError('invalid-input', 'not a date', [
      { path: 'date', message: `${date} is not a valid YYYY-MM-DD date` },
    ]);
  }
  return Date.parse(`${date}T00:00:00Z`);
}

function utcMsToLocalDate(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `days` days after (or before) `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return utcMsToLocalDate(localDateToUtcMidnight(date) + days * DAY_MS);
}

/** 0 for Sunday … 6 for Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(localDateToUtcMidnight(date)).getUTCDay();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a CommitmentError unless the runtime knows the IANA zone. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch {
    throw new CommitmentError('invalid-input', 'unknown time zone', [
      { path: 'timeZone', message: `${timeZone} is not an IANA time zone` },
    ]);
  }
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function offsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(whole))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - whole;
}

/** The local date and the milliseconds since local midnight of an instant. */
export function toLocal(ms: number, timeZone: string): { date: LocalDate; msOfDay: number } {
  const wall = ms + offsetMs(ms, timeZone);
  const msOfDay = ((wall % DAY_MS) + DAY_MS) % DAY_MS;
  return { date: utcMsToLocalDate(wall - msOfDay), msOfDay };
}

/**
 * The instant at a local wall time. Two passes settle the offset on both sides of a daylight-saving
 * change; a wall time inside a spring-forward gap resolves to the instant just after the gap.
 */
export function fromLocal(date: LocalDate, msOfDay: number, timeZone: string): number {
  const wall = localDateToUtcMidnight(date) + msOfDay;
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  return second;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** ISO-8601 in the zone's own offset, e.g. `2026-10-10T10:00:00+08:00`; milliseconds only when set. */
export function formatInZone(ms: number, timeZone: string): string {
  const offset = offsetMs(ms, timeZone);
  const wall = new Date(ms + offset).toISOString();
  const millis = wall.slice(19, 23) === '.000' ? '' : wall.slice(19, 23);
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / MINUTE_MS;
  return `${wall.slice(0, 19)}${millis}${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The local date of an instant in a time zone, e.g. the day a fault was reported, for warranty. */
export function localDateOf(instant: Instant, timeZone: string): LocalDate {
  assertTimeZone(timeZone);
  return toLocal(toEpochMs(instant, 'instant'), timeZone).date;
}
