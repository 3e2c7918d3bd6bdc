import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { prepareCandidates } from '../../solver/candidates/prepare.ts';
import { Problem } from '../../solver/problem.schema.ts';
import { solve } from '../../solver/solve.ts';
import { validatePlan } from '../../solver/validate-plan.ts';
import { parseInteger, parsePositiveInt } from './lib/args.ts';
import { candidateQuery } from './lib/candidate-queries.ts';
import { generateDispatchDay } from './lib/dispatch-day.ts';
import { fixed, markdownTable } from './lib/markdown.ts';
import { engineerPoints, nearestQualified } from './lib/naive-scan.ts';
import { createBenchRandom } from './lib/random.ts';
import { appendSection, currentCommand, describeMachine, loadAverageNow } from './lib/report.ts';
import { median, percentile } from './lib/stats.ts';
import { solveChecked, violationSummary } from './lib/timed-solve.ts';
import { pinTodaysRoutes } from './lib/today-routes.ts';

/**
 * Candidates-mode latency: a generated day is planned once (construction only) and its routes
 * pinned as "today"; then each query adds one new ticket and asks for ranked options. Latency is
 * measured around `solve` alone. Two baselines run in the same loop, so that machines can be
 * compared by ratio: `JSON.parse` of the query's problem text, and a naive scan of all engineers
 * for the nearest qualified one. Every plan goes through `validatePlan` (candidates included).
 * With `--prepared`, today's routes are prepared once (`prepareCandidates`, timed apart) and each
 * query is `rank` against them, as a dispatch service asking many questions of one day would.
 */
const machine = describeMachine();
const { values } = parseArgs({
  options: {
    engineers: { type: 'string', default: '2000' },
    'stock-locations': { type: 'string', default: '300' },
    queries: { type: 'string', default: '1000' },
    'today-tickets': { type: 'string' },
    seed: { type: 'string', default: '1' },
    'print-only': { type: 'boolean', default: false },
    prepared: { type: 'boolean', default: false },
  },
});
const engineers = parsePositiveInt('engineers', values.engineers);
const stockLocations = parsePositiveInt('stock-locations', values['stock-locations']);
const queries = parsePositiveInt('queries', values.queries);
const todayTickets = values['today-tickets']
  ? parsePositiveInt('today-tickets', values['today-tickets'])
  : 2 * engineers;
const seed = parseInteger('seed', values.seed);

const day = generateDispatchDay({ tickets: todayTickets, engineers, stockLocations, seed });
const today = solveChecked(Problem.parse(day), { maxIterations: 0 });
if (!today.validation.valid)
  throw new Error(`today's plan is invalid: ${violationSummary(today.validation)}`);
const base = Problem.parse(pinTodaysRoutes(day, today.plan));
console.error(
  `today: ${base.tickets.length} of ${todayTickets} tickets on ${today.plan.routes.filter((r) => r.stops.length > 0).length} routes, planned in ${Math.round(today.solveMs)} ms`,
);

let prepareMs = performance.now();
const prepared = values.prepared ? prepareCandidates(base) : null;
prepareMs = performance.now() - prepareMs;
if (prepared) console.error(`today prepared for candidates in ${Math.round(prepareMs)} ms`);

const random = createBenchRandom(seed + 1);
const points = engineerPoints(base);
const samples = {
  solve: [] as number[],
  solveCpu: [] as number[],
  parse: [] as number[],
  scan: [] as number[],
  validate: [] as number[],
};
let invalid = 0;
let withoutCandidates = 0;
let firstInvalid = '';
for (let i = 0; i < queries; i++) {
  const problem = candidateQuery(base, random, i);
  const ticket = problem.tickets[0]!;
  const site = problem.locations[problem.locations.length - 1]!;
  const text = JSON.stringify(problem);

  let started = performance.now();
  JSON.parse(text);
  samples.parse.push(performance.now() - started);

  started = performance.now();
  nearestQualified(points, ticket, { lon: site.lon ?? 0, lat: site.lat ?? 0 });
  samples.scan.push(performance.now() - started);

  started = performance.now();
  const cpuBefore = process.cpuUsage();
  const plan = prepared
    ? prepared.rank({ ticket, locations: [site] }, { now: () => performance.now() })
    : solve(problem, { now: () => performance.now() });
  samples.solve.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuBefore);
  samples.solveCpu.push((cpu.user + cpu.system) / 1000);

  started = performance.now();
  const validation = validatePlan(problem, plan);
  samples.validate.push(performance.now() - started);
  if (!validation.valid) {
    invalid++;
    firstInvalid ||= `${ticket.id}: ${violationSummary(validation)}`;
  }
  if ((plan.candidates ?? []).length === 0) withoutCandidates++;
  if ((i + 1) % 50 === 0)
    console.error(`${i + 1}/${queries} queries, median solve ${median(samples.solve).toFixed(1)} ms`);
}

const parseMedian = median(samples.parse);
const scanMedian = median(samples.scan);
/** Ratios only between wall-clock figures: a CPU time over a wall time would compare unlike things. */
const row = (name: string, values: number[], ratios = true) => [
  name,
  fixed(median(values), 2),
  fixed(percentile(values, 95), 2),
  fixed(Math.max(...values), 2),
  ratios ? fixed(median(values) / parseMedian, 1) : null,
  ratios ? fixed(median(values) / scanMedian, 1) : null,
];
const table = markdownTable(
  ['measured', 'median ms', 'p95 ms', 'max ms', '× JSON.parse (median)', '× naive scan (median)'],
  [
    row(prepared ? 'rank on the prepared day' : 'solve, mode candidates', samples.solve),
    row(
      prepared ? 'rank: CPU time of the process' : 'solve, mode candidates: CPU time of the process',
      samples.solveCpu,
      false,
    ),
    row('validatePlan of that plan', samples.validate),
    row('baseline: JSON.parse of the problem', samples.parse),
    row('baseline: naive nearest-qualified scan', samples.scan),
  ],
);
console.log(table);
if (firstInvalid) console.error(`first invalid plan: ${firstInvalid}`);
if (!values['print-only'])
  appendSection({
    title: `Candidates-mode latency${prepared ? ' on a prepared day' : ''}, ${engineers} engineers, ${stockLocations} stock locations, ${queries} queries`,
    command: currentCommand('scripts/bench/candidates.ts'),
    notes: [
      `Today: a generated day (seed ${seed}, ${todayTickets} tickets, ${base.locations.length} locations) planned by construction in ${Math.round(today.solveMs)} ms; its ${base.tickets.length} assigned tickets pinned to their engineers in route order. Each query adds one new ticket (a new site within 25 km of an office) and asks for ${base.options.maxCandidates} ranked options.`,
      ...(prepared
        ? [
            `Prepared day: \`prepareCandidates\` on today's problem once, in ${Math.round(prepareMs)} ms (not in the latency); each query is \`rank({ ticket, locations: [site] })\`, whose plan is the candidates-mode plan of the query's problem.`,
          ]
        : []),
      `Latency is measured around \`${prepared ? 'rank' : 'solve'}\` only (the problem is already parsed). Plans failing validatePlan: ${invalid} of ${queries}${firstInvalid ? ` (first: ${firstInvalid})` : ''}; queries with no candidate: ${withoutCandidates}.`,
      'The baselines run in the same loop on the same problem: compare machines by the ratio columns, not by milliseconds. The CPU-time row (user + system of this process during `solve`, garbage collection included) is less sensitive to other load on the machine than wall time.',
    ],
    table,
    date: new Date(),
    machine,
    loadAverageEnd: loadAverageNow(),
  });
