/**
 * Time inside the solver is an integer count of TIME_UNITS_PER_MINUTE-ths of a minute, counted
 * from the problem's `now`. Integers keep arithmetic exact and comparisons stable, and 1/100 of a
 * minute is fine enough that rounding does not distort benchmark distances (Solomon's are
 * Euclidean doubles). Every conversion goes through these functions so the solver and the checker
 * round in exactly the same way.
 */
export const TIME_UNITS_PER_MINUTE = 100;

/** Minutes a pickup stop at a depot or office takes (solver-contract.md). */
export const PICKUP_MINUTES = 10;

export type TimeUnits = number;

export function minutesToUnits(minutes: number): TimeUnits {
  return Math.round(minutes * TIME_UNITS_PER_MINUTE);
}

export function unitsToMinutes(units: TimeUnits): number {
  return Math.round(units) / TIME_UNITS_PER_MINUTE;
}

/** Minutes with two decimals, as the plan reports them. */
export function roundMinutes(minutes: number): number {
  return Math.round(minutes * 100) / 100;
}

/** Parses an ISO-8601 time with offset into units after `nowMs` (rounded to the unit). */
export function isoToUnits(iso: string, nowMs: number): TimeUnits {
  return Math.round(((Date.parse(iso) - nowMs) / 60_000) * TIME_UNITS_PER_MINUTE);
}

/** Minutes east of UTC of an ISO time's offset ("+08:00" → 480, "Z" → 0). */
export function offsetMinutesOf(iso: string): number {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!match) return 0;
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * Formats `units` after `nowMs` as ISO-8601 in the given offset, to the second, so that a plan
 * reads in the same local time as the problem's `now` ("2026-11-28T10:00:00+08:00").
 */
export function unitsToIso(units: TimeUnits, nowMs: number, offsetMinutes: number): string {
  const ms = nowMs + (units / TIME_UNITS_PER_MINUTE) * 60_000;
  const local = new Date(Math.round(ms / 1000) * 1000 + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local.toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}
