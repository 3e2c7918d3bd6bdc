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

const results: SolomonResult[] = [];
for (const name of names) {
  const instance = readInstance(instanceDir, name);
  for (const timeLimitMs of timeLimits) {
    const problem = solomonProblem(instance, { timeLimitMs, seed });
    const run = solveChecked(problem);
    const score = scoreRoutes(instance, run.plan);
    const feasibility = judgeFeasibility(run.validation, run.plan);
    results.push({ instance: name, timeLimitMs, solveMs: run.solveMs, ...score, ...feasibility });
    const note = run.validation.valid ? feasibility.reason : violationSummary(run.validation);
    console.error(
      `${name} ${timeLimitMs} ms: ${score.distance.toFixed(2)} over ${score.routesUsed} routes` +
        `${feasibility.feasible ? '' : ` NOT FEASIBLE (${note})`}`,
    );
  }
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
      `Run: ${values.all ? 'full (all 56)' : `subset (${names.join(', ')})`}, seed ${seed}, plan mode, one solve per instance and limit; ${feasibleCount} of ${results.length} plans feasible.`,
      'Distance is recomputed in double precision from the returned routes (the solver rounds each leg to 1/100 min); gap is against `bks_min_distance.csv`, whose optima use distances truncated to one decimal, so gaps under about 0.5 % are noise. The fleet-first record (`bks.csv`, vehicles / distance) is for reference: this solver minimises distance, not vehicles.',
      'Feasible = `validatePlan` accepts the plan, nothing is unassigned and no window is missed. Family and overall means are over feasible plans only (x/y = feasible/run).',
    ],
    table,
    date: new Date(),
    machine,
    loadAverageEnd: loadAverageNow(),
  });
}
