import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addElapsedMinutes,
  addWorkingDays,
  chinaWorkingCalendar,
  CommitmentError,
  createWorkingCalendar,
  formatInZone,
  holidayDataStatus,
  isWorkingDay,
  localDateOf,
  parseHolidayData,
} from '../../src/commitments/index.ts';

const china = chinaWorkingCalendar();

/** Due time of a working-days clock, written in Shanghai time for readable expectations. */
function due(start: string | Date, workingDays: number, calendar = china): string {
  return formatInZone(addWorkingDays(calendar, start, workingDays).getTime(), calendar.timeZone);
}

describe('working days in China', () => {
  it.each([
    ['2026-11-23', true, 'a Monday'],
    ['2026-11-27', true, 'a Friday'],
    ['2026-11-28', false, 'a Saturday'],
    ['2026-11-29', false, 'a Sunday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'the last day of the National Day block, a Wednesday'],
    ['2026-10-10', true, 'a make-up Saturday'],
    ['2026-09-20', true, 'a make-up Sunday'],
    ['2026-02-16', false, 'Spring Festival, a Monday'],
    ['2026-02-14', true, 'the make-up Saturday before Spring Festival'],
    ['2027-02-05', false, 'New Year’s Eve 2027 (provisional data)'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(china, date)).toBe(expected);
  });
});

describe('due in N working days', () => {
  it('is the same local time on the N-th working day after the report day', () => {
    expect(due('2026-11-24T14:30:00+08:00', 3)).toBe('2026-11-27T14:30:00+08:00');
  });

  it('skips a weekend', () => {
    expect(due('2026-11-27T10:00:00+08:00', 3)).toBe('2026-12-02T10:00:00+08:00');
  });

  it('keeps a report at 23:59 on its own day', () => {
    expect(due('2026-11-24T23:59:00+08:00', 3)).toBe('2026-11-27T23:59:00+08:00');
    expect(due('2026-11-27T23:59:00+08:00', 1)).toBe('2026-11-30T23:59:00+08:00');
  });

  it('counts a Sunday report from Monday’s start, due at the end of the N-th working day', () => {
    expect(due('2026-11-29T15:00:00+08:00', 3)).toBe('2026-12-03T00:00:00+08:00');
  });

  it('treats a report at local midnight like a whole first day', () => {
    expect(due('2026-11-24T00:00:00+08:00', 3)).toBe('2026-11-27T00:00:00+08:00');
    expect(due('2026-11-24T00:01:00+08:00', 3)).toBe('2026-11-27T00:01:00+08:00');
  });

  it('ends at 24:00 of the last working day even when a holiday follows it', () => {
    // Monday 28 Sep at 00:00: 28, 29, 30 Sep are the three days; 1 Oct starts the holiday block.
    expect(due('2026-09-28T00:00:00+08:00', 3)).toBe('2026-10-01T00:00:00+08:00');
  });

  it('jumps the National Day block and lands on the make-up Saturday', () => {
    expect(due('2026-09-30T10:00:00+08:00', 3)).toBe('2026-10-10T10:00:00+08:00');
    expect(due('2026-09-28T10:00:00+08:00', 3)).toBe('2026-10-08T10:00:00+08:00');
  });

  it('counts a report inside the holiday block from the first working day after it', () => {
    expect(due('2026-10-03T09:00:00+08:00', 1)).toBe('2026-10-09T00:00:00+08:00');
  });

  it('counts the make-up Saturday before Spring Festival, then jumps the festival', () => {
    expect(due('2026-02-13T10:00:00+08:00', 3)).toBe('2026-02-25T10:00:00+08:00');
  });

  it('counts a make-up Sunday as a working day', () => {
    expect(due('2026-09-18T10:00:00+08:00', 1)).toBe('2026-09-20T10:00:00+08:00');
  });

  it('runs from a report made on a make-up Saturday', () => {
    expect(due('2026-10-10T10:00:00+08:00', 1)).toBe('2026-10-12T10:00:00+08:00');
  });

  it('jumps the provisional 2027 Spring Festival days', () => {
    expect(due('2027-02-04T10:00:00+08:00', 1)).toBe('2027-02-09T10:00:00+08:00');
  });
});

describe('time zones', () => {
  it('reads a UTC instant on the Shanghai calendar', () => {
    const dueAt = addWorkingDays(china, '2026-09-30T02:00:00Z', 3);
    expect(dueAt.toISOString()).toBe('2026-10-10T02:00:00.000Z');
    expect(addWorkingDays(china, new Date('2026-09-30T02:00:00Z'), 3).getTime()).toBe(dueAt.getTime());
  });

  it('knows that Friday evening in UTC is Saturday morning in Shanghai', () => {
    expect(localDateOf('2026-11-27T17:30:00Z', 'Asia/Shanghai')).toBe('2026-11-28');
    expect(localDateOf('2026-11-27T17:30:00Z', 'UTC')).toBe('2026-11-27');
    // Saturday in Shanghai: counting starts Monday, so one working day ends at Monday 24:00.
    expect(addWorkingDays(china, '2026-11-27T17:30:00Z', 1).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    // The same instant on a UTC calendar is a Friday evening report, due on Monday evening.
    const utc = createWorkingCalendar({ timeZone: 'UTC' });
    expect(addWorkingDays(utc, '2026-11-27T17:30:00Z', 1).toISOString()).toBe('2026-11-30T17:30:00.000Z');
  });

  it('keeps the local time of day across a daylight-saving change', () => {
    const berlin = createWorkingCalendar({ timeZone: 'Europe/Berlin' });
    expect(due('2026-10-23T10:00:00+02:00', 3, berlin)).toBe('2026-10-28T10:00:00+01:00');
  });

  it('lands on the right side of a clock change that happens on the due day', () => {
    // Clocks in Berlin go forward at 02:00 on Sunday 29 March 2026, made a working day here.
    const berlin = createWorkingCalendar({ timeZone: 'Europe/Berlin', makeUpWorkdays: ['2026-03-29'] });
    expect(due('2026-03-27T01:30:00+01:00', 1, berlin)).toBe('2026-03-29T01:30:00+01:00');
    expect(due('2026-03-27T03:30:00+01:00', 1, berlin)).toBe('2026-03-29T03:30:00+02:00');
  });

  it('rejects an unknown time zone and a time without an offset', () => {
    expect(() => createWorkingCalendar({ timeZone: 'Mars/Olympus' })).toThrow(CommitmentError);
    expect(() => addWorkingDays(china, '2026-09-30T10:00:00', 1)).toThrow(/offset/);
  });
});

describe('7×24 arithmetic', () => {
  it('runs through nights and holidays', () => {
    const dueAt = addElapsedMinutes('2026-09-30T22:00:00+08:00', 240);
    expect(formatInZone(dueAt.getTime(), 'Asia/Shanghai')).toBe('2026-10-01T02:00:00+08:00');
  });
});

describe('holiday data', () => {
  it('says how firmly the holidays of each year are known', () => {
    expect(holidayDataStatus(china, '2026-03-01T00:00:00Z', '2026-03-05T00:00:00Z')).toBe('official');
    expect(holidayDataStatus(china, '2026-12-30T00:00:00Z', '2027-01-05T00:00:00Z')).toBe('provisional');
    expect(holidayDataStatus(china, '2027-12-30T00:00:00Z', '2028-01-05T00:00:00Z')).toBe('missing');
  });

  it('rejects a make-up working day that is not a weekend and a block that ends before it starts', () => {
    const bad = {
      description: 'test',
      timeZone: 'Asia/Shanghai',
      years: {
        '2026': {
          status: 'official',
          source: 'test',
          holidays: [{ name: { en: 'x', zh: 'x' }, from: '2026-05-05', to: '2026-05-01' }],
          makeUpWorkdays: ['2026-05-06'],
        },
      },
    };
    expect(() => parseHolidayData(bad)).toThrow(/years\.2026\.holidays\.0.*years\.2026\.makeUpWorkdays\.0/s);
  });

  it('rejects a date that is both a holiday and a make-up working day', () => {
    expect(() => createWorkingCalendar({ holidays: ['2026-10-10'], makeUpWorkdays: ['2026-10-10'] })).toThrow(
      /also listed as a holiday/,
    );
  });

  it('rejects a count of working days below one', () => {
    expect(() => addWorkingDays(china, '2026-09-30T10:00:00+08:00', 0)).toThrow(CommitmentError);
  });
});

describe('working-day arithmetic, for any start in 2026 and 2027', () => {
  const starts = fc.date({
    min: new Date('2026-01-01T00:00:00Z'),
    max: new Date('2027-12-01T00:00:00Z'),
    noInvalidDate: true,
  });

  it('falls due inside a working day, or at the midnight that ends one', () => {
    fc.assert(
      fc.property(starts, fc.integer({ min: 1, max: 10 }), (start, n) => {
        const dueMs = addWorkingDays(china, start, n).getTime();
        expect(dueMs).toBeGreaterThan(start.getTime());
        const local = formatInZone(dueMs, china.timeZone);
        const dueDate = local.slice(0, 10);
        if (local.slice(11, 19) === '00:00:00') {
          expect(isWorkingDay(china, localDateOf(new Date(dueMs - 1), china.timeZone))).toBe(true);
        } else {
          expect(isWorkingDay(china, dueDate)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('moves later with each further working day', () => {
    fc.assert(
      fc.property(starts, fc.integer({ min: 1, max: 10 }), (start, n) => {
        expect(addWorkingDays(china, start, n + 1).getTime()).toBeGreaterThan(
          addWorkingDays(china, start, n).getTime(),
        );
      }),
      { numRuns: 300 },
    );
  });
});
