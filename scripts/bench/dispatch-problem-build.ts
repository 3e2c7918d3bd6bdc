import { openBenchDatabase } from './lib/bench-database.ts';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { prepareCandidates } from '../../solver/index.ts';
import { parseConfig } from '../../src/config.ts';
import { readDemoNetwork } from '../../src/demo/demo-files.ts';
import { loadDemoNetwork } from '../../src/demo/load-demo.ts';
import { dayOf } from '../../src/dispatch/prepared-day.ts';
import { createDispatchProblemBuilder } from '../../src/dispatch/problem-builder.ts';
import { createLogger } from '../../src/logger.ts';
import { createServices } from '../../src/services.ts';
import { parsePositiveInt } from './lib/args.ts';
import { fixed, markdownTable } from './lib/markdown.ts';
import { appendSection, currentCommand, describeMachine, loadAverageNow } from './lib/report.ts';
import { median } from './lib/stats.ts';

/**
 * How long reading today's dispatch problem from the database takes (the problem builder: one
 * repeatable-read transaction, one query per kind of row, then assembly and the solver's schema
 * parse), on the demo network or a generated one (`scripts/generate-network.ts --scale … --out
 * DIR`), and how long preparing its committed routes for candidates takes. The baseline in the
 * same run is a plain `select count(*) from tickets`.
 *
 *   npx tsx scripts/bench/dispatch-problem-build.ts [--dir data/demo] [--runs 5] [--database pglite|postgres] [--print-only]
 */
const machine = describeMachine();
const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'data/demo' },
    runs: { type: 'string', default: '5' },
    database: { type: 'string', default: 'pglite' },
    'print-only': { type: 'boolean', default: false },
  },
});
const runs = parsePositiveInt('runs', values.runs);
const network = await readDemoNetwork(values.dir);
const nowValue = new Date(network.manifest.today);
const now = () => nowValue;
const { db, close } = await openBenchDatabase(values.database, 'bench_build');
try {
  const config = parseConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DEMO_DATA: 'false' });
  const logger = createLogger('silent');
  const services = createServices({ db, config, logger, now });
  let t0 = performance.now();
  await loadDemoNetwork({ db, services, logger, now }, values.dir);
  const loadMs = performance.now() - t0;
  await services.dispatchPlans.close();

  const builder = createDispatchProblemBuilder({ db, now });
  const count: number[] = [];
  const build: number[] = [];
  const prepare: number[] = [];
  let sizes = '';
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    await db('tickets').count({ n: '*' });
    count.push(performance.now() - t0);
    t0 = performance.now();
    const { problem } = await builder.build();
    build.push(performance.now() - t0);
    t0 = performance.now();
    prepareCandidates(dayOf(problem));
    prepare.push(performance.now() - t0);
    sizes = `${problem.tickets.length} tickets (${problem.tickets.filter((t) => t.pin).length} pinned), ${problem.engineers.length} engineers on shift, ${problem.stock.length} stock records, ${problem.skus.length} SKUs, ${problem.locations.length} locations`;
  }
  const table = markdownTable(
    ['step', 'runs', 'median ms', 'min ms', 'median ÷ count(*)'],
    [
      [
        'select count(*) from tickets (baseline)',
        runs,
        fixed(median(count), 2),
        fixed(Math.min(...count), 2),
        '1',
      ],
      [
        'problem builder: read + assemble + schema parse',
        runs,
        fixed(median(build), 1),
        fixed(Math.min(...build), 1),
        fixed(median(build) / median(count), 0),
      ],
      [
        "prepareCandidates on the day's pinned work",
        runs,
        fixed(median(prepare), 1),
        fixed(Math.min(...prepare), 1),
        fixed(median(prepare) / median(count), 0),
      ],
    ],
  );
  const notes = [
    `Network ${values.dir} (${network.manifest.scale ? 'scale' : 'demo'}: ${network.engineers.length} engineers, ${network.tickets.length} tickets generated) loaded in ${Math.round(loadMs / 1000)} s into ${values.database === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory)'} (tickets through intake); clock fixed at ${network.manifest.today}.`,
    `The problem: ${sizes}.`,
  ];
  console.log(table);
  for (const note of notes) console.log(`- ${note}`);
  if (!values['print-only'])
    appendSection({
      title: 'Dispatch problem build from the database',
      command: currentCommand('scripts/bench/dispatch-problem-build.ts'),
      notes,
      table,
      date: new Date(),
      machine,
      loadAverageEnd: loadAverageNow(),
    });
} finally {
  await close();
}
