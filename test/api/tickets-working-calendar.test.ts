import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkingCalendar, loadWorkingCalendar } from '../../src/tickets/working-calendar.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/** The kept working calendar must always equal one built fresh from calendar_days. */
describe('working calendar cache', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.destroy());

  const expectCachedEqualsFresh = async (timeZone: string) => {
    const cached = await loadWorkingCalendar(database.db, timeZone);
    expect(cached).toEqual(await buildWorkingCalendar(database.db, timeZone));
    return cached;
  };

  it('equals a fresh calendar, per time zone, and is reused while the table stands still', async () => {
    const first = await expectCachedEqualsFresh('Asia/Shanghai');
    expect(await loadWorkingCalendar(database.db, 'Asia/Shanghai')).toBe(first);
    const urumqi = await expectCachedEqualsFresh('Asia/Urumqi');
    expect(urumqi.timeZone).toBe('Asia/Urumqi');
  });

  it('sees an added holiday, a changed kind and a deleted day on the next call', async () => {
    const before = await expectCachedEqualsFresh('Asia/Shanghai');
    expect(before.holidays.has('2031-03-04')).toBe(false);
    await database.db('calendar_days').insert({ day: '2031-03-04', kind: 'holiday', name: 'test' });
    const added = await expectCachedEqualsFresh('Asia/Shanghai');
    expect(added.holidays.has('2031-03-04')).toBe(true);
    expect(added.years.get(2031)).toBe('official');

    await database.db('calendar_days').insert({ day: '2031-03-08', kind: 'holiday', name: 'test' });
    await database.db('calendar_days').where({ day: '2031-03-08' }).update({ kind: 'workday' });
    const changed = await expectCachedEqualsFresh('Asia/Shanghai');
    expect(changed.makeUpWorkdays.has('2031-03-08')).toBe(true);
    expect(changed.holidays.has('2031-03-08')).toBe(false);

    await database.db('calendar_days').whereIn('day', ['2031-03-04', '2031-03-08']).delete();
    const removed = await expectCachedEqualsFresh('Asia/Shanghai');
    expect(removed.holidays.has('2031-03-04')).toBe(false);
    expect(removed.years.has(2031)).toBe(false);
    expect(removed).toEqual(before);
  });
});
