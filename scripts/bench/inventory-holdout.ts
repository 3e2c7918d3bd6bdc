import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { planReplenishment, type ForecastMethod } from '../../solver/inventory/index.ts';
import { pool, simulateOrderUpTo, type SimulationResult } from './lib/inventory-simulation.ts';
import { fixed, markdownTable } from './lib/markdown.ts';
import { appendSection, currentCommand, describeMachine, loadAverageNow } from './lib/report.ts';

/**
 * Holdout benchmark on the carparts data (2674 monthly series, 1998-01..2002-03): each policy is
 * fitted on the first 39 months and simulated over the last 12 with a lead time of 1 month, monthly
 * review, order-up-to S for a 95 % fill-rate target (planReplenishment, policy class 'part').
 * Baseline, same simulation: 12-month moving average + normal safety stock,
 * S = ⌈μ(L+R) + z·σ√(L+R)⌉ with z = 1.645; then z tuned (bisection) until the baseline reaches each
 * method's achieved fill rate, and its stock at that fill rate reported.
 */
const machine = describeMachine();
const { values } = parseArgs({
  options: {
    data: {
      type: 'string',
      default: resolve(import.meta.dirname, '../../../shared/benchmarks/carparts/carparts.csv'),
    },
    target: { type: 'string', default: '0.95' },
    'print-only': { type: 'boolean', default: false },
  },
});
const target = Number(values.target);
const FIT = 39;
const HOLDOUT = 12;
const LEAD = 1;
const REVIEW = 1;
const WINDOW = 12;
const Z95 = 1.6449;

const rows = parse(readFileSync(values.data), { columns: false, skip_empty_lines: true }) as string[][];
const [header, ...months] = rows;
const seriesCount = header!.length - 1;
const series: number[][] = [];
let skipped = 0;
for (let c = 1; c <= seriesCount; c++) {
  const cells = months.map((row) => row[c] ?? '');
  if (cells.some((cell) => cell.trim() === '')) {
    skipped++; // missing months: skipped, not imputed
    continue;
  }
  series.push(cells.map(Number));
}
if (months.length !== FIT + HOLDOUT)
  throw new Error(`expected ${FIT + HOLDOUT} months, got ${months.length}`);

const started = performance.now();
const methods: (ForecastMethod | 'auto')[] = [
  'ses',
  'croston',
  'sba',
  'sbj',
  'tsb',
  'adida',
  'imapa',
  'auto',
];
let planCalls = 0;
const planStarted = performance.now();
const cpuStarted = process.cpuUsage();
const levels = new Map<
  string,
  { S: number[]; modelled: boolean[]; noModel: number; meanPredicted: number }
>();
/** Extra rows: the automatic choice at other targets, to show how predicted and achieved fill rates track. */
const extraTargets = [0.9, 0.98];
const runs: { key: string; method: ForecastMethod | 'auto'; target: number }[] = [
  ...methods.map((method) => ({ key: method, method, target })),
  ...extraTargets.map((t) => ({ key: `auto@${t}`, method: 'auto' as const, target: t })),
];
for (const { key, method, target: runTarget } of runs) {
  const S: number[] = [];
  const modelled: boolean[] = [];
  let noModel = 0;
  let predicted = 0;
  for (const y of series) {
    const plan = planReplenishment({
      history: y.slice(0, FIT),
      periodDays: 30.44,
      leadTime: { mean: LEAD },
      reviewPeriods: REVIEW,
      targetFillRate: runTarget,
      unitCost: 1,
      holdingRate: 0.25,
      orderCost: 0,
      packSize: 1,
      minOrderQty: 0,
      policyClass: 'part',
      ...(method === 'auto' ? {} : { method }),
    });
    planCalls++;
    modelled.push(plan.forecast !== null);
    if (plan.forecast === null) noModel++;
    else predicted += plan.predictedFillRate;
    S.push(plan.orderUpTo);
  }
  levels.set(key, { S, modelled, noModel, meanPredicted: predicted / (series.length - noModel) });
}
const planMs = performance.now() - planStarted;
const planCpuMs = (process.cpuUsage(cpuStarted).user + process.cpuUsage(cpuStarted).system) / 1000;

const holdout = series.map((y) => y.slice(FIT));
const simulate = (S: readonly number[]) =>
  pool(holdout.map((d, i): SimulationResult => simulateOrderUpTo(d, S[i]!, LEAD)));

/** Baseline order-up-to levels for a safety factor z. */
const baselineStats = series.map((y) => {
  const w = y.slice(FIT - WINDOW, FIT);
  const mu = w.reduce((a, b) => a + b, 0) / WINDOW;
  const sd = Math.sqrt(w.reduce((a, b) => a + (b - mu) ** 2, 0) / (WINDOW - 1));
  return { mu, sd };
});
const protection = LEAD + REVIEW;
const baselineLevels = (z: number) =>
  baselineStats.map(({ mu, sd }) =>
    Math.max(0, Math.ceil(mu * protection + z * sd * Math.sqrt(protection) - 1e-9)),
  );
