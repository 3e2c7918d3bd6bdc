import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import knexFactory from 'knex';
import { createDatabase, knexConfig } from '../../src/db/connection.ts';
import { readDemoNetwork } from '../../src/demo/demo-files.ts';
import { parsePositiveInt } from './lib/args.ts';
import { fixed, markdownTable } from './lib/markdown.ts';
import { loadNightlyNetwork } from './lib/nightly-load.ts';
import { appendSection, describeMachine, loadAverageNow } from './lib/report.ts';
import { median } from './lib/stats.ts';

/**
 * The nightly reorder run on a national-scale network against its targets (≤ 60 s, ≤ 2 GiB):
 * loads a generated network (scripts/generate-network.ts --scale --out .tmp/…) into a PostgreSQL
 * schema of its own, then runs the nightly run `--repeats` times, each in a fresh process (peak RSS
 * is the run's own). The first run writes every suggestion; later runs re-run the same key, so
 * they also delete and rewrite the proposals (the idempotent path a second night takes).
 *
 *   tsx scripts/generate-network.ts --scale --out .tmp/reorder-scale
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test tsx scripts/bench/nightly.ts \
 *     --network .tmp/reorder-scale [--schema bench_nightly] [--repeats 3] [--reuse]
 */
const RUN_SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), 'nightly-run.ts');
const TARGET_MS = 60_000;
const TARGET_BYTES = 2 * 2 ** 30;

const { values } = parseArgs({
  options: {
    network: { type: 'string', default: '.tmp/reorder-scale' },
    schema: { type: 'string', default: 'bench_nightly' },
    repeats: { type: 'string', default: '3' },
    reuse: { type: 'boolean', default: false },
  },
});
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL (postgres://…): the benchmark runs on PostgreSQL');
if (!/^[a-z_][a-z0-9_]*$/.test(values.schema)) throw new Error('--schema must be a plain identifier');
const repeats = parsePositiveInt('--repeats', values.repeats);
const machine = describeMachine();
const date = new Date();

const network = await readDemoNetwork(values.network);
const today = network.manifest.today;
let loadMs: number | null = null;
let loaded: Record<string, number>;
if (!values.reuse) {
  const admin = knexFactory(knexConfig({ url, poolMax: 1 }));
  await admin.raw(`drop schema if exists "${values.schema}" cascade`);
  await admin.raw(`create schema "${values.schema}"`);
  await admin.destroy();
  const db = createDatabase({ url, schema: values.schema, poolMax: 2 });
  await db.migrate.latest();
  const start = performance.now();
  loaded = await loadNightlyNetwork(db, network);
  await db.raw('analyze');
  loadMs = performance.now() - start;
  await db.destroy();
} else {
  // A reused schema may predate migrations added since it was loaded (the run writes to their
  // tables): bring it up to date; this adds, never reloads.
  const db = createDatabase({ url, schema: values.schema, poolMax: 1 });
  await db.migrate.latest();
  await db.destroy();
  loaded = {
    stockLocations: network.locations.filter((l) => l.kind === 'depot' || l.kind === 'office').length,
    skus: network.skus.length,
    demandSeries: network.demandHistory.length,
    demandRows: network.demandHistory.reduce((sum, s) => sum + s.values.length, 0),
  };
}
console.error(
  `loaded ${JSON.stringify(loaded)}${loadMs === null ? '' : ` in ${(loadMs / 1000).toFixed(1)} s`}`,
);

interface RunResult {
  wallMs: number;
  /** The duration the run recorded in reorder_runs. */
  runMs: number;
  maxRssBytes: number;
  cpuMs: number;
  counts: Record<string, unknown>;
}
const results: RunResult[] = [];
for (let i = 0; i < repeats; i++) {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', RUN_SCRIPT, url, values.schema, today, 'bench-night'],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    },
  );
  const line = child.stdout?.trim().split('\n').at(-1);
  if (child.status !== 0 || !line) throw new Error(`run ${i + 1} failed: ${child.stderr}`);
  const result = JSON.parse(line) as RunResult;
  results.push(result);
  console.error(
    `run ${i + 1}: ${(result.wallMs / 1000).toFixed(1)} s, ${(result.maxRssBytes / 2 ** 30).toFixed(2)} GiB`,
  );
}

const gib = (bytes: number) => bytes / 2 ** 30;
const wall = results.map((r) => r.wallMs);
const rss = results.map((r) => r.maxRssBytes);
const counts = results[0]!.counts;
const table = markdownTable(
  [
    'run',
    'wall s',
    'run s (recorded)',
    'CPU s',
    'peak RSS GiB',
    'pairs planned',
    'suggestions written',
    'buy',
    'transfer',
    'last-time-buy',
    'coverage at risk',
  ],
  [
    ...results.map((r, i) => [
      i === 0 ? '1 (first)' : `${i + 1} (re-run, same key)`,
      fixed(r.wallMs / 1000, 1),
      fixed(r.runMs / 1000, 1),
      fixed(r.cpuMs / 1000, 1),
      fixed(gib(r.maxRssBytes), 2),
      String(r.counts.pairs),
      String(r.counts.written),
      String(r.counts.buy),
      String(r.counts.transfer),
      String(r.counts['last-time-buy']),
      String(r.counts.coverageAtRisk),
    ]),
    [
      `median / target`,
      `${fixed(median(wall) / 1000, 1)} / 60 (${fixed(median(wall) / TARGET_MS, 2)}×)`,
      '',
      fixed(median(results.map((r) => r.cpuMs)) / 1000, 1),
      `${fixed(gib(median(rss)), 2)} / 2 (${fixed(median(rss) / TARGET_BYTES, 2)}×)`,
      '',
      '',
      '',
      '',
      '',
      '',
    ],
  ],
);
const expectedSeries = loaded.stockLocations! * loaded.skus!;
appendSection({
  title: 'Nightly reorder run at national scale',
  command: `DATABASE_URL=… tsx scripts/bench/nightly.ts --network ${values.network} --schema ${values.schema} --repeats ${repeats}${values.reuse ? ' --reuse' : ''}`,
  notes: [
    `Network: scripts/generate-network.ts --scale (seed 42, today ${today}): ${loaded.stockLocations} stock locations, ${loaded.skus} SKUs, ${loaded.demandSeries} demand series (${loaded.demandRows} monthly rows, 24 months each).`,
    `The generator lists a SKU at a location only where it has demand there, so the history is ${loaded.demandSeries} location × SKU series, not ${expectedSeries} (${fixed((100 * loaded.demandSeries!) / expectedSeries, 1)} % of all pairs); every pair with history or stock is planned.`,
    loadMs === null
      ? 'Schema reused from an earlier load.'
      : `Loading took ${fixed(loadMs / 1000, 1)} s (not part of the run).`,
    `Targets: ≤ 60 s and ≤ 2 GiB per run. "wall s" is the whole run in its own process (reads, planning, 4-hour coverage MIP, decisions, writing suggestions, commit); "run s" is the duration the run records.`,
    `Coverage of the first run: ${JSON.stringify(counts.coverage)}.`,
    `Phases of the first run (ms, and RSS MiB after each; from the run's counts): ${JSON.stringify(counts.phases)}; ${String(counts.notStored)} pairs with nothing to review counted, not stored.`,
    'Measured on PostgreSQL on the same machine, shared with other work: timings are inflated when the load average exceeds the core count.',
  ],
  table,
  date,
  machine,
  loadAverageEnd: loadAverageNow(),
});
console.log(table);
