import { describe, expect, it } from 'vitest';
import type { DemandHistory } from '../../src/scenarios/demand-history.repository.ts';
import { DemandEstimateError, estimateDemand } from '../../src/scenarios/demand-model.ts';
import type { NetworkSnapshot } from '../../src/scenarios/network-snapshot.ts';
import { aSnapshot } from './snapshot-fixture.ts';

const START = '2026-12-01T00:00:00+08:00';

/** aSnapshot with a second site (customer C-2, no contract) served from Chongqing, and P-PSU fitting M-1. */
function network(): NetworkSnapshot {
  const snapshot = aSnapshot();
  const site = snapshot.locations.find((l) => l.id === 'S-1')!;
  snapshot.locations.push({
    ...site,
    id: 'S-2',
    customerId: 'C-2',
    servingOfficeId: 'O-CQ',
    regionId: 'R-CQ',
  });
  snapshot.skus = snapshot.skus.map((sku) => (sku.id === 'P-PSU' ? { ...sku, fits: ['M-1'] } : sku));
  return snapshot;
}

function months(count: number, qty: (month: number) => number): DemandHistory['partIssues'] {
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(2026, 11 - count + i, 1));
    return {
      locationId: 'O-YB',
      skuId: 'P-PSU',
      month: date.toISOString().slice(0, 7),
      qty: qty(date.getUTCMonth() + 1),
    };
  });
}

/** One level-2 ticket a day at S-1, at 03:00 local (+08:00), on each of the `count` days before the start. */
function dailyPastTickets(count: number): DemandHistory['pastTickets'] {
  return Array.from({ length: count }, (_, i) => ({
    siteId: 'S-1',
    level: 2 as const,
    tier: 'B' as const,
    skill: 'his-server',
    minSkillLevel: 1,
    serviceMinutes: 60,
    spareUnitModelId: null,
    reportedAt: new Date(Date.parse(START) - (i + 1) * 86_400_000 + 3 * 3_600_000).toISOString(),
    partUnits: 1,
  }));
}

function history(overrides: Partial<DemandHistory> = {}): DemandHistory {
  return {
    partIssues: months(12, () => 30),
    pastTickets: [],
    faultCodes: [
      {
        skill: 'his-server',
        typicalLevel: 2,
        minSkillLevel: 1,
        serviceMinutes: 60,
        needsPart: true,
        needsSpareUnit: false,
      },
      {
        skill: 'his-server',
        typicalLevel: 1,
        minSkillLevel: 2,
        serviceMinutes: 90,
        needsPart: false,
        needsSpareUnit: true,
      },
    ],
    installedBase: [
      { siteId: 'S-1', modelId: 'M-1', skill: 'his-server', units: 3 },
      { siteId: 'S-2', modelId: 'M-1', skill: 'his-server', units: 1 },
    ],
    ...overrides,
  };
}

const total = (estimate: ReturnType<typeof estimateDemand>) =>
  estimate.demand.classes.reduce((sum, c) => sum + c.ticketsPerDay, 0);

