import type { Knex } from 'knex';
import type { CalendarDay } from './calendar-day.schemas.ts';

interface CalendarDayRow {
  day: string;
  kind: CalendarDay['kind'];
  name: string | null;
}

const yearBounds = (year: number): [string, string] => [`${year}-01-01`, `${year}-12-31`];

/** Holidays and make-up workdays, by year. */
export function createCalendarDayRepository(db: Knex) {
  return {
    async inYear(year: number, trx: Knex = db): Promise<CalendarDay[]> {
      const rows: CalendarDayRow[] = await trx('calendar_days')
        .whereBetween('day', yearBounds(year))
        .orderBy('day');
      return rows.map((row) => ({ day: row.day, kind: row.kind, name: row.name }));
    },

    /** Replaces the year's days with `days` (all in that year). */
    async replaceYear(year: number, days: readonly CalendarDay[], trx: Knex): Promise<void> {
      await trx('calendar_days').whereBetween('day', yearBounds(year)).delete();
      if (days.length)
        await trx('calendar_days').insert(days.map((d) => ({ day: d.day, kind: d.kind, name: d.name })));
    },
  };
}

export type CalendarDayRepository = ReturnType<typeof createCalendarDayRepository>;
