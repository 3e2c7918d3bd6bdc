import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseInteger, parseList, parsePositiveInts } from './lib/args.ts';
import { fixed, markdownTable, percent, type Cell } from './lib/markdown.ts';
import { appendSection, currentCommand, describeMachine, loadAverageNow } from './lib/report.ts';
import { readBestKnown } from './lib/solomon-bks.ts';
import { listInstances, readInstance } from './lib/solomon-instance.ts';
import { solomonProblem } from './lib/solomon-problem.ts';
import { summariseFamilies, type SolomonResult } from './lib/solomon-summary.ts';
import { judgeFeasibility, scoreRoutes } from './lib/solomon-score.ts';
import { solveChecked, violationSummary } from './lib/timed-solve.ts';

/**
 * Solomon's 56 VRPTW instances through the dispatch solver (plan mode), one table: per instance
 * and time limit the double-precision distance, routes used, gap to the distance-only best known
 * value, the fleet-first record for reference, and feasibility as the checker sees it; then the
 * mean gap per family and overall. The default is a quick subset; `--all` runs the 56.
 */
const DEFAULT_SUBSET = 'C101,C105,C201,C205,R101,R105,R201,R205,RC101,RC105,RC201,RC205';
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const machine = describeMachine();
const { values } = parseArgs({
  options: {
    instances: { type: 'string' },
    all: { type: 'boolean', default: false },
    'time-limits': { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    data: { type: 'string', default: resolve(REPO, '../shared/benchmarks/solomon') },
    'print-only': { type: 'boolean', default: false },
    /** Solves at once, each in a child process; 1 (the default) solves in this process. */
    jobs: { type: 'string', default: '1' },
    child: { type: 'string' },
  },
});

const dataDir = resolve(values.data);
const instanceDir = existsSync(join(dataDir, 'instances')) ? join(dataDir, 'instances') : dataDir;
const available = listInstances(instanceDir);
const names = values.all ? available : parseList('instances', values.instances ?? DEFAULT_SUBSET);
const unknown = names.filter((name) => !available.includes(name));
if (unknown.length > 0) throw new Error(`no instance file for ${unknown.join(', ')} in ${instanceDir}`);
const timeLimits = parsePositiveInts('time-limits', values['time-limits']);
const seed = parseInteger('seed', values.seed);
const bestKnown = readBestKnown(dataDir);

/** Solves one instance under one limit and scores it (in this process or in a `--jobs` child). */
function solveOne(name: string, timeLimitMs: number): SolomonResult {
  const instance = readInstance(instanceDir, name);
  const problem = solomonProblem(instance, { timeLimitMs, seed });
  const run = solveChecked(problem);
  const score = scoreRoutes(instance, run.plan);
  const feasibility = judgeFeasibility(run.validation, run.plan);
  const note = run.validation.valid ? feasibility.reason : violationSummary(run.validation);
  console.error(
    `${name} ${timeLimitMs} ms: ${score.distance.toFixed(2)} over ${score.routesUsed} routes` +
      `${feasibility.feasible ? '' : ` NOT FEASIBLE (${note})`}`,
  );
  return { instance: name, timeLimitMs, solveMs: run.solveMs, ...score, ...feasibility };
}

if (values.child) {
  // A `--jobs` child: one solve, its result to the parent, nothing else.
  const [name, limit] = values.child.split('@');
  process.send!(solveOne(name!, Number(limit)));
  process.exit(0);
}

const jobs = names.flatMap((name) => timeLimits.map((timeLimitMs) => ({ name, timeLimitMs })));
const parallel = parseInteger('jobs', values.jobs);
const results: SolomonResult[] =
  parallel > 1
    ? await runInChildren(jobs, parallel)
    : jobs.map(({ name, timeLimitMs }) => solveOne(name, timeLimitMs));

/**
 * Runs the solves `parallel` at a time, each in a child process of its own (the solver is
 * single-threaded, so on an idle machine one per core keeps every solve's time limit honest), and
 * returns the results in job order.
 */
async function runInChildren(
  all: { name: string; timeLimitMs: number }[],
  parallel: number,
): Promise<SolomonResult[]> {
  const out: SolomonResult[] = new Array(all.length);
  let next = 0;
  async function lane(): Promise<void> {
    while (next < all.length) {
      const index = next++;
      const { name, timeLimitMs } = all[index]!;
      out[index] = await new Promise<SolomonResult>((resolveResult, reject) => {
        const child = fork(fileURLToPath(import.meta.url), [
          `--child=${name}@${timeLimitMs}`,
          `--seed=${seed}`,
          `--data=${dataDir}`,
        ]);
        let result: SolomonResult | null = null;
        child.on('message', (message) => (result = message as SolomonResult));
        child.on('exit', (code) =>
          result ? resolveResult(result) : reject(new Error(`${name} @ ${timeLimitMs} ms: exit ${code}`)),
        );
      });
    }
  }
  await Promise.all(Array.from({ length: parallel }, lane));
  return out;
}

const header = [
  'instance',
  'limit s',
  'distance',
  'routes',
  'BKS min-dist',
  'gap',
  'BKS fleet-first',
  'feasible',
  'solve ms',
];
const rows: Cell[][] = results.map((result) => {
  const minDistance = bestKnown.minDistance.get(result.instance);
  const fleetFirst = bestKnown.fleetFirst.get(result.instance);
  return [
    result.instance,
    result.timeLimitMs / 1000,
    fixed(result.distance, 2),
    result.routesUsed,
    minDistance ? fixed(minDistance.distance, 1) : null,
    minDistance ? percent(((result.distance - minDistance.distance) / minDistance.distance) * 100) : null,
    fleetFirst ? `${fleetFirst.vehicles ?? '?'} / ${fixed(fleetFirst.distance, 2)}` : null,
    result.feasible ? 'yes' : `NO: ${result.reason}`,
    Math.round(result.solveMs),
  ];
});
for (const family of summariseFamilies(results, bestKnown.minDistance))
  rows.push([
    `**${family.family} mean**`,
    family.timeLimitMs / 1000,
    null,
    null,
    null,
    percent(family.meanGap),
    null,
    `${family.feasible}/${family.count}`,
    null,
  ]);

const table = markdownTable(header, rows);
console.log(table);
if (!values['print-only']) {
  const feasibleCount = results.filter((result) => result.feasible).length;
  appendSection({
    title: `Solomon VRPTW, ${values.all ? 'all 56 instances' : `subset of ${names.length}`}, limits ${timeLimits.map((ms) => `${ms / 1000} s`).join(', ')}`,
    command: currentCommand('scripts/bench/solomon.ts'),
    notes: [
      `Run: ${values.all ? 'full (all 56)' : `subset (${names.join(', ')})`}, seed ${seed}, plan mode, one solve per instance and limit${parallel > 1 ? `, ${parallel} solves at a time in child processes` : ''}; ${feasibleCount} of ${results.length} plans feasible.`,
      'Distance is recomputed in double precision from the returned routes (the solver rounds each leg to 1/100 min); gap is against `bks_min_distance.csv`, whose optima use distances truncated to one decimal, so gaps under about 0.5 % are noise. The fleet-first record (`bks.csv`, vehicles / distance) is for reference: this solver minimises distance, not vehicles.',
      'Feasible = `validatePlan` accepts the plan, nothing is unassigned and no window is missed. Family and overall means are over feasible plans only (x/y = feasible/run).',
    ],
    table,
    date: new Date(),
    machine,
    loadAverageEnd: loadAverageNow(),
  });
}
