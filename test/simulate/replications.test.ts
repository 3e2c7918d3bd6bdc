import { describe, expect, it } from 'vitest';
import {
  compare,
  simulate,
  type SimulationInput,
  type SimulationResult,
} from '../../solver/simulate/index.ts';
import { cityNetwork } from './networks.ts';

const runs = (input: SimulationInput, replications: number, seed = 11): SimulationResult[] =>
  Array.from({ length: replications }, (_, replication) => simulate(input, { seed, replication }));

const share = (kpi: string, comparison: ReturnType<typeof compare>) => comparison.find((c) => c.kpi === kpi)!;

describe('simulate: determinism and common random numbers', () => {
  for (const policy of ['nearest-free', 'optimized'] as const) {
    it(`${policy}: the same seed and replication give identical result objects`, () => {
      const input = cityNetwork({ engineers: 4, perDay: 15, days: 2, policy });
      const a = simulate(input, { seed: 3, replication: 1 });
      const b = simulate(structuredClone(input), { seed: 3, replication: 1 });
      expect(b).toEqual(a);
      expect(a.kpis.tickets.arrived).toBeGreaterThan(10);
      // Another replication draws other tickets.
      const c = simulate(input, { seed: 3, replication: 2 });
      expect(c.tickets.map((t) => t.arrivedAt)).not.toEqual(a.tickets.map((t) => t.arrivedAt));
    });
  }

  it('baseline against itself: every difference is exactly 0 with the interval [0, 0]', () => {
    const input = cityNetwork({ engineers: 4, perDay: 15, days: 2, policy: 'nearest-free' });
    const comparison = compare(runs(input, 3), runs(input, 3));
    expect(comparison.length).toBeGreaterThan(30);
    for (const c of comparison) {
      expect(c.meanDifference).toBe(0);
      expect(c.ci95).toEqual([0, 0]);
    }
  });

  it('a changed network sees the same tickets at the same times with the same durations', () => {
    const base = cityNetwork({ engineers: 4, perDay: 15, days: 2, policy: 'nearest-free' });
    const scenario = cityNetwork({
      engineers: 4,
      perDay: 15,
      days: 2,
      policy: 'optimized',
      extraEngineerNear: true,
    });
    const a = simulate(base, { seed: 5, replication: 0 });
    const b = simulate(scenario, { seed: 5, replication: 0 });
    const arrivals = (r: SimulationResult) =>
      r.tickets.map((t) => [t.id, t.arrivedAt, t.onsiteDue, t.unitDue]);
    expect(arrivals(b)).toEqual(arrivals(a));
  });

  it('scaling one demand class keeps the baseline tickets and adds to them', () => {
    const base = cityNetwork({ engineers: 4, perDay: 15, days: 3, policy: 'nearest-free' });
    const doubled = structuredClone(base);
    if (doubled.demand.kind === 'model') doubled.demand.classScale = { 'l2-router': 2 };
    const ids = (input: SimulationInput) =>
      new Set(simulate(input, { seed: 9, replication: 0 }).tickets.map((t) => t.id));
    const a = ids(base);
    const b = ids(doubled);
    for (const id of a) expect(b.has(id)).toBe(true);
    expect(b.size).toBeGreaterThan(a.size);
  });

  it('the t interval: differences 1, 2, 3 give 2 ± t(0.975, 2) · 1/√3', () => {
    const input = cityNetwork({ engineers: 2, perDay: 5, days: 1, policy: 'nearest-free' });
    const [r] = runs(input, 1);
    const shifted = (by: number) => {
      const copy = structuredClone(r!);
      copy.kpis.stock.purchaseValue += by;
      return copy;
    };
    const c = share('stock.purchaseValue', compare([r!, r!, r!], [shifted(1), shifted(2), shifted(3)]));
    const half = (4.302652729911275 * 1) / Math.sqrt(3);
    expect(c.meanDifference).toBeCloseTo(2, 12);
    expect(c.ci95![0]).toBeCloseTo(2 - half, 9);
    expect(c.ci95![1]).toBeCloseTo(2 + half, 9);
    expect(compare([r!], [shifted(1)]).find((x) => x.kpi === 'stock.purchaseValue')!.ci95).toBeNull();
  });
});

