import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import request from 'supertest';
import { Problem, solve } from '../../solver/index.ts';
import { createApp } from '../../src/app.ts';
import { parseConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadDemoNetwork } from '../../src/demo/load-demo.ts';
import { createLogger } from '../../src/logger.ts';
import { createServices } from '../../src/services.ts';
import { parsePositiveInt } from './lib/args.ts';
import { fixed, markdownTable } from './lib/markdown.ts';
import { appendSection, currentCommand, describeMachine, loadAverageNow } from './lib/report.ts';
import { median } from './lib/stats.ts';

/**
 * A dispatch plan end to end through the service: POST /api/v1/dispatch/plans, then GET the plan
 * until it is stored (the client's view: problem read from the database, solved and checked in a
 * worker thread, stored). The network is loaded into an in-memory PGlite first (not timed): the
 * demo (data/demo) by default, or with --network DIR a network written by
 * `scripts/generate-network.ts --scale`. The solver pool is warmed before the runs, as the server
 * does at start. Baseline, measured in the same run on the same stored problem: the solver alone,
 * in-process, with the same time limit; the ratio is what the service adds.
 *
 *   npx tsx scripts/bench/dispatch-plan.ts [--runs 3] [--time-limit-ms 1000] [--print-only]
 *   npx tsx scripts/generate-network.ts --scale --engineers 1000 --tickets 5000 --sites 8000 --out .tmp/scale-1000
 *   npx tsx scripts/bench/dispatch-plan.ts --network .tmp/scale-1000 --time-limit-ms 15000 --runs 3 \
 *     [--database-url postgres://postgres@127.0.0.1:5432/test]
 */
const machine = describeMachine();
const { values } = parseArgs({
  options: {
    network: { type: 'string' },
    runs: { type: 'string', default: '3' },
    'time-limit-ms': { type: 'string', default: '1000' },
    target: { type: 'string' },
    'database-url': { type: 'string' },
    'print-only': { type: 'boolean', default: false },
  },
});
const runs = parsePositiveInt('runs', values.runs);
const timeLimitMs = parsePositiveInt('time-limit-ms', values['time-limit-ms']);
const networkDir = path.resolve(values.network ?? 'data/demo');
const isDemo = values.network === undefined;
const targetMs = values.target ? parsePositiveInt('target', values.target) : isDemo ? 2000 : 30_000;

const config = parseConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DEMO_DATA: 'false' });
const logger = createLogger('silent');
// The network's own "today" (its tickets were reported in the hours before it), so every run
// plans the same day whatever the time of the benchmark.
const manifest = JSON.parse(readFileSync(path.join(networkDir, 'manifest.json'), 'utf8')) as {
  today: string;
};
const today = new Date(manifest.today);
const now = () => today;
// With --database-url, a PostgreSQL server in a schema of its own (dropped at the end);
// otherwise PGlite, in memory for the demo and in a temporary folder for a scale network.
const databaseUrl = values['database-url'];
const schema = `bench_dispatch_${process.pid}`;
if (databaseUrl) {
  const admin = createDatabase({ url: databaseUrl });
  await admin.raw(`create schema "${schema}"`);
  await admin.destroy();
}
const db = databaseUrl
  ? createDatabase({ url: databaseUrl, schema })
  : createDatabase({ dataDir: isDemo ? 'memory://' : mkdtempSync(path.join(tmpdir(), 'dispatch-bench-')) });
const databaseName = databaseUrl ? 'PostgreSQL' : isDemo ? 'PGlite in memory' : 'PGlite on disk';
await migrateToLatest(db);
const services = createServices({ db, config, logger, now });
let started = performance.now();
const loaded = await loadDemoNetwork({ db, services, logger, now }, networkDir);
const loadMs = performance.now() - started;
console.error(`network loaded in ${(loadMs / 1000).toFixed(1)} s: ${JSON.stringify(loaded.counts)}`);
started = performance.now();
await services.dispatchPlans.warm();
const warmMs = performance.now() - started;
const app = createApp({ config, db, logger, services });
const { token } = await services.accessTokens.issue({ name: 'bench', role: 'dispatcher' }, 'bench');
const authorization = `Bearer ${token}`;

interface Run {
  endToEndMs: number;
  buildMs: number;
  solveMs: number;
  solverAloneMs: number;
  tickets: number;
  engineers: number;
  assigned: number;
  unassigned: number;
  valid: boolean;
}

