import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadDemoNetwork } from '../../src/demo/load-demo.ts';
import { createLogger } from '../../src/logger.ts';
import type { KpiDifference, ScenarioRun } from '../../src/scenarios/scenario-run.schemas.ts';
import type { SimulationKpis } from '../../solver/simulate/index.ts';
import { createServices } from '../../src/services.ts';
import { parsePositiveInt } from './lib/args.ts';
import { fixed, markdownTable } from './lib/markdown.ts';
import { appendSection, currentCommand, describeMachine, loadAverageNow } from './lib/report.ts';

/**
 * Issue 6's target through the service, on the demo network itself (data/demo loaded into an
 * in-memory PGlite, not timed): a planner's run — POST /scenarios/:id/runs as the service does it
 * (read the live network, apply the change set, estimate demand from the stored history, build
 * both simulation inputs, baseline and scenario × replications on common random numbers on at
 * most two simulation worker threads, paired comparison, results stored) — timed from `create`
 * until the row is `done`. The scenario adds four engineers at the Chengdu office. A second run
 * with `compareNearestFree` adds the nearest-free baseline: the share of the missed promises that
 * optimization keeps.
 *
 *   npx tsx scripts/bench/whatif-service.ts [--days 30] [--tickets 10000|history] [--replications 5] [--runs 1] [--print-only]
 */
const machine = describeMachine();
const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '30' },
    tickets: { type: 'string', default: '10000' },
    replications: { type: 'string', default: '5' },
    runs: { type: 'string', default: '1' },
    'skip-nearest-free': { type: 'boolean', default: false },
    'print-only': { type: 'boolean', default: false },
  },
});
const days = parsePositiveInt('--days', values.days);
// `--tickets history`: the demand the stored history gives (the demo's own month).
const tickets = values.tickets === 'history' ? null : parsePositiveInt('--tickets', values.tickets);
const replications = parsePositiveInt('--replications', values.replications);
const runs = parsePositiveInt('--runs', values.runs);
const TARGET_SECONDS = 60;

