import { describe, expect, it } from 'vitest';
import {
  chinaWorkingCalendar,
  CommitmentError,
  computeClocks,
  defaultCatalog,
  resolveProfile,
  type ComputeClocksInput,
  type FaultLevel,
  type Tier,
} from '../../src/commitments/index.ts';

const catalog = defaultCatalog();
const calendar = chinaWorkingCalendar();
const plan5 = resolveProfile(catalog, 'plan-5-standard');
const tiers: Tier[] = ['A', 'B', 'C'];
const levels: FaultLevel[] = [1, 2, 3];

/** Tuesday 24 November 2026, 09:00 in Shanghai. */
const reportedAt = '2026-11-24T09:00:00+08:00';

function clocksFor(overrides: Partial<ComputeClocksInput> = {}) {
  return computeClocks({
    reportedAt,
    level: 2,
    tier: 'A',
    zone: 'same-city',
    profile: plan5,
    needsSpareUnit: false,
    kind: 'fault',
    calendar,
    ...overrides,
  });
}

function clock(name: string, overrides: Partial<ComputeClocksInput> = {}) {
  return clocksFor(overrides).find((candidate) => candidate.clock === name);
}

describe('the clock table of commitments.md, per tier', () => {
  describe.each([
    ['acknowledge', 'question', { A: 10, B: 10, C: 30 }],
    ['answer', 'question', { A: 60, B: 60, C: 60 }],
    ['remote', 'remote', { A: 480, B: 480, C: 480 }],
    ['arrange', 'fault', { A: 120, B: 120, C: 120 }],
  ] as const)('%s (%s)', (name, kind, minutes) => {
    it.each(tiers)('tier %s', (tier) => {
      const found = clock(name, { kind, tier });
      expect(found).toMatchObject({ calendar: '7x24', startedAt: reportedAt, budgetMinutes: minutes[tier] });
      expect(Date.parse(found!.due) - Date.parse(reportedAt)).toBe(minutes[tier] * 60_000);
    });
  });

  describe('complex problem: solution in 3 working days', () => {
    it.each(tiers)('tier %s', (tier) => {
      // Friday 10:00 + 3 working days = Wednesday 10:00, across the weekend.
      const found = clock('complex', { kind: 'complex', tier, reportedAt: '2026-11-27T10:00:00+08:00' });
      expect(found).toMatchObject({
        calendar: 'working-days',
        due: '2026-12-02T10:00:00+08:00',
        budgetMinutes: 5 * 24 * 60,
        holidayData: 'official',
      });
    });
  });

  describe('spare unit on site: 4 h for tiers A and B, none for C', () => {
    it.each([
      ['A', 240],
      ['B', 240],
    ] as const)('tier %s', (tier, minutes) => {
      expect(clock('spareUnit', { tier, needsSpareUnit: true })).toMatchObject({
        calendar: '7x24',
        due: '2026-11-24T13:00:00+08:00',
        budgetMinutes: minutes,
        stoppedBy: 'spare-unit-delivered',
      });
    });

    it('tier C has no spare-unit clock', () => {
      expect(clock('spareUnit', { tier: 'C', needsSpareUnit: true })).toBeUndefined();
    });

    it('runs only when the fault needs a spare unit', () => {
      expect(clock('spareUnit', { tier: 'A', needsSpareUnit: false })).toBeUndefined();
    });
  });

  describe('fault analysis report: 3/3/5 working days after the on-site repair is resolved', () => {
    const events = [
      { type: 'on-site', at: '2026-11-24T10:30:00+08:00' },
      { type: 'resolved', at: '2026-11-24T15:00:00+08:00' },
    ];
    it.each([
      ['A', '2026-11-27T15:00:00+08:00'],
      ['B', '2026-11-27T15:00:00+08:00'],
      ['C', '2026-12-01T15:00:00+08:00'],
    ] as const)('tier %s', (tier, dueAt) => {
      expect(clock('report', { tier, events })).toMatchObject({
        calendar: 'working-days',
        startedAt: '2026-11-24T15:00:00+08:00',
        due: dueAt,
        stoppedAt: null,
      });
    });

    it('has not started before the repair is resolved', () => {
      expect(
        clock('report', { events: [{ type: 'on-site', at: '2026-11-24T10:30:00+08:00' }] }),
      ).toBeUndefined();
    });

    it('does not start for a fault resolved without an on-site visit', () => {
      expect(
        clock('report', { events: [{ type: 'resolved', at: '2026-11-24T10:00:00+08:00' }] }),
      ).toBeUndefined();
    });

    it('starts at the resolution that follows the on-site visit, not an earlier remote one', () => {
      const reopened = [
        { type: 'resolved', at: '2026-11-24T09:30:00+08:00' },
        { type: 'on-site', at: '2026-11-24T11:00:00+08:00' },
        { type: 'resolved', at: '2026-11-24T15:00:00+08:00' },
      ];
      expect(clock('report', { events: reopened })?.startedAt).toBe('2026-11-24T15:00:00+08:00');
    });

    it('says when the holidays it spans are only provisional', () => {
      const late = [
        { type: 'on-site', at: '2026-12-30T10:00:00+08:00' },
        { type: 'resolved', at: '2026-12-30T12:00:00+08:00' },
      ];
      // 31 Dec, then 1 Jan 2027 is a holiday, then the weekend: 4 and 5 January.
      expect(clock('report', { reportedAt: '2026-12-30T08:00:00+08:00', events: late })).toMatchObject({
        due: '2027-01-05T12:00:00+08:00',
        holidayData: 'provisional',
      });
    });
  });

  it('fault cleared on site in 12 h under plan 4, and no such clock under plan 5', () => {
    const plan4 = resolveProfile(catalog, 'plan-4');
    expect(clock('resolve', { profile: plan4 })).toMatchObject({ budgetMinutes: 720, stoppedBy: 'resolved' });
    expect(clock('resolve')).toBeUndefined();
  });
});