const baseline = simulate(baselineLevels(Z95));

/** Smallest z (bisection on [−3, 12]) whose baseline fill rate reaches `fill`. */
function baselineAt(fill: number): { z: number; fillRate: number; stockPerSeries: number } | null {
  let lo = -3;
  let hi = 12;
  if (simulate(baselineLevels(hi)).fillRate < fill) return null;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (simulate(baselineLevels(mid)).fillRate >= fill) hi = mid;
    else lo = mid;
  }
  return { z: hi, ...simulate(baselineLevels(hi)) };
}

const NAMES: Record<string, string> = {
  ses: 'SES',
  croston: 'Croston',
  sba: 'SBA',
  sbj: 'SBJ',
  tsb: 'TSB',
  adida: 'ADIDA',
  imapa: 'IMAPA',
  auto: 'auto (SBC classification)',
};
const pct = (x: number) => `${fixed(100 * x, 1)} %`;
const tableRows: (string | number | null)[][] = [];
tableRows.push([
  `baseline: MA(12) + normal safety stock, z = ${Z95}`,
  pct(baseline.fillRate),
  fixed(baseline.stockPerSeries, 3),
  '1.00',
  '–',
  '–',
  '–',
  '–',
]);
for (const { key, method, target: runTarget } of runs) {
  const { S, meanPredicted } = levels.get(key)!;
  const result = simulate(S);
  const same = baselineAt(result.fillRate);
  tableRows.push([
    runTarget === target ? NAMES[method]! : `${NAMES[method]!}, target ${pct(runTarget)}`,
    pct(result.fillRate),
    fixed(result.stockPerSeries, 3),
    fixed(result.stockPerSeries / baseline.stockPerSeries, 2),
    pct(meanPredicted),
    same === null ? '–' : fixed(same.z, 3),
    same === null ? 'not reached' : `${fixed(same.stockPerSeries, 3)} (${pct(same.fillRate)})`,
    same === null ? '–' : fixed(result.stockPerSeries / same.stockPerSeries, 2),
  ]);
}
const totalMs = performance.now() - started;
const table = markdownTable(
  [
    'Policy (fit 39 months, simulate 12)',
    'Achieved fill rate (pooled)',
    'Avg stock on hand per series',
    'Stock ÷ baseline',
    'Mean predicted fill rate',
    'Baseline z at the same fill rate',
    'Baseline stock at the same fill rate (its fill)',
    'Stock ÷ baseline at the same fill rate',
  ],
  tableRows,
);
console.log(table);
const auto = levels.get('auto')!;
const autoModelled = pool(
  holdout.flatMap((d, i) => (auto.modelled[i] ? [simulateOrderUpTo(d, auto.S[i]!, LEAD)] : [])),
);
const notes = [
  `Data: ../shared/benchmarks/carparts/carparts.csv, ${seriesCount} series; ${skipped} with missing months skipped (not imputed), ${series.length} used; fit on months 1–${FIT}, holdout months ${FIT + 1}–${FIT + HOLDOUT}.`,
  `Policy: planReplenishment (policy class 'part'), lead time ${LEAD} month, review every ${REVIEW} month, target fill rate ${pct(target)}; S fixed over the holdout (no re-fitting). Simulation: starts with S on hand and nothing on order; each month the order placed a month earlier arrives, the position is raised to S, demand is served from stock; unmet demand is backordered (the setting of the exact fill-rate formula). Fill rate = units served from stock / units demanded, pooled over all series; stock = on hand at the end of each month, averaged over months, then over series.`,
  `Series without a model (fewer than 2 demands in the fit window, so S = 0 under the auto policy and every method): ${auto.noModel}. 'Mean predicted fill rate' is the model's own figure averaged over the series with a model. The auto policy's pooled fill rate over the series with a model only: ${pct(autoModelled.fillRate)}.`,
  `Baseline: mean and sample sd of the last ${WINDOW} fit months, S = ⌈μ·2 + z·σ·√2⌉; 'at the same fill rate' tunes z by bisection to the smallest value whose pooled fill rate reaches the method's.`,
  `Run time: ${fixed(totalMs / 1000, 1)} s in all; ${planCalls} planReplenishment calls took ${fixed(planMs / 1000, 2)} s (${fixed((1000 * planMs) / planCalls, 0)} µs per call wall, ${fixed((1000 * planCpuMs) / planCalls, 0)} µs CPU) on a machine shared with other work.`,
];
for (const note of notes) console.log(`- ${note}`);
if (!values['print-only']) {
  appendSection({
    title: 'Inventory holdout: carparts, fill rate and stock per forecasting method',
    command: currentCommand('scripts/bench/inventory-holdout.ts'),
    notes,
    table,
    date: new Date(),
    machine,
    loadAverageEnd: loadAverageNow(),
  });
}