describe('estimateDemand', () => {
  it('estimates the rate from part issues over units per ticket when there are few tickets', () => {
    const estimate = estimateDemand(network(), history(), { start: START, days: 7 });
    // 360 units over 12 months of 30.4 days, at 0.5 units per ticket (one fault code in two uses a part).
    expect(estimate.source).toBe('part-issues');
    expect(estimate.ticketsPerDay).toBeCloseTo(360 / (12 * 30.4) / 0.5, 9);
    expect(total(estimate)).toBeCloseTo(estimate.ticketsPerDay, 9);
  });

  it('splits the rate over office × skill × level × tier by installed units, sites without a contract as tier C', () => {
    const estimate = estimateDemand(network(), history(), { start: START, days: 7, ticketsPerDay: 8 });
    const byCell = (prefix: string) =>
      estimate.demand.classes
        .filter((c) => c.name.startsWith(prefix))
        .reduce((s, c) => s + c.ticketsPerDay, 0);
    expect(byCell('O-YB|his-server')).toBeCloseTo(6, 9);
    expect(byCell('O-CQ|his-server')).toBeCloseTo(2, 9);
    expect(estimate.demand.classes.find((c) => c.name.startsWith('O-CQ'))!.tier).toBe('C');
    expect(estimate.demand.classes.find((c) => c.name.startsWith('O-YB'))!.tier).toBe('B');
    expect(estimate.warnings.join('\n')).toMatch(/1 site\(s\) have no contract/);
    const level1 = estimate.demand.classes.find((c) => c.name === 'O-YB|his-server|L1|B')!;
    expect(level1).toMatchObject({ minSkillLevel: 2, serviceMinutes: 90 });
    expect(level1.parts).toBeUndefined();
    const level2 = estimate.demand.classes.find((c) => c.name === 'O-YB|his-server|L2|B')!;
    expect(level2.parts).toEqual([{ sku: 'P-PSU', qty: 1, probability: 1 }]);
    // No level-3 fault code and no ticket: no level-3 class.
    expect(estimate.demand.classes.some((c) => c.level === 3)).toBe(false);
  });

  it('uses past tickets over their span without part history, and scales by demandScale', () => {
    const pastTickets = dailyPastTickets(40);
    const estimate = estimateDemand(network(), history({ pastTickets, partIssues: [] }), {
      start: START,
      days: 7,
      demandScale: 2,
    });
    // With part history, parts decide: the tickets table is not the whole record.
    expect(estimateDemand(network(), history({ pastTickets }), { start: START, days: 7 }).source).toBe(
      'part-issues',
    );
    expect(estimate.source).toBe('past-tickets');
    // 40 tickets since the first, 39 days 21 hours before the start.
    expect(estimate.ticketsPerDay).toBeCloseTo((40 / (40 - 3 / 24)) * 2, 9);
    // 40 tickets are too few for a profile: flat, and said so.
    expect(estimate.demand.hourOfDay).toBeUndefined();
    expect(estimate.warnings.join('\n')).toMatch(/40 past ticket\(s\) are too few/);
  });

  it('takes weekday and hour profiles from 200 or more past tickets, shrunk towards flat', () => {
    // Every day at 03:00 local (+08:00), 210 days before the start.
    const pastTickets = dailyPastTickets(210);
    const estimate = estimateDemand(network(), history({ pastTickets }), { start: START, days: 7 });
    expect(estimate.demand.hourOfDay![3]).toBe(211);
    expect(estimate.demand.hourOfDay![4]).toBe(1);
    // 30 of each weekday plus 5 pseudo-tickets: flat, with mean 1.
    expect(estimate.demand.dayOfWeek).toEqual(Array.from({ length: 7 }, () => 1));
  });

  it('carries a month-of-year profile from two years of issues', () => {
    const estimate = estimateDemand(
      network(),
      history({ partIssues: months(24, (month) => (month === 12 ? 60 : 30)) }),
      { start: '2026-11-29T00:00:00+08:00', days: 4, ticketsPerDay: 1 },
    );
    const [nov29, nov30, dec1] = estimate.demand.byDay!;
    expect(nov29).toBe(nov30);
    expect(dec1! / nov29!).toBeCloseTo(2, 9);
  });

  it('turns expected tickets over the horizon into a rate through the days’ multipliers', () => {
    // 29 and 30 November at index 1, 1 and 2 December at 2 (December doubled): 60 tickets over 6 weights.
    const estimate = estimateDemand(
      network(),
      history({ partIssues: months(24, (month) => (month === 12 ? 60 : 30)) }),
      { start: '2026-11-29T00:00:00+08:00', days: 4, tickets: 60 },
    );
    const [first] = estimate.demand.byDay!;
    const weights = estimate.demand.byDay!.map((w) => w / first!);
    expect(weights).toEqual([1, 1, 2, 2]);
    const expected = estimate.demand.byDay!.reduce((s, w) => s + w * estimate.ticketsPerDay, 0);
    expect(expected).toBeCloseTo(60, 9);
  });

  it('refuses to guess without history or a given rate', () => {
    expect(() => estimateDemand(network(), history({ partIssues: [] }), { start: START, days: 7 })).toThrow(
      DemandEstimateError,
    );
  });
});