const networkDir = path.resolve('data/demo');
const manifest = JSON.parse(readFileSync(path.join(networkDir, 'manifest.json'), 'utf8')) as {
  today: string;
};
const now = () => new Date(manifest.today);
const config = parseConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DEMO_DATA: 'false' });
const logger = createLogger('silent');
const db = createDatabase({ dataDir: 'memory://' });
await migrateToLatest(db);
const services = createServices({ db, config, logger, now });
const started = performance.now();
await loadDemoNetwork({ db, services, logger, now }, networkDir);
console.error(`demo network loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const office = await db('locations').where({ kind: 'office' }).orderBy('id').first();
const template = await db('engineers')
  .where({ home_office_id: office.id, active: true })
  .orderBy('id')
  .first();
const skills = Object.fromEntries(
  (await db('engineer_skills').where({ engineer_id: template.id })).map((row) => [row.skill, row.level]),
);
const shifts = (await db('engineer_shifts').where({ engineer_id: template.id })).map((row) => ({
  weekday: row.weekday,
  startsAt: row.starts_at.slice(0, 5),
  endsAt: row.ends_at.slice(0, 5),
}));
const scenario = await services.scenarios.create(
  {
    name: 'Four more engineers',
    changes: Array.from({ length: 4 }, (_, i) => ({
      kind: 'add-engineer' as const,
      engineerId: `E-BENCH-${i + 1}`,
      name: `Bench engineer ${i + 1}`,
      homeLocationId: office.id,
      skills,
      shifts,
      maxJobsPerDay: 6,
    })),
  },
  'bench',
);

/** The stored KPIs are the simulation's (the API schema keeps them open). */
const replicationsOf = (run: ScenarioRun) =>
  run.results!.replications as unknown as Array<{
    baseline: SimulationKpis;
    scenario: SimulationKpis;
    baselineNearestFree?: SimulationKpis;
  }>;

interface Timed {
  seconds: number;
  cpuMsPerTicket: number;
  run: ScenarioRun;
}

/** One run through the service, timed from create to done; CPU of the whole process (all threads). */
async function timedRun(compareNearestFree: boolean): Promise<Timed> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const created = await services.scenarioRuns.create(
    scenario.id,
    {
      days,
      replications,
      seed: 1,
      ...(tickets === null ? {} : { tickets }),
      policy: 'optimized',
      compareNearestFree,
      demand: 'model',
      demandScale: 1,
    },
    'bench',
  );
  let run: ScenarioRun;
  for (;;) {
    run = await services.scenarioRuns.get(created.id);
    if (run.status === 'done' || run.status === 'failed' || run.status === 'cancelled') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (run.status !== 'done') throw new Error(`run ${run.id} ended ${run.status}: ${run.error}`);
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu);
  const simulatedTickets = replicationsOf(run).reduce(
    (sum, r) =>
      sum +
      r.baseline.tickets.arrived +
      r.scenario.tickets.arrived +
      (r.baselineNearestFree?.tickets.arrived ?? 0),
    0,
  );
  const cpuMsPerTicket = (used.user + used.system) / 1000 / simulatedTickets;
  return { seconds, cpuMsPerTicket, run };
}

const item = (list: readonly KpiDifference[], kpi: string) => list.find((entry) => entry.kpi === kpi)!;
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
const interval = (d: KpiDifference) =>
  d.ci95
    ? `${(d.difference * 100).toFixed(1)} (${(d.ci95[0] * 100).toFixed(1)} … ${(d.ci95[1] * 100).toFixed(1)})`
    : '–';

const rows: string[][] = [];
const timings: number[] = [];
for (let i = 0; i < runs; i++) {
  const { seconds, cpuMsPerTicket, run } = await timedRun(false);
  timings.push(seconds);
  const kept = item(run.results!.comparison, 'promises.overall.share');
  const arrived = replicationsOf(run)[0]!.baseline.tickets.arrived;
  console.error(`run ${i + 1}: ${seconds.toFixed(1)} s, ${arrived} tickets per simulation`);
  rows.push([
    `baseline + scenario (${i + 1})`,
    String(replications),
    String(arrived),
    fixed(seconds, 1),
    fixed(cpuMsPerTicket, 2),
    `${pct(kept.baselineMean)} → ${pct(kept.scenarioMean)}`,
    interval(kept),
    `${fixed(seconds, 1)} / ${TARGET_SECONDS}: ${seconds <= TARGET_SECONDS ? 'met' : 'missed'}`,
  ]);
}
if (!values['skip-nearest-free']) {
  const { seconds, cpuMsPerTicket, run } = await timedRun(true);
  const worth = item(run.results!.optimizationWorth!, 'promises.overall.share');
  const missed = (k: 'baselineNearestFree' | 'baseline') =>
    replicationsOf(run).reduce((sum, r) => sum + r[k]!.promises.overall.missed, 0) / replications;
  const saved = 1 - missed('baseline') / missed('baselineNearestFree');
  rows.push([
    'with nearest-free baseline',
    String(replications),
    String(replicationsOf(run)[0]!.baseline.tickets.arrived),
    fixed(seconds, 1),
    fixed(cpuMsPerTicket, 2),
    `nearest-free ${pct(worth.baselineMean)} → optimized ${pct(worth.scenarioMean)}`,
    interval(worth),
    `optimized misses ${pct(saved)} fewer promises (${fixed(missed('baseline'), 0)} vs ${fixed(missed('baselineNearestFree'), 0)} per simulation; target ≥ 30 %)`,
  ]);
}

const table = markdownTable(
  [
    'run',
    'replications',
    'tickets per simulation',
    'wall s (create → done)',
    'CPU ms / simulated ticket',
    'promises kept',
    'difference, points (95 % CI)',
    'target',
  ],
  rows,
);
console.log(table);
if (!values['print-only'])
  appendSection({
    title: "What-if through the service on the demo network (issue 6's target)",
    command: currentCommand('scripts/bench/whatif-service.ts'),
    notes: [
      `The demo network (data/demo) in PGlite in memory; a scenario of 4 more engineers at ${office.id}; ${days} days, ${tickets ?? "the history's rate of"} expected tickets over the horizon, sampled from the demand model estimated from the stored history, seed 1, ${replications} replications of baseline and scenario on common random numbers, on the service's simulation workers (at most 2 threads).`,
      'Wall time from create (reading the network, building inputs) until the stored row is done; CPU of the whole process, all threads, per simulated ticket.',
      values['skip-nearest-free']
        ? 'Without the nearest-free row (--skip-nearest-free).'
        : 'The last row adds the nearest-free dispatcher on the baseline (3 simulations per replication); "difference" there is optimized − nearest-free.',
    ],
    table,
    date: new Date(),
    machine,
    loadAverageEnd: loadAverageNow(),
  });
await services.scenarioRuns.close();
await db.destroy();
process.exit(0);
