import { describe, expect, it } from 'vitest';
import type { DemandHistory } from '../../src/scenarios/demand-history.repository.ts';
import { applyChangeSet } from '../../src/scenarios/apply-change-set.ts';
import type { NetworkSnapshot } from '../../src/scenarios/network-snapshot.ts';
import { buildSimulationInputs, type SimulationEnvironment } from '../../src/scenarios/simulation-input.ts';
import { aSnapshot } from './snapshot-fixture.ts';

const env: SimulationEnvironment = {
  travelFor: async () => ({ travel: { mode: 'greatCircle', speedKmh: 60, circuity: 1.3 } }),
  courier: { handlingMinutes: 30, speedFactor: 1 },
};
const settings = {
  start: '2026-12-01T00:00:00+08:00',
  days: 5,
  policy: 'optimized' as const,
  ticketsPerDay: 4,
};

function history(): DemandHistory {
  return {
    // 31 units in October at O-YB: one a day; 3 in September at the depot.
    partIssues: [
      { locationId: 'D-CTU', skuId: 'P-PSU', month: '2026-09', qty: 3 },
      { locationId: 'O-YB', skuId: 'P-PSU', month: '2026-10', qty: 31 },
    ],
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
    ],
    installedBase: [{ siteId: 'S-1', modelId: 'M-1', skill: 'his-server', units: 2 }],
  };
}

async function inputs(scenario: (s: NetworkSnapshot) => NetworkSnapshot) {
  const baseline = aSnapshot();
  return buildSimulationInputs({ baseline, scenario: scenario(baseline), history: history(), settings, env });
}

describe('buildSimulationInputs', () => {
  it('gives both sides the same demand classes (the streams’ keys) and the scenario its demand rules', async () => {
    const built = await inputs((s) =>
      applyChangeSet(s, [{ kind: 'scale-demand', factor: 1.5, regionId: 'R-SC' }]),
    );
    const classes = (side: typeof built.baseline) =>
      side.demand.kind === 'model' ? side.demand.classes : [];
    expect(classes(built.scenario).map((c) => c.name)).toEqual(classes(built.baseline).map((c) => c.name));
    expect(classes(built.baseline).length).toBeGreaterThan(0);
    const scale = (side: typeof built.baseline) =>
      side.demand.kind === 'model' ? (side.demand.classScale ?? {}) : {};
    expect(Object.values(scale(built.baseline))).toEqual(classes(built.baseline).map(() => 1));
    expect(Object.values(scale(built.scenario))).toEqual(classes(built.baseline).map(() => 1.5));
    expect(built.demand).toMatchObject({ ticketsPerDay: 4, source: 'given' });
  });

  it('drops the scenario’s engineers and keeps the run’s settings on both sides', async () => {
    const built = await inputs((s) => applyChangeSet(s, [{ kind: 'remove-engineer', engineerId: 'E-2' }]));
    expect(built.baseline.network.engineers.map((e) => e.id)).toEqual(['E-1', 'E-2']);
    expect(built.scenario.network.engineers.map((e) => e.id)).toEqual(['E-1']);
    for (const side of [built.baseline, built.scenario]) {
      expect(side).toMatchObject({ start: settings.start, days: 5, dispatch: { policy: 'optimized' } });
      expect(side.network.courier).toEqual(env.courier);
    }
  });

  it('spreads the last months of issues over their days as the reorder policy’s history', async () => {
    const built = await inputs((s) => s);
    const history = built.baseline.reorder!.history!;
    // September (30 days) and October (31) at the stocked pairs; P-PSU at O-YB: one a day in October.
    const yb = history.find((h) => h.location === 'O-YB' && h.sku === 'P-PSU')!;
    expect(yb.daily).toHaveLength(61);
    expect(yb.daily.slice(30)).toEqual(Array.from({ length: 31 }, () => 1));
    const depot = history.find((h) => h.location === 'D-CTU' && h.sku === 'P-PSU')!;
    expect(depot.daily.reduce((s, x) => s + x, 0)).toBe(3);
    expect(depot.daily.filter((x) => x > 0)).toHaveLength(3);
  });

  it('reports one lead time for SKUs that differ, and what else it simplifies, once', async () => {
    const built = await inputs((s) => s);
    // Stock-weighted: 4 fans at 14 days, 13 PSUs at 21 days.
    expect(built.baseline.reorder!.leadTimeDays.mean).toBeCloseTo((4 * 14 + 13 * 21) / 17, 9);
    expect(built.warnings.filter((w) => w.startsWith('per-SKU lead times'))).toHaveLength(1);
    expect(built.warnings.some((w) => w.startsWith('scenario: '))).toBe(false);
  });
});