describe('on site by zone and level, per profile', () => {
  const cases: [string, string, number][] = [
    ['plan-5-standard', 'same-city', 120],
    ['plan-5-standard', 'surrounding', 720],
    ['plan-5-standard', 'other-province', 2880],
    ['beijing', 'beijing-urban', 120],
    ['beijing', 'beijing-suburban', 720],
    ['beijing', 'beijing-outside', 2880],
    ['plan-1', 'same-city', 720],
    ['plan-1', 'other-province', 720],
    ['plan-3', 'surrounding', 1440],
    ['plan-4', 'same-city', 240],
  ];
  describe.each(cases)('%s, zone %s', (profileId, zone, minutes) => {
    const profile = resolveProfile(catalog, profileId);
    it.each(levels)('level %s', (level) => {
      expect(clock('onsite', { profile, zone, level })).toMatchObject({
        calendar: '7x24',
        budgetMinutes: minutes,
        stoppedBy: 'on-site',
      });
    });
  });

  it('takes a contract’s figure for one level and keeps the others', () => {
    const profile = resolveProfile(catalog, 'plan-5-standard', {
      clocks: { onsite: { byZone: { 'same-city': { '1': 60 } } } },
    });
    expect(clock('onsite', { profile, level: 1 })?.budgetMinutes).toBe(60);
    expect(clock('onsite', { profile, level: 2 })?.budgetMinutes).toBe(120);
  });

  it('rejects a zone the profile does not serve, and a fault without a zone', () => {
    expect(() => clocksFor({ zone: 'beijing-urban' })).toThrow(CommitmentError);
    expect(() => clocksFor({ zone: undefined })).toThrow(/zone/);
  });
});

describe('which clocks a ticket runs', () => {
  it.each([
    ['fault', false, ['acknowledge', 'arrange', 'onsite']],
    ['fault', true, ['acknowledge', 'arrange', 'onsite', 'spareUnit']],
    ['question', false, ['acknowledge', 'answer']],
    ['remote', false, ['acknowledge', 'arrange', 'remote']],
    ['complex', false, ['acknowledge', 'arrange', 'complex']],
  ] as const)('a %s ticket (spare unit: %s)', (kind, needsSpareUnit, expected) => {
    expect(clocksFor({ kind, needsSpareUnit }).map((c) => c.clock)).toEqual(expected);
  });

  it('does not need a zone for a question', () => {
    expect(clocksFor({ kind: 'question', zone: undefined })).toHaveLength(2);
  });
});

describe('events stop clocks', () => {
  it('maps each event to the clock it stops, taking its first occurrence', () => {
    const clocks = clocksFor({
      needsSpareUnit: true,
      events: [
        { type: 'acknowledged', at: '2026-11-24T09:05:00+08:00' },
        { type: 'acknowledged', at: '2026-11-24T09:02:00+08:00' },
        { type: 'assigned', at: '2026-11-24T09:40:00+08:00' },
        { type: 'note-added', at: '2026-11-24T09:41:00+08:00' },
        { type: 'on-site', at: '2026-11-24T10:50:00+08:00' },
        { type: 'spare-unit-delivered', at: '2026-11-24T12:10:00Z' },
      ],
    });
    expect(Object.fromEntries(clocks.map((c) => [c.clock, c.stoppedAt]))).toEqual({
      acknowledge: '2026-11-24T09:02:00+08:00',
      arrange: '2026-11-24T09:40:00+08:00',
      onsite: '2026-11-24T10:50:00+08:00',
      spareUnit: '2026-11-24T20:10:00+08:00',
    });
  });
});

describe('time zones', () => {
  it('accepts a UTC report and answers in Shanghai time', () => {
    const found = clock('complex', { kind: 'complex', reportedAt: '2026-09-30T02:00:00Z' });
    expect(found).toMatchObject({ startedAt: '2026-09-30T10:00:00+08:00', due: '2026-10-10T10:00:00+08:00' });
  });

  it('accepts a Date', () => {
    expect(clock('acknowledge', { reportedAt: new Date('2026-11-24T01:00:00Z') })?.due).toBe(
      '2026-11-24T09:10:00+08:00',
    );
  });

  it('rejects a report time without an offset, naming the field', () => {
    expect(() => clocksFor({ reportedAt: '2026-11-24 09:00' })).toThrow(/reportedAt/);
  });
});
