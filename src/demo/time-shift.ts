/**
 * The demo network was generated for one "today" (manifest.today). Loaded at another moment,
 * its open tickets would be weeks old or in the future, so every time in it moves by the time
 * between that today and now (a ticket reported two hours before the demo's today is reported
 * two hours ago), and every calendar date by the whole days between the two.
 */
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

export interface TimeShift {
  days: number;
  /** An ISO time moved to the same distance from now as it had from the demo's today (UTC ISO). */
  time(iso: string): string;
  time(iso: string | null): string | null;
  /** A calendar date 'YYYY-MM-DD' moved by `days`. */
  date(day: string): string;
  date(day: string | null): string | null;
  /** A month 'YYYY-MM-DD' (first of month) moved by the whole months closest to `days`. */
  month(day: string): string;
}

/** Local calendar day number (days since 1970-01-01 in China time) of an instant. */
const localDayNumber = (ms: number) => Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);

export function timeShift(demoToday: string, now: Date): TimeShift {
  const offsetMs = now.getTime() - Date.parse(demoToday);
  const days = localDayNumber(now.getTime()) - localDayNumber(Date.parse(demoToday));
  const months = Math.round(days / 30.4375);
  const time = (iso: string | null) =>
    iso === null ? null : new Date(Date.parse(iso) + offsetMs).toISOString();
  const date = (day: string | null) =>
    day === null ? null : new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  const month = (day: string) => {
    const start = new Date(`${day}T00:00:00Z`);
    start.setUTCMonth(start.getUTCMonth() + months);
    return start.toISOString().slice(0, 10);
  };
  return { days, time: time as TimeShift['time'], date: date as TimeShift['date'], month };
}
