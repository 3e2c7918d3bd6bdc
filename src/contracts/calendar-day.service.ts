import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { problems } from '../http/problem.ts';
import type { CalendarDayRepository } from './calendar-day.repository.ts';
import type { CalendarYear, CalendarYearPut } from './calendar-day.schemas.ts';

export function createCalendarDayService(deps: { db: Knex; days: CalendarDayRepository }) {
  const { db, days } = deps;
  return {
    async year(year: number): Promise<CalendarYear> {
      return { year, days: await days.inYear(year) };
    },

    /** Replaces a year's holidays and make-up workdays whole, as the yearly State Council notice does. */
    replaceYear: (year: number, input: CalendarYearPut, actor: string): Promise<CalendarYear> =>
      db.transaction(async (trx) => {
        const outside = input.days.flatMap((entry, index) =>
          entry.day.startsWith(`${year}-`)
            ? []
            : [{ field: `body.days[${index}].day`, message: `${entry.day} is not in ${year}` }],
        );
        if (outside.length) throw problems.validation(outside);
        const sorted = [...input.days].sort((a, b) => a.day.localeCompare(b.day));
        await days.replaceYear(year, sorted, trx);
        await recordAudit(trx, {
          actor,
          action: 'replace',
          entity: 'calendar-year',
          entityId: String(year),
          data: { days: sorted },
        });
        return { year, days: sorted };
      }),
  };
}

export type CalendarDayService = ReturnType<typeof createCalendarDayService>;
