import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';

/**
 * Planners' what-if from the command line: choose (or create) a scenario, run it against today's
 * network in the background, follow it with a progress bar, print the comparison table.
 *
 *   npm run whatif -- --scenario "half the engineers" --days 30 --replications 5
 *   npm run whatif -- --url http://127.0.0.1:3000 --token $TOKEN --create "hire two" --changes changes.json
 *
 * With --url it talks to a running service; without, it runs the same service code in this
 * process on DATABASE_URL or the embedded database (DATA_DIR; not while a server holds it).
 * Ctrl-C cancels the run. Exit codes: 0 done, 1 the run failed or was cancelled, 2 bad usage.
 */
const USAGE = `usage: tsx scripts/whatif.ts (--scenario <id|name> | --create <name> [--changes file.json])
  [--url http://host:port [--token T]] [--days 30] [--replications 5] [--seed 1] [--start YYYY-MM-DD]
  [--tickets-per-day n | --tickets n] [--demand-scale x] [--policy optimized|nearest-free]
  [--compare-nearest-free] [--replay (the stored tickets from --start)] [--all] [--json]`;

interface KpiRow {
  kpi: string;
  baselineMean: number;
  scenarioMean: number;
  difference: number;
  ci95: [number, number] | null;
  significant: boolean | null;
}
interface Comparison {
  runId: string;
  stale: boolean;
  replications: number;
  items: KpiRow[];
  optimizationWorth?: KpiRow[];
  warnings: string[];
}
interface RunState {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: number;
  error: string | null;
}

/** What the command needs from the service, over HTTP or in this process. */
interface WhatIfBackend {
  findScenario(idOrName: string): Promise<{ id: string; name: string } | undefined>;
  createScenario(name: string, changes: unknown[]): Promise<{ id: string; name: string }>;
  startRun(
    scenarioId: string,
    body: Record<string, unknown>,
  ): Promise<{
    id: string;
    stale: boolean;
    warnings: string[];
    demand: { ticketsPerDay: number; source: string };
  }>;
  getRun(runId: string): Promise<RunState>;
  comparison(runId: string): Promise<Comparison>;
  cancel(runId: string): Promise<void>;
  close(): Promise<void>;
}

function httpBackend(baseUrl: string, token: string | undefined): WhatIfBackend {
  async function call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(`/api/v1${route}`, baseUrl), {
      method,
      headers: {
        'content-type': 'application/json',
        'x-actor': 'whatif-cli',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${parsed?.detail ?? text}`);
    return parsed as T;
  }
  return {
    async findScenario(idOrName) {
      let cursor: string | null = null;
      do {
        const query: string = `/scenarios?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page: { items: { id: string; name: string }[]; nextCursor: string | null } = await call(
          'GET',
          query,
        );
        const found = page.items.find((s) => s.id === idOrName || s.name === idOrName);
        if (found) return found;
        cursor = page.nextCursor;
      } while (cursor);
      return undefined;
    },
    createScenario: (name, changes) => call('POST', '/scenarios', { name, changes }),
    startRun: (scenarioId, body) => call('POST', `/scenarios/${encodeURIComponent(scenarioId)}/runs`, body),
    getRun: (runId) => call('GET', `/scenario-runs/${runId}`),
    comparison: (runId) => call('GET', `/scenario-runs/${runId}/comparison`),
    cancel: async (runId) => void (await call('POST', `/scenario-runs/${runId}/cancel`)),
    close: async () => {},
  };
}

/** The service's own code on the configured database (migrated, demo loaded when empty and asked for). */
async function inProcessBackend(): Promise<WhatIfBackend> {
  const { loadConfig } = await import('../src/config.ts');
  const { createDatabase } = await import('../src/db/connection.ts');
  const { migrateToLatest } = await import('../src/db/migrate.ts');
  const { createLogger } = await import('../src/logger.ts');
  const { createServices } = await import('../src/services.ts');
  const { loadDemoNetwork } = await import('../src/demo/load-demo.ts');
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const db = createDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrateToLatest(db);
  const services = createServices({ db, config, logger, now: () => new Date() });
  if (config.DEMO_DATA) {
    const demoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'demo');
    await loadDemoNetwork({ db, services, logger, now: () => new Date() }, demoDir);
  }
  const actor = 'whatif-cli';
  return {
    async findScenario(idOrName) {
      let cursor: string | undefined;
      do {
        const page = await services.scenarios.list({
          sort: 'createdAt',
          limit: 100,
          ...(cursor ? { cursor } : {}),
        });
        const found = page.items.find((s) => s.id === idOrName || s.name === idOrName);
        if (found) return found;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return undefined;
    },
    createScenario: (name, changes) =>
      services.scenarios.create({ name, changes } as Parameters<typeof services.scenarios.create>[0], actor),
    async startRun(scenarioId, body) {
      const { ScenarioRunCreate } = await import('../src/scenarios/scenario-run.schemas.ts');
      return services.scenarioRuns.create(scenarioId, ScenarioRunCreate.parse(body), actor);
    },
    getRun: (runId) => services.scenarioRuns.get(runId),
    comparison: (runId) => services.scenarioRuns.comparison(runId),
    cancel: async (runId) => void (await services.scenarioRuns.cancel(runId)),
    async close() {
      await services.scenarioRuns.close();
      await services.dispatchPlans.close();
      await db.destroy();
    },
  };
}

