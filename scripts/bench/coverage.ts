import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePositiveInt } from './lib/args.ts';
import { fixed, markdownTable, type Cell } from './lib/markdown.ts';
import { appendSection, currentCommand, describeMachine, loadAverageNow } from './lib/report.ts';
import { median } from './lib/stats.ts';

/**
 * 4-hour coverage positioning (solver/inventory/coverage): HiGHS against javascript-lp-solver on
 * seeded generated networks (scripts/bench/lib/coverage-network.ts) of 20 / 60 / 200 locations
 * with 50 / 500 / 5,000 sites and 5 models. Each solve runs in a child process that is killed at
 * the cap (javascript-lp-solver checks its own time limit only between branch-and-bound nodes).
 * Prints one markdown table and appends it to docs/benchmarks.md.
 *
 *   npx tsx scripts/bench/coverage.ts [--seeds 3] [--limit-ms 20000] [--no-append]
 */
const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at < 0 ? fallback : parsePositiveInt(name, args[at + 1] ?? '');
};
const seeds = flag('seeds', 3);
const limitMs = flag('limit-ms', 20_000);
const append = !args.includes('--no-append');
const RUN_SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), 'coverage-run.ts');
/** Time a child needs to start and build its network before the solve (tsx, HiGHS WebAssembly). */
const CHILD_STARTUP_MS = 20_000;
const SIZES = [
  { locations: 20, sites: 50, models: 5 },
  { locations: 60, sites: 500, models: 5 },
  { locations: 200, sites: 5000, models: 5 },
];
const BACKENDS = ['highs', 'jslp'] as const;

interface Run {
  ms: number;
  status: string;
  proven: boolean;
  gap: number | null;
  objective: number;
  covered: number;
  notCovered: number;
  outOfRange: number;
  variables: number;
}

function runOnce(size: (typeof SIZES)[number], seed: number, backend: string): Run | null {
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      RUN_SCRIPT,
      String(size.locations),
      String(size.sites),
      String(size.models),
      String(seed),
      backend,
      String(limitMs),
    ],
    { encoding: 'utf8', timeout: limitMs * 1.5 + CHILD_STARTUP_MS },
  );
  const line = child.stdout?.trim().split('\n').at(-1);
  if (child.status !== 0 || !line) return null;
  return JSON.parse(line) as Run;
}

const machine = describeMachine();
const rows: Cell[][] = [];
for (const size of SIZES) {
  const bySolver = new Map<string, (Run | null)[]>();
  for (const backend of BACKENDS) {
    const runs: (Run | null)[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const run = runOnce(size, seed, backend);
      runs.push(run);
      process.stderr.write(
        `${size.locations}×${size.sites} seed ${seed} ${backend}: ${run ? `${run.ms.toFixed(0)} ms ${run.status} ${run.objective.toFixed(0)} gap ${run.gap}` : 'killed or failed'}\n`,
      );
    }
    bySolver.set(backend, runs);
  }
  const highsRuns = bySolver.get('highs')!;
  for (const backend of BACKENDS) {
    const runs = bySolver.get(backend)!;
    const done = runs.filter((r): r is Run => r !== null);
    const covers = runs.filter((r) => r !== null && r.notCovered === 0).length;
    const ms = runs.map((r) => r?.ms ?? limitMs * 1.5);
    const sameAsHighs = runs.filter(
      (r, i) =>
        r !== null &&
        highsRuns[i] &&
        Math.abs(r.objective - highsRuns[i].objective) <= 1e-6 * Math.max(1, r.objective),
    ).length;
    const gaps = done.map((r) => r.gap).filter((g): g is number => g !== null);
    rows.push([
      `${size.locations} × ${size.sites} × ${size.models}`,
      backend === 'jslp' ? 'javascript-lp-solver' : 'highs',
      `${done.length}/${runs.length}`,
      fixed(median(ms), 0),
      done.length > 0 ? fixed(median(done.map((r) => r.objective)), 0) : null,
      `${done.filter((r) => r.proven).length}/${runs.length}`,
      gaps.length > 0 ? `${fixed(median(gaps) * 100, 2)} %` : null,
      `${covers}/${runs.length}`,
      backend === 'highs' ? null : `${sameAsHighs}/${runs.length}`,
      done.length > 0 ? fixed(median(done.map((r) => r.variables)), 0) : null,
    ]);
  }
  const ratio =
    median(bySolver.get('jslp')!.map((r) => r?.ms ?? limitMs * 1.5)) /
    median(highsRuns.map((r) => r?.ms ?? limitMs * 1.5));
  rows.push([
    `${size.locations} × ${size.sites} × ${size.models}`,
    'ratio jslp / highs (median ms)',
    '',
    fixed(ratio, 1),
    '',
    '',
    '',
    '',
    '',
    '',
  ]);
}
const table = markdownTable(
  [
    'locations × sites × models',
    'backend',
    'answered',
    'median ms',
    'median total cost',
    'proven optimal',
    'median gap',
    'every coverable site covered',
    'same cost as HiGHS',
    'MIP variables',
  ],
  rows,
);
console.log(table);

if (append)
  appendSection({
    title: 'Coverage positioning (4-hour spare units), HiGHS against javascript-lp-solver',
    command: currentCommand('scripts/bench/coverage.ts'),
    notes: [
      `Seeded networks (scripts/bench/lib/coverage-network.ts, seeds 1–${seeds}): one central depot holding most current stock, sites clustered around locations plus 2 % remote ones, 1–2 models per site, rates 0.5–4 per year, T = 21 days, f* = 0.9, relative MIP gap 1e-4. Wall time of positionSpareUnits (validation, MIPs, movements) with timeLimitMs ${limitMs} shared by the per-model sub-problems; a child still running at 1.5 × the limit is killed and counted at that time ("answered" says how many returned).`,
      '"Proven optimal": every sub-problem closed to zero gap by a backend whose proof counts (HiGHS only). "Every coverable site covered": no site listed uncovered except those out of range. "Same cost": total cost equal to HiGHS\'s on the same seed.',
    ],
    table,
    date: new Date(),
    machine,
    loadAverageEnd: loadAverageNow(),
  });
