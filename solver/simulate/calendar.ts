/**
 * Local days and shifts in simulated minutes. The offset of `start` is the local time of shifts,
 * seasonality and the nightly review (a network in one time zone, as the demo's).
 */
import { offsetMinutesOf } from '../units.ts';
import type { SimEngineer } from './types.ts';

export interface Calendar {
  startMs: number;
  offsetMinutes: number;
  /** Simulated minute of local midnight that begins local day `d` (day 0 holds `start`). */
  dayStart(d: number): number;
  /** Local day index of a simulated minute. */
  dayOf(minute: number): number;
  /** 0 = Sunday. */
  dayOfWeek(d: number): number;
  /** The shift of `engineer` on day `d`, or null on a day off. */
  shift(engineer: SimEngineer, d: number): { from: number; to: number } | null;
  /** The first shift ending after `minute` (within a fortnight), or null. */
  nextShift(engineer: SimEngineer, minute: number): { from: number; to: number } | null;
}

export function createCalendar(start: string): Calendar {
  const startMs = Date.parse(start);
  const offsetMinutes = offsetMinutesOf(start);
  const localEpochMinute = startMs / 60_000 + offsetMinutes;
  const firstDay = Math.floor(localEpochMinute / 1440);
  const dayStart = (d: number): number => (firstDay + d) * 1440 - localEpochMinute;
  const dayOf = (minute: number): number => Math.floor((minute + localEpochMinute) / 1440) - firstDay;
  // 1970-01-01 was a Thursday.
  const dayOfWeek = (d: number): number => (((firstDay + d + 4) % 7) + 7) % 7;
  const shift = (engineer: SimEngineer, d: number) => {
    const days = engineer.shift.days;
    if (days && !days.includes(dayOfWeek(d))) return null;
    return { from: dayStart(d) + engineer.shift.startMinute, to: dayStart(d) + engineer.shift.endMinute };
  };
  return {
    startMs,
    offsetMinutes,
    dayStart,
    dayOf,
    dayOfWeek,
    shift,
    nextShift(engineer, minute) {
      const today = dayOf(minute);
      for (let d = today - 1; d <= today + 14; d++) {
        const s = shift(engineer, d);
        if (s && s.to > minute) return s;
      }
      return null;
    },
  };
}