/** The KPIs a planner reads first; --all prints every one. */
const HEADLINE = [
  'tickets.arrived',
  'promises.overall.share',
  'promises.byLevel.1.share',
  'promises.byLevel.2.share',
  'promises.byLevel.3.share',
  'promises.byTier.A.share',
  'promises.byClock.onsite.share',
  'promises.byClock.spareUnit.share',
  'responseMinutes.mean',
  'responseMinutes.p90',
  'unitWithin4h.share',
  'engineers.utilisation',
  'engineers.overtimeMinutes',
  'stock.averageValue',
  'stock.stockOuts',
  'stock.purchaseValue',
];

const figure = (x: number) =>
  Math.abs(x) >= 1000
    ? x.toFixed(0)
    : Math.abs(x) >= 10
      ? x.toFixed(1)
      : Number.isInteger(x)
        ? String(x)
        : x.toFixed(3);

function table(rows: KpiRow[], all: boolean, headings: [string, string]): string {
  const shown = all
    ? rows
    : HEADLINE.map((kpi) => rows.find((row) => row.kpi === kpi)).filter((r) => r !== undefined);
  const out = new Table({
    head: ['KPI', headings[0], headings[1], 'difference', '95 % CI', ''],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'left'],
    style: { head: [], border: [], compact: true },
  });
  for (const row of shown)
    out.push([
      row.kpi,
      figure(row.baselineMean),
      figure(row.scenarioMean),
      `${row.difference > 0 ? '+' : ''}${figure(row.difference)}`,
      row.ci95 ? `[${figure(row.ci95[0])}, ${figure(row.ci95[1])}]` : '—',
      row.significant ? '*' : '',
    ]);
  return out.toString();
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      scenario: { type: 'string' },
      create: { type: 'string' },
      changes: { type: 'string' },
      days: { type: 'string' },
      replications: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      'tickets-per-day': { type: 'string' },
      tickets: { type: 'string' },
      'demand-scale': { type: 'string' },
      policy: { type: 'string' },
      'compare-nearest-free': { type: 'boolean' },
      replay: { type: 'boolean' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help || (!values.scenario && !values.create)) throw new Error('give --scenario or --create');
  const numeric = (name: keyof typeof values) => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new Error(`--${name} must be a number`);
    return value;
  };
  // The service validates the figures (and answers which field is wrong); only shape is checked here.
  const body: Record<string, unknown> = Object.fromEntries(
    Object.entries({
      days: numeric('days'),
      replications: numeric('replications'),
      seed: numeric('seed'),
      start: values.start,
      ticketsPerDay: numeric('tickets-per-day'),
      tickets: numeric('tickets'),
      demandScale: numeric('demand-scale'),
      policy: values.policy,
      compareNearestFree: values['compare-nearest-free'],
      demand: values.replay ? 'replay' : undefined,
    }).filter(([, value]) => value !== undefined),
  );
  const changes = values.changes ? JSON.parse(readFileSync(values.changes, 'utf8')) : [];
  if (!Array.isArray(changes)) throw new Error('--changes must name a JSON file holding an array of changes');
  return { ...values, body, changes };
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const backend = args.url ? httpBackend(args.url, args.token) : await inProcessBackend();
  try {
    let scenario = args.scenario ? await backend.findScenario(args.scenario) : undefined;
    if (args.scenario && !scenario) throw new Error(`no scenario with id or name ${args.scenario}`);
    scenario ??= await backend.createScenario(args.create!, args.changes);
    const run = await backend.startRun(scenario.id, args.body);
    console.error(
      `run ${run.id} of "${scenario.name}"${run.stale ? ' (stale: the network changed since it was saved)' : ''}: ` +
        `${run.demand.ticketsPerDay.toFixed(1)} tickets/day (${run.demand.source})`,
    );
    let cancelled = false;
    const onInterrupt = () => {
      cancelled = true;
      void backend.cancel(run.id).catch(() => undefined);
    };
    process.once('SIGINT', onInterrupt);
    const bar = new cliProgress.SingleBar(
      { format: ' {bar} {percentage}% | {status}', hideCursor: true, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    bar.start(100, 0, { status: 'queued' });
    let state = await backend.getRun(run.id);
    while (state.status === 'queued' || state.status === 'running') {
      bar.update(Math.floor(state.progress * 100), { status: state.status });
      await new Promise((resolve) => setTimeout(resolve, 500));
      state = await backend.getRun(run.id);
    }
    bar.update(Math.floor(state.progress * 100), { status: state.status });
    bar.stop();
    process.removeListener('SIGINT', onInterrupt);
    if (state.status !== 'done') {
      console.error(
        `run ${state.status}${state.error ? `: ${state.error}` : cancelled ? ' (interrupted)' : ''}`,
      );
      return 1;
    }
    const comparison = await backend.comparison(run.id);
    if (args.json) {
      console.log(JSON.stringify(comparison, null, 2));
      return 0;
    }
    console.log(
      `\n${scenario.name}: scenario − baseline over ${comparison.replications} replication(s), same seeds`,
    );
    console.log(table(comparison.items, Boolean(args.all), ['baseline', 'scenario']));
    if (comparison.optimizationWorth) {
      console.log('\nWhat optimization is worth on the baseline: optimized − nearest-free');
      console.log(table(comparison.optimizationWorth, Boolean(args.all), ['nearest-free', 'optimized']));
    }
    console.log('* the 95 % interval excludes 0');
    // The first few notes; --json has them all.
    for (const warning of comparison.warnings.slice(0, 8)) console.log(`note: ${warning}`);
    if (comparison.warnings.length > 8)
      console.log(`… and ${comparison.warnings.length - 8} more notes (--json)`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  } finally {
    await backend.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
