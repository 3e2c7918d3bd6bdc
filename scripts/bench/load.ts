import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../../src/app.ts';
import { parseConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/connection.ts';
import { createLogger } from '../../src/logger.ts';
import { createServices } from '../../src/services.ts';
import { aDispatchDay } from '../../test/api/dispatch-fixtures.ts';
import { aSite } from '../../test/support/fixtures.ts';
import { anEquipment } from '../../test/tickets/fixtures.ts';
import { markdownTable } from './lib/markdown.ts';
import { appendSection, currentCommand, describeMachine, loadAverageNow } from './lib/report.ts';

/**
 * Load on one service process over loopback, on PostgreSQL: GET /healthz (the baseline: HTTP and
 * middleware only), POST /dispatch/candidates and POST /tickets (intake, a fresh Idempotency-Key
 * per request). The service runs in a child process (this script with --serve) so autocannon does
 * not share its event loop; the database is a schema of its own, dropped at the end.
 *
 * Each phase runs --repeats times at each --connections count (comma-separated); a row shows the
 * median run by throughput, with the range of throughput over the repeats.
 *
 *   DATABASE_URL=postgres://… npx tsx scripts/bench/load.ts [--seconds 10] [--connections 10,50] [--repeats 3] [--profile] [--no-report]
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    repeats: { type: 'string', default: '1' },
    sites: { type: 'string', default: '1000' },
    profile: { type: 'boolean', default: false },
    /** Phases to run, comma-separated (healthz, candidates, intake); all by default. */
    only: { type: 'string', default: 'healthz,candidates,intake' },
    'no-report': { type: 'boolean', default: false },
    serve: { type: 'boolean', default: false },
    schema: { type: 'string' },
    'port-file': { type: 'string' },
  },
});
const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) throw new Error('the load benchmark runs on PostgreSQL: set DATABASE_URL');
const script = fileURLToPath(import.meta.url);

const FAULT_CODES = ['E-PSU', 'E-DISK', 'E-FAN', 'E-NET'];

if (values.serve) await serve(values.schema!, values['port-file']!);
else await bench();

/** The service as server.ts builds it (info logs to stdout, no rate limit), on the bench schema. */
async function serve(schema: string, portFile: string): Promise<void> {
  const config = parseConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATABASE_URL,
    RATE_LIMIT_MAX: '0',
  });
  const logger = createLogger(config.LOG_LEVEL);
  const db = createDatabase({ url: DATABASE_URL, schema });
  const services = createServices({ db, config, logger, now: () => new Date() });
  const app = createApp({ config, db, logger, services });
  const server = app.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    void import('node:fs').then((fs) => fs.writeFileSync(portFile, String(port)));
  });
  process.on('SIGTERM', () => {
    server.close();
    void services.dispatchPlans
      .close()
      .then(() => db.destroy())
      .then(() => process.exit(0));
  });
}

interface Phase {
  name: string;
  connections: number;
  result: autocannon.Result;
  /** CPU the service process used during the phase (user + system), per request answered. */
  serviceCpuMsPerRequest: number;
  /** CPU every PostgreSQL process used during the phase, per request answered. */
  postgresCpuMsPerRequest: number;
  /** Share of the machine's cores busy during the phase (everything: service, database, load generator, others). */
  machineBusyShare: number;
  loadAverage: number;
}

/** User + system CPU milliseconds a process has used so far (Linux /proc). */
function cpuMsOf(pid: number | string): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command's closing paren.
  const ticks = Number(fields[11]) + Number(fields[12]);
  // sysconf(_SC_CLK_TCK) is 100 on every Linux that Node runs on.
  return ticks * 10;
}

/**
 * CPU milliseconds used so far by every PostgreSQL process on this machine (the server runs
 * here, on loopback): backends keep their connection for the whole run, so the difference over
 * a phase is the database's share of it.
 */
function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuMsOf(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

/** Busy CPU milliseconds of the whole machine so far, all cores (/proc/stat: all but idle and iowait). */
function machineBusyMs(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .split(/\s+/)
    .map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) * 10;
}