async function oneRun(seed: number): Promise<Run> {
  const t0 = performance.now();
  const accepted = await request(app)
    .post('/api/v1/dispatch/plans')
    .set('authorization', authorization)
    .send({ timeLimitMs, seed })
    .expect(202);
  let plan;
  for (;;) {
    plan = (await request(app).get(accepted.body.location).set('authorization', authorization).expect(200))
      .body;
    if (plan.status !== 'solving') break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const endToEndMs = performance.now() - t0;
  if (plan.status !== 'solved') throw new Error(`plan ${plan.id} ${plan.status}: ${plan.error}`);
  const problem = Problem.parse(
    (
      await request(app)
        .get(`${accepted.body.location}/problem`)
        .set('authorization', authorization)
        .expect(200)
    ).body,
  );
  const t1 = performance.now();
  solve(problem, { now: () => performance.now() });
  const solverAloneMs = performance.now() - t1;
  return {
    endToEndMs,
    buildMs: plan.buildMs,
    solveMs: plan.solveMs,
    solverAloneMs,
    tickets: problem.tickets.length,
    engineers: problem.engineers.length,
    assigned: plan.kpis.assigned,
    unassigned: plan.kpis.unassigned,
    valid: plan.valid,
  };
}

const results: Run[] = [];
for (let i = 0; i < runs; i++) {
  const run = await oneRun(i + 1);
  console.error(
    `run ${i + 1}: end to end ${Math.round(run.endToEndMs)} ms (read ${run.buildMs} ms, solve+check ${run.solveMs} ms), solver alone ${Math.round(run.solverAloneMs)} ms, ${run.assigned}/${run.tickets} assigned, valid ${run.valid}`,
  );
  results.push(run);
}
await services.dispatchPlans.close();
if (databaseUrl) await db.raw(`drop schema "${schema}" cascade`);
await db.destroy();

const med = (pick: (run: Run) => number) => median(results.map(pick));
const endToEnd = med((r) => r.endToEndMs);
const first = results[0]!;
/** Tickets assigned over the runs: one number when every run agrees, else the range. */
function assignedRange(): string {
  const counts = results.map((r) => r.assigned);
  const [low, high] = [Math.min(...counts), Math.max(...counts)];
  return `${low === high ? low : `${low}–${high}`}/${first.tickets}`;
}
const table = markdownTable(
  [
    'network',
    'database',
    'tickets',
    'engineers',
    'time limit ms',
    'runs',
    'end to end ms (median)',
    'read problem ms',
    'solve + check ms',
    'solver alone ms (baseline)',
    'ratio',
    'assigned',
    'all valid',
    'target',
  ],
  [
    [
      isDemo ? 'demo day' : path.basename(networkDir),
      databaseName,
      first.tickets,
      first.engineers,
      timeLimitMs,
      runs,
      Math.round(endToEnd),
      Math.round(med((r) => r.buildMs)),
      Math.round(med((r) => r.solveMs)),
      Math.round(med((r) => r.solverAloneMs)),
      fixed(endToEnd / med((r) => r.solverAloneMs), 2),
      assignedRange(),
      results.every((r) => r.valid) ? 'yes' : 'no',
      `≤ ${targetMs} ms: ${endToEnd <= targetMs ? 'met' : 'missed'}`,
    ],
  ],
);
console.log(table);
if (!values['print-only'])
  appendSection({
    title: `Dispatch plan end to end through the service (${isDemo ? 'demo day' : path.basename(networkDir)})`,
    command: currentCommand('scripts/bench/dispatch-plan.ts'),
    notes: [
      `POST /api/v1/dispatch/plans in-process (supertest), then GET every 10 ms until stored: reading the problem from ${databaseName}, solving and validatePlan in a worker thread, storing plan, KPIs and verdict.`,
      `Network loaded first, not timed: ${(loadMs / 1000).toFixed(1)} s (${JSON.stringify(loaded.counts)}); solver workers warmed before the runs in ${Math.round(warmMs)} ms, as the server does at start.`,
      'Baseline: the solver alone, in-process, on the same stored problem with the same time limit; ratio = end to end ÷ baseline. The solver uses its time limit for search, so both are bounded by it.',
    ],
    table,
    date: new Date(),
    machine,
    loadAverageEnd: loadAverageNow(),
  });
