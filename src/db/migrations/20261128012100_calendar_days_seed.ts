import type { Knex } from 'knex';
import holidaysCn from '../../../data/holidays-cn.json' with { type: 'json' };
import { parseHolidayData } from '../../commitments/index.ts';

/**
 * Seeds calendar_days with mainland China's holidays and make-up working days from
 * data/holidays-cn.json, as known when this migration was written. Holidays are stored only where
 * they fall on a weekday (a Saturday off needs no row); make-up working days are weekend days. A
 * later year's notice arrives as a migration of its own.
 */
function seedRows(): Array<{ day: string; kind: 'holiday' | 'workday'; name: string }> {
  const data = parseHolidayData(holidaysCn);
  const rows: Array<{ day: string; kind: 'holiday' | 'workday'; name: string }> = [];
  for (const entry of Object.values(data.years)) {
    for (const block of entry.holidays) {
      for (
        let ms = Date.parse(`${block.from}T00:00:00Z`);
        ms <= Date.parse(`${block.to}T00:00:00Z`);
        ms += 86_400_000
      ) {
        const weekday = new Date(ms).getUTCDay();
        if (weekday === 0 || weekday === 6) continue;
        rows.push({
          day: new Date(ms).toISOString().slice(0, 10),
          kind: 'holiday',
          name: `${block.name.en} (${block.name.zh})`,
        });
      }
    }
    for (const day of entry.makeUpWorkdays)
      rows.push({ day, kind: 'workday', name: 'make-up working day (调休)' });
  }
  return rows;
}

export async function up(knex: Knex): Promise<void> {
  const rows = seedRows();
  if (rows.length) await knex('calendar_days').insert(rows).onConflict('day').ignore();
}

export async function down(knex: Knex): Promise<void> {
  await knex('calendar_days')
    .whereIn(
      'day',
      seedRows().map((row) => row.day),
    )
    .delete();
}
