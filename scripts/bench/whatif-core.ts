import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { compare, simulate, type SimulationResult } from '../../solver/simulate/index.ts';
import { runTarget } from './lib/whatif-target.ts';
import { parsePositiveInt, parsePositiveInts } from './lib/args.ts';
import { fixed, markdownTable } from './lib/markdown.ts';
import { appendSection, currentCommand, describeMachine, loadAverageNow } from './lib/report.ts';
import { median } from './lib/stats.ts';
import { whatIfNetwork } from './lib/whatif-network.ts';

/**
 * The what-if core's speed and what optimisation is worth: `--days` simulated days on a generated
 * network of the demo's size (60 engineers, 400 sites, 16 stock locations), N tickets, the
 * nearest-free and the optimized dispatcher (and optimized without hourly re-plans, to split the
 * time between ranking arrivals and re-planning), a few replications each on common random numbers.
 *
 *   npx tsx scripts/bench/whatif-core.ts [--days 30] [--tickets 300,1000] [--replications 2] [--print-only]
 *
 * `--target` measures issue 6's target instead (lib/whatif-target.ts): 30 days × 10,000 tickets,
 * 5 replications of baseline and scenario (4 more engineers) on 2 worker threads against 60 s,
 * and nearest-free on the same replications for what optimisation is worth.
 */
const machine = describeMachine();
const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '30' },
    tickets: { type: 'string', default: '300,1000' },
    replications: { type: 'string', default: '2' },
    seed: { type: 'string', default: '1' },
    'optimized-max-tickets': { type: 'string', default: '1000' },
    'print-only': { type: 'boolean', default: false },
    target: { type: 'boolean', default: false },
    workers: { type: 'string', default: '2' },
  },
});
if (values.target) {
  await runTarget({
    seed: Number(values.seed),
    workers: parsePositiveInt('--workers', values.workers),
    printOnly: values['print-only'],
    machine: describeMachine(),
  });
  process.exit(0);
}
const days = parsePositiveInt('--days', values.days);
const ticketCounts = parsePositiveInts('--tickets', values.tickets);
const replications = parsePositiveInt('--replications', values.replications);
const seed = Number(values.seed);
/** A share in [0, 1] as "93.2 %". */
const pct = (share: number, decimals = 1): string => `${(share * 100).toFixed(decimals)} %`;
const optimizedMax = parsePositiveInt('--optimized-max-tickets', values['optimized-max-tickets']);

type Variant = 'nearest-free' | 'optimized' | 'optimized, no re-plan';
const rows: (string | number | null)[][] = [];
const notes: string[] = [];
for (const tickets of ticketCounts) {
  const results = new Map<Variant, { runs: SimulationResult[]; seconds: number[] }>();
  const variants: Variant[] =
    tickets <= optimizedMax ? ['nearest-free', 'optimized', 'optimized, no re-plan'] : ['nearest-free'];
  for (const variant of variants) {
    const input = whatIfNetwork({
      seed,
      engineers: 60,
      sites: 400,
      stockLocations: 16,
      ticketsPerDay: tickets / days,
      days,
      policy: variant === 'nearest-free' ? 'nearest-free' : 'optimized',
      replanEveryMinutes: variant === 'optimized, no re-plan' ? days * 1440 + 1 : 60,
    });
    const runs: SimulationResult[] = [];
    const seconds: number[] = [];
    for (let replication = 0; replication < replications; replication++) {
      const startedAt = performance.now();
      runs.push(simulate(input, { seed, replication }));
      seconds.push((performance.now() - startedAt) / 1000);
      process.stderr.write(`${tickets} ${variant} rep ${replication}: ${seconds.at(-1)!.toFixed(1)} s\n`);
    }
    results.set(variant, { runs, seconds });
    const mean = (f: (r: SimulationResult) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
    rows.push([
      tickets,
      variant,
      replications,
      fixed(median(seconds), 2),
      fixed((median(seconds) / mean((r) => r.kpis.tickets.arrived)) * 1000, 2),
      Math.round(mean((r) => r.events)),
      Math.round(mean((r) => r.solverCalls.rank)),
      Math.round(mean((r) => r.solverCalls.replan)),
      pct(mean((r) => r.kpis.promises.overall.share)),
      Math.round(mean((r) => r.kpis.promises.overall.missed)),
      fixed(
        mean((r) => r.kpis.responseMinutes.p90),
        0,
      ),
      pct(mean((r) => r.kpis.unitWithin4h.share)),
      pct(mean((r) => r.kpis.engineers.utilisation)),
    ]);
  }
  const nearest = results.get('nearest-free');
  const optimized = results.get('optimized');
  if (nearest && optimized) {
    const c = compare(nearest.runs, optimized.runs).find((x) => x.kpi === 'promises.overall.share')!;
    const missed = (rs: SimulationResult[]) => rs.reduce((s, r) => s + r.kpis.promises.overall.missed, 0);
    const reduction = 1 - missed(optimized.runs) / Math.max(1, missed(nearest.runs));
    notes.push(
      `${tickets} tickets: optimized − nearest-free promises kept ${pct(c.meanDifference)} ` +
        `(95 % CI ${c.ci95 ? c.ci95.map((x) => pct(x)).join(' … ') : 'n/a'}); optimized misses ` +
        `${pct(reduction)} fewer promises (issue target: 30 %); wall time ratio optimized ÷ nearest-free ` +
        `${fixed(median(optimized.seconds) / median(nearest.seconds), 1)}×.`,
    );
  }
}

const table = markdownTable(
  [
    'tickets',
    'dispatcher',
    'replications',
    'median s / replication',
    'ms / ticket',
    'events',
    'rankings',
    're-plans',
    'promises kept',
    'missed',
    'response p90 min',
    'unit ≤ 4 h',
    'utilisation',
  ],
  rows,
);
console.log(table);
for (const note of notes) console.log(note);
if (!values['print-only'])
  appendSection({
    title: 'What-if core: simulated days through the real dispatcher (solver/simulate)',
    command: currentCommand('scripts/bench/whatif-core.ts'),
    notes: [
      `${days} simulated days on a generated network of the demo's size (60 engineers on Mon–Sat 08:00–18:00 shifts, 400 sites in 4 cities, 16 stock locations, 4 skills, 8 SKUs), seed ${seed}; common random numbers across dispatchers.`,
      'Optimized: every arrival ranked with prepareCandidates on the current queues; hourly plan-mode re-plan capped at 50 iterations (skipped when nothing changed). "no re-plan" isolates the cost of ranking arrivals.',
      'Issue target: 30 days × 10,000 tickets × 5 replications ≤ 60 s.',
      ...notes,
    ],
    table,
    date: new Date(),
    machine,
    loadAverageEnd: loadAverageNow(),
  });
