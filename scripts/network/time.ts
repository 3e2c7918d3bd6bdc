/**
 * Local time of the demo network. China has one time zone without daylight saving, so local time
 * is UTC + 8 h throughout and plain arithmetic on epoch milliseconds is exact; no clock is read.
 */
export const TIME_ZONE = 'Asia/Shanghai';
export const UTC_OFFSET = '+08:00';
const OFFSET_MS = 8 * 3_600_000;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const TODAY_PATTERN = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses `--today`: a date ("2026-11-30", 08:00 local), a local date-time ("2026-11-30T08:00") or
 * one with an offset. Returns epoch milliseconds.
 */
export function parseToday(text: string): number {
  const match = TODAY_PATTERN.exec(text);
  if (!match) throw new Error(`today must be a date or an ISO date-time, got "${text}"`);
  const [, date, time = '08:00', seconds = ':00', offset = UTC_OFFSET] = match;
  const ms = Date.parse(`${date}T${time}${seconds}${offset}`);
  if (Number.isNaN(ms)) throw new Error(`today is not a valid date-time: "${text}"`);
  return ms;
}

/** "2026-11-30T08:00:00+08:00", to the second. */
export function formatDateTime(ms: number): string {
  const local = new Date(Math.round(ms / 1000) * 1000 + OFFSET_MS);
  return `${local.toISOString().slice(0, 19)}${UTC_OFFSET}`;
}

/** The local calendar date, "2026-11-30". */
export function formatDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch milliseconds of local midnight at the start of the given local date ("2026-11-30"). */
export function dateToMs(date: string): number {
  return Date.parse(`${date}T00:00:00${UTC_OFFSET}`);
}

/** Local midnight of the day that contains `ms`. */
export function startOfDay(ms: number): number {
  return dateToMs(formatDate(ms));
}

/** ISO weekday of the local date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(ms: number): number {
  const day = new Date(ms + OFFSET_MS).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Local calendar month (1–12) of the time. */
export function monthOf(ms: number): number {
  return new Date(ms + OFFSET_MS).getUTCMonth() + 1;
}

/**
 * The date `months` calendar months after `date`, clamped to the month's last day
 * (2024-01-31 + 1 month = 2024-02-29).
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const d = Math.min(day, lastDay);
  return `${targetYear}-${String(targetMonth).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return formatDate(dateToMs(date) + days * DAY_MS);
}

/** The first day of the month `monthsBack` months before the month that contains `ms`. */
export function firstOfMonthBefore(ms: number, monthsBack: number): string {
  const first = `${formatDate(ms).slice(0, 7)}-01`;
  return addMonths(first, -monthsBack);
}