async function bench(): Promise<void> {
  const seconds = Number(values.seconds);
  const connectionCounts = values.connections.split(',').map(Number);
  const repeats = Number(values.repeats);
  const machine = describeMachine();
  const schema = `bench_load_${process.pid}`;
  const db = createDatabase({ url: DATABASE_URL, schema, poolMax: 4 });
  await db.raw(`create schema "${schema}"`);
  const dir = mkdtempSync(path.join(tmpdir(), 'spares-load-'));
  let service: ChildProcess | undefined;
  try {
    await db.migrate.latest();
    const world = await aDispatchDay(db, { units: 50 });
    const sites: Array<{ siteId: string; equipmentId: string }> = [];
    for (let i = 0; i < Number(values.sites); i += 1) {
      const siteId = await aSite(db, `S-L${i}`, { customerId: world.customerId, zoneId: world.zoneId });
      const equipmentId = await anEquipment(db, `EQ-L${i}`, {
        siteId,
        modelId: world.modelId,
        components: { 'main-unit': '2027-12-31', electrical: '2026-06-30' },
      });
      sites.push({ siteId, equipmentId });
    }
    const config = parseConfig({ NODE_ENV: 'production', DATABASE_URL });
    const seedServices = createServices({
      db,
      config,
      logger: createLogger('silent'),
      now: () => new Date(),
    });
    const { token } = await seedServices.accessTokens.issue({ name: 'load-bench', role: 'admin' }, 'bench');
    await seedServices.dispatchPlans.close();
    await seedServices.scenarioRuns.close();

    const portFile = path.join(dir, 'port');
    const child = spawn(
      process.execPath,
      [
        ...(values.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve('.tmp/load-profile')] : []),
        '--import',
        'tsx',
        script,
        '--serve',
        '--schema',
        schema,
        '--port-file',
        portFile,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'], env: process.env },
    );
    service = child;
    for (let waited = 0; !existsSync(portFile) || readFileSync(portFile, 'utf8') === ''; waited += 1) {
      if (waited > 1200 || child.exitCode !== null) throw new Error('the service did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const baseUrl = `http://127.0.0.1:${readFileSync(portFile, 'utf8')}`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    // A hotline's mix: levels 2 and 3, half with a fault code (three strikes reads the device's
    // repair history for those), every fifth with a part.
    const intakeBody = (n: number) => {
      const site = sites[n % sites.length]!;
      return JSON.stringify({
        siteId: site.siteId,
        equipmentId: site.equipmentId,
        level: 2 + (n % 2),
        ...(n % 2 === 0 ? { faultCode: FAULT_CODES[(n / 2) % FAULT_CODES.length] } : {}),
        ...(n % 5 === 0 ? { parts: [{ skuId: world.partId, qty: 1 }] } : {}),
      });
    };
    // Open tickets for the candidates phase, reported before it starts.
    const ticketIds: string[] = [];
    for (let n = 0; n < 30; n += 1) {
      const res = await fetch(`${baseUrl}/api/v1/tickets`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          siteId: sites[n]!.siteId,
          equipmentId: sites[n]!.equipmentId,
          level: 2,
          parts: [{ skuId: world.partId, qty: 1 }],
        }),
      });
      if (res.status !== 201) throw new Error(`seeding a ticket: ${res.status} ${await res.text()}`);
      ticketIds.push(((await res.json()) as { id: string }).id);
    }

    const only = new Set(values.only.split(','));
    const run = (name: string, connections: number, options: Partial<autocannon.Options>) =>
      new Promise<Phase>((resolve, reject) => {
        const cpuBefore = cpuMsOf(child.pid!);
        const postgresBefore = postgresCpuMs();
        const busyBefore = machineBusyMs();
        const startedAt = performance.now();
        autocannon({ url: baseUrl, connections, duration: seconds, ...options }, (error, result) => {
          if (error) return reject(error);
          const answered = Math.max(1, result.requests.total);
          const elapsedMs = performance.now() - startedAt;
          resolve({
            name,
            connections,
            result,
            serviceCpuMsPerRequest: (cpuMsOf(child.pid!) - cpuBefore) / answered,
            postgresCpuMsPerRequest: (postgresCpuMs() - postgresBefore) / answered,
            machineBusyShare: (machineBusyMs() - busyBefore) / (elapsedMs * os.cpus().length),
            loadAverage: os.loadavg()[0] ?? 0,
          });
        });
      });
    let intakeCount = 0;
    let candidateCount = 0;
    const phases: Phase[][] = [];
    /** The phase `repeats` times at each connection count; one entry (its runs) per count. */
    const measure = async (name: string, options: Partial<autocannon.Options>) => {
      for (const connections of connectionCounts) {
        const runs: Phase[] = [];
        for (let repeat = 0; repeat < repeats; repeat += 1) runs.push(await run(name, connections, options));
        phases.push(runs);
      }
    };
    // Warm-up: JIT, the connection pool, today's prepared routes for candidates.
    await run('warm-up', connectionCounts[0]!, { duration: 2, url: `${baseUrl}/healthz` });
    if (only.has('healthz')) await measure('GET /healthz (baseline)', { url: `${baseUrl}/healthz` });
    if (only.has('candidates'))
      await measure('POST /dispatch/candidates', {
        requests: [
          {
            method: 'POST',
            path: '/api/v1/dispatch/candidates',
            headers,
            setupRequest: (req) => ({
              ...req,
              body: JSON.stringify({ ticketId: ticketIds[candidateCount++ % ticketIds.length], k: 3 }),
            }),
          },
        ],
      });
    const intakeRequest = {
      method: 'POST' as const,
      path: '/api/v1/tickets',
      setupRequest: (req: autocannon.Request) => ({
        ...req,
        headers: { ...headers, 'idempotency-key': randomUUID() },
        body: intakeBody(intakeCount++),
      }),
    };
    // The intake phase starts on a warmed-up intake path (JIT), like the other phases.
    if (only.has('intake')) {
      await run('warm-up', connectionCounts[0]!, { duration: 2, requests: [intakeRequest] });
      await measure('POST /tickets (intake)', { requests: [intakeRequest] });
    }
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));

    const created =
      Number(((await db('tickets').count('* as n')) as Array<{ n: number }>)[0]!.n) - ticketIds.length;
    const throughput = (phase: Phase) => phase.result.requests.average;
    const rows = phases.map((runs) => {
      const sorted = [...runs].sort((a, b) => throughput(a) - throughput(b));
      const phase = sorted[Math.floor((sorted.length - 1) / 2)]!;
      return [
        phase.name,
        String(phase.connections),
        throughput(phase).toFixed(0),
        runs.length > 1
          ? `${throughput(sorted[0]!).toFixed(0)}–${throughput(sorted.at(-1)!).toFixed(0)}`
          : '',
        String(phase.result.latency.p50),
        String(phase.result.latency.p99),
        String(phase.result.latency.max),
        String(runs.reduce((sum, r) => sum + r.result.non2xx + r.result.errors + r.result.timeouts, 0)),
        phase.serviceCpuMsPerRequest.toFixed(2),
        phase.postgresCpuMsPerRequest.toFixed(2),
        `${(100 * phase.machineBusyShare).toFixed(0)} %`,
        phase.loadAverage.toFixed(1),
      ];
    });
    const table = markdownTable(
      [
        'phase',
        'connections',
        'requests/s (median run)',
        'range over the repeats',
        'p50 ms',
        'p99 ms',
        'max ms',
        'errors (non-2xx, socket, timeouts; all repeats)',
        'service CPU ms / request',
        'PostgreSQL CPU ms / request',
        'machine busy',
        'load average at the end',
      ],
      rows,
    );
    console.log(table);
    const intakePhase = phases.find((runs) => runs[0]!.name.startsWith('POST /tickets'));
    if (intakePhase)
      console.log(`intake: ${created} tickets created by ${intakeCount} requests sent (warm-up included)`);
    if (!values['no-report'])
      appendSection({
        title: 'Load: intake and candidates over HTTP on PostgreSQL (one process)',
        command: currentCommand('scripts/bench/load.ts'),
        notes: [
          `autocannon, ${connectionCounts.join(' and ')} connections, ${seconds} s per phase, ${repeats} time(s) each (the row is the median run), after a 2 s warm-up, over loopback to one service process (child, info logs to /dev/null, rate limit off) on PostgreSQL; ${values.sites} sites, one device each; intakes of levels 2 and 3, half with a fault code, every fifth with a part; ${created} tickets created by ${intakeCount} intake requests sent (a 2 s intake warm-up included).`,
          'CPU per request: user + system time over the phase (/proc) of the service process and of every PostgreSQL process, divided by the requests answered; machine busy: all cores, everything (the load generator too). PostgreSQL runs on the same 2 cores as the service and autocannon.',
          'Intakes are taken in batches (concurrent requests share one read and one write); the batch sizes are the service metric ticket_intake_batch_size.',
          'Compare each phase with the /healthz baseline of the same run: other work on the machine moves every row.',
        ],
        table,
        date: new Date(),
        machine,
        loadAverageEnd: loadAverageNow(),
      });
  } finally {
    // A failed run must not leave the service running on a schema about to be dropped.
    if (service && service.exitCode === null && service.signalCode === null) service.kill('SIGKILL');
    await db.raw(`drop schema if exists "${schema}" cascade`);
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
