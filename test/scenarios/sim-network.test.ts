import { describe, expect, it } from 'vitest';
import { applyChangeSet } from '../../src/scenarios/apply-change-set.ts';
import { ChangeSet } from '../../src/scenarios/change-set.schemas.ts';
import { demandScalesFor, toSimNetwork } from '../../src/scenarios/sim-network.ts';
import { aSnapshot } from './snapshot-fixture.ts';

const travel = { mode: 'greatCircle', speedKmh: 60, circuity: 1.3 } as const;

describe('toSimNetwork', () => {
  it('maps locations, engineers (van stock on the engineer), depot stock and SKUs', () => {
    const { network, warnings } = toSimNetwork(aSnapshot(), { travel, courier: null });
    expect(warnings).toEqual([]);
    expect(network.locations.map((location) => [location.id, location.kind])).toEqual([
      ['D-CTU', 'depot'],
      ['O-CQ', 'office'],
      ['O-YB', 'office'],
      ['S-1', 'site'],
    ]);
    expect(network.engineers).toEqual([
      {
        id: 'E-1',
        home: 'O-YB',
        skills: { 'his-server': 2 },
        vanStock: { 'P-PSU': 1 },
        shift: { startMinute: 510, endMinute: 1050, days: [1] },
      },
      { id: 'E-2', home: 'D-CTU', skills: { ct: 3 }, shift: { startMinute: 0, endMinute: 0, days: [] } },
    ]);
    expect(network.stock).toEqual([
      { location: 'D-CTU', sku: 'P-FAN', qty: 4 },
      { location: 'D-CTU', sku: 'P-PSU', qty: 10 },
      { location: 'O-YB', sku: 'P-PSU', qty: 2 },
    ]);
    expect(network.skus[1]).toEqual({
      sku: 'P-PSU',
      kind: 'part',
      fits: [],
      supersedes: [],
      unitCost: 100,
      packSize: 1,
      minOrderQty: 1,
    });
  });

  it('keeps the daily window worked most often (Sunday is day 0) and says what it dropped', () => {
    const changed = applyChangeSet(
      aSnapshot(),
      ChangeSet.parse([
        {
          kind: 'change-shift',
          engineerId: 'E-2',
          shifts: [
            { weekday: 7, startsAt: '09:00', endsAt: '17:00' },
            { weekday: 1, startsAt: '09:00', endsAt: '17:00' },
            { weekday: 2, startsAt: '13:00', endsAt: '21:00' },
          ],
        },
      ]),
    );
    const { network, warnings } = toSimNetwork(changed, { travel, courier: null });
    expect(network.engineers[1]!.shift).toEqual({ startMinute: 540, endMinute: 1020, days: [0, 1] });
    expect(warnings).toEqual([
      'engineer E-2 works 2 different daily windows; the simulation keeps 09:00-17:00 on 2 day(s)',
    ]);
  });
});

describe('demandScalesFor', () => {
  const classes = [
    { name: 'sc-l1', sites: ['S-1'], level: 1 as const },
    { name: 'sc-l2', sites: ['S-1'], level: 2 as const },
  ];
  const scaled = (changes: unknown[], horizon = { start: '2026-12-01T00:00:00+08:00', days: 31 }) =>
    demandScalesFor(applyChangeSet(aSnapshot(), ChangeSet.parse(changes)), classes, horizon);

  it('scales classes by region and level; rules multiply', () => {
    expect(
      scaled([
        { kind: 'scale-demand', factor: 2, regionId: 'R-SC' },
        { kind: 'scale-demand', factor: 1.5, level: 1 },
        { kind: 'scale-demand', factor: 3, regionId: 'R-CQ' },
      ]),
    ).toEqual({ classScale: { 'sc-l1': 3, 'sc-l2': 2 }, warnings: [] });
  });

  it('applies a month rule per class when the horizon lies inside its months, and not at all outside', () => {
    expect(scaled([{ kind: 'scale-demand', factor: 2, level: 2, months: [12] }]).classScale).toEqual({
      'sc-l1': 1,
      'sc-l2': 2,
    });
    expect(scaled([{ kind: 'scale-demand', factor: 2, months: [6, 7] }])).toEqual({
      classScale: { 'sc-l1': 1, 'sc-l2': 1 },
      warnings: [],
    });
  });

  it('turns a month rule over a straddled horizon into per-day multipliers, or reports it', () => {
    const horizon = { start: '2026-12-30T00:00:00+08:00', days: 4 };
    expect(scaled([{ kind: 'scale-demand', factor: 2, months: [1] }], horizon)).toEqual({
      classScale: { 'sc-l1': 1, 'sc-l2': 1 },
      byDay: [1, 1, 2, 2],
      warnings: [],
    });
    const partial = scaled([{ kind: 'scale-demand', factor: 2, regionId: 'R-SC', months: [1] }], horizon);
    expect(partial.classScale).toEqual({ 'sc-l1': 1, 'sc-l2': 1 });
    expect(partial.warnings).toHaveLength(1);
  });
});
