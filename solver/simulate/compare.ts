/**
 * Baseline against scenario over replications run on the same random streams: per KPI the mean of
 * the paired differences (scenario − baseline, replication by replication) with a Student-t 95 %
 * confidence interval, mean ± t(0.975, n−1) · sd / √n. The t quantile is jstat's
 * (one small, long-kept package). With one replication there is no interval (null).
 */
import jstat from 'jstat';
import type { SimulationKpis, SimulationResult } from './types.ts';

export interface KpiComparison {
  /** Dotted path into SimulationKpis, e.g. "promises.byLevel.1.share". */
  kpi: string;
  baselineMean: number;
  scenarioMean: number;
  meanDifference: number;
  /** 95 % interval of the mean difference; null with fewer than two replications. */
  ci95: [number, number] | null;
  replications: number;
}

/** Every number of a KPI object, by dotted path, in a stable order. */
export function kpiFigures(kpis: SimulationKpis): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'number') out[path] = value;
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(kpis, '');
  return out;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Runs are paired by position: baselineRuns[i] and scenarioRuns[i] share replication i's streams. */
export function compare(
  baselineRuns: readonly Pick<SimulationResult, 'kpis'>[],
  scenarioRuns: readonly Pick<SimulationResult, 'kpis'>[],
): KpiComparison[] {
  if (baselineRuns.length !== scenarioRuns.length || baselineRuns.length === 0)
    throw new RangeError('compare needs the same number (≥ 1) of baseline and scenario runs');
  const base = baselineRuns.map((r) => kpiFigures(r.kpis));
  const scen = scenarioRuns.map((r) => kpiFigures(r.kpis));
  const n = base.length;
  return Object.keys(base[0]!).map((kpi) => {
    const b = base.map((f) => f[kpi]!);
    const s = scen.map((f) => f[kpi]!);
    const diffs = s.map((x, i) => x - b[i]!);
    const d = mean(diffs);
    let ci95: [number, number] | null = null;
    if (n >= 2) {
      const variance = diffs.reduce((sum, x) => sum + (x - d) ** 2, 0) / (n - 1);
      const half = jstat.jStat.studentt.inv(0.975, n - 1) * Math.sqrt(variance / n);
      ci95 = [d - half, d + half];
    }
    return { kpi, baselineMean: mean(b), scenarioMean: mean(s), meanDifference: d, ci95, replications: n };
  });
}