describe('simulate: what the policies are worth', () => {
  it('an extra engineer at the busy office never lowers promises kept in expectation', () => {
    const base = cityNetwork({ engineers: 3, perDay: 20, days: 2, policy: 'optimized' });
    const more = cityNetwork({
      engineers: 3,
      perDay: 20,
      days: 2,
      policy: 'optimized',
      extraEngineerNear: true,
    });
    const c = share('promises.overall.share', compare(runs(base, 3), runs(more, 3)));
    console.log(
      `extra engineer: promises kept ${c.baselineMean.toFixed(3)} → ${c.scenarioMean.toFixed(3)}, CI ${c.ci95}`,
    );
    expect(c.meanDifference).toBeGreaterThanOrEqual(0);
  });

  it('optimized keeps at least as many promises as nearest-free on a congested city', () => {
    const nearest = runs(cityNetwork({ engineers: 4, perDay: 30, days: 3, policy: 'nearest-free' }), 3);
    const optimized = runs(cityNetwork({ engineers: 4, perDay: 30, days: 3, policy: 'optimized' }), 3);
    const c = share('promises.overall.share', compare(nearest, optimized));
    const kept = (rs: SimulationResult[]) => rs.reduce((s, r) => s + r.kpis.promises.overall.met, 0);
    console.log(
      `congested city: promises kept nearest-free ${c.baselineMean.toFixed(3)}, optimized ${c.scenarioMean.toFixed(3)} ` +
        `(difference ${c.meanDifference.toFixed(3)}, CI ${c.ci95?.map((x) => x.toFixed(3))}); met ${kept(nearest)} vs ${kept(optimized)}`,
    );
    expect(c.meanDifference).toBeGreaterThanOrEqual(0);
    expect(kept(optimized)).toBeGreaterThanOrEqual(kept(nearest));
  });
});

describe('simulate: stock', () => {
  for (const policy of ['nearest-free', 'optimized'] as const) {
    it(`${policy}: stock never goes negative and no unit is used twice`, () => {
      const input = cityNetwork({ engineers: 4, perDay: 25, days: 4, policy });
      // Scarce stock so that stock-outs and reorders happen.
      input.network.stock = [
        { location: 'D1', sku: 'P1', qty: 3 },
        { location: 'D1', sku: 'P2', qty: 2 },
        { location: 'D1', sku: 'U1', qty: 2 },
      ];
      input.reorder!.history = [
        { location: 'D1', sku: 'P1', daily: Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 2 : 1)) },
        { location: 'D1', sku: 'U1', daily: Array.from({ length: 60 }, (_, i) => (i % 4 === 0 ? 1 : 0)) },
      ];
      const result = simulate(input, { seed: 2, replication: 0 });
      const balance = new Map<string, number>();
      for (const record of input.network.stock) balance.set(`${record.location}|${record.sku}`, record.qty);
      for (const e of input.network.engineers)
        for (const [sku, qty] of Object.entries(e.vanStock ?? {})) balance.set(`van:${e.id}|${sku}`, qty);
      for (const m of result.movements) {
        const k = `${m.location}|${m.sku}`;
        const next = (balance.get(k) ?? 0) + m.qty;
        expect(next, `${k} at ${m.at}`).toBeGreaterThanOrEqual(0);
        balance.set(k, next);
      }
      // Each ticket draws at most what it needs, and at most one spare unit.
      const needs = new Map(result.tickets.map((t) => [t.id, t]));
      const drawn = new Map<string, number>();
      for (const m of result.movements.filter((x) => x.kind === 'issue')) {
        expect(needs.has(m.ticket!)).toBe(true);
        const k = `${m.ticket}|${m.sku}`;
        drawn.set(k, (drawn.get(k) ?? 0) + -m.qty);
      }
      for (const [k, qty] of drawn) expect(qty, k).toBeLessThanOrEqual(k.endsWith('|U1') ? 1 : 2);
      expect(result.kpis.stock.stockOuts).toBeGreaterThan(0);
      expect(result.kpis.stock.purchaseOrders).toBeGreaterThan(0);
      console.log(
        `${policy} scarce stock: stock-outs ${result.kpis.stock.stockOuts}, orders ${result.kpis.stock.purchaseOrders}`,
      );
    });
  }
});
