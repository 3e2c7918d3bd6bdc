import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/db/connection.ts';
import { createDispatchPlanRepository } from '../../src/dispatch/dispatch-plan.repository.ts';
import { createBackgroundJobs } from '../../src/jobs/background-jobs.ts';
import { JOB_QUEUES, jobIdFor } from '../../src/jobs/job-queue.ts';
import { createLogger } from '../../src/logger.ts';
import { createDispatchPlanService } from '../../src/dispatch/dispatch-plan.service.ts';
import { createScenarioRepository } from '../../src/scenarios/scenario.repository.ts';
import { createScenarioRunRepository } from '../../src/scenarios/scenario-run.repository.ts';
import { createQueuedRunJobs } from '../../src/scenarios/scenario-run-jobs.ts';
import { ScenarioRunCreate } from '../../src/scenarios/scenario-run.schemas.ts';
import { createScenarioRunService } from '../../src/scenarios/scenario-run.service.ts';
import { createSimulationRunner } from '../../src/scenarios/simulation-runner.ts';
import { Problem as HttpProblem } from '../../src/http/problem.ts';
import { createTestApp } from '../support/app.ts';
import { aRunNetwork } from '../scenarios/run-network.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ADMIN_TOKEN = `sdt_${randomBytes(8).toString('hex')}_${randomBytes(24).toString('hex')}`;

describe('scale-out configuration', () => {
  it('keeps the embedded database on in-process threads: pg-boss needs PostgreSQL', () => {
    expect(parseConfig({}).JOB_RUNNER).toBe('in-process');
    expect(() => parseConfig({ JOB_RUNNER: 'pg-boss' })).toThrow(/JOB_RUNNER: pg-boss needs DATABASE_URL/);
    expect(() => parseConfig({ JOB_RUNNER: 'threads' })).toThrow(/JOB_RUNNER/);
    const replica = parseConfig({
      JOB_RUNNER: 'pg-boss',
      DATABASE_URL: 'postgres://x@h/db',
      WORK_JOBS: 'false',
    });
    expect(replica).toMatchObject({ JOB_RUNNER: 'pg-boss', WORK_JOBS: false, JOBS_SCHEMA: 'pgboss' });
  });

  it('names one job per row and queue, so a second send of the same row stores nothing new', () => {
    const id = jobIdFor(JOB_QUEUES.planSolve, 'DP-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobIdFor(JOB_QUEUES.planSolve, 'DP-1')).toBe(id);
    expect(jobIdFor(JOB_QUEUES.planSolve, 'DP-2')).not.toBe(id);
    expect(jobIdFor(JOB_QUEUES.scenarioRun, 'DP-1')).not.toBe(id);
  });
});

describe('one process on its own database (the in-process runner)', () => {
  it('marks the plans its previous run left solving failed at start, and only when it owns the database', async () => {
    const t = await createTestApp();
    try {
      const plans = createDispatchPlanRepository(t.db);
      const at = new Date('2026-11-30T08:00:00+08:00');
      for (const id of ['DP-left', 'DP-other'])
        await plans.insert({
          id,
          trigger: 'manual',
          regionId: null,
          options: {},
          createdBy: 'x',
          createdAt: at,
        });
      const jobs = (ownsDatabase: boolean) =>
        createBackgroundJobs({
          queue: undefined,
          works: true,
          ownsDatabase,
          solverThreads: 1,
          logger: createLogger('silent'),
          plans: t.services.dispatchPlans,
          runs: t.services.scenarioRuns,
          runRows: { status: async () => undefined, fail: async () => undefined },
        });
      await jobs(false).start();
      expect((await plans.view('DP-left'))?.status).toBe('solving');
      await jobs(true).start();
      for (const id of ['DP-left', 'DP-other'])
        expect(await plans.view(id)).toMatchObject({
          status: 'failed',
          error: 'interrupted: the service stopped while solving',
        });
    } finally {
      await t.destroy();
    }
  });
});

describe('a queue that cannot store the job', () => {
  const down = async () => {
    throw new Error('connection refused');
  };

  it('fails the plan and the run it could not queue, and answers 503: nothing is left waiting for no one', async () => {
    const t = await createTestApp();
    try {
      await aRunNetwork(t.db, { engineers: 2 });
      const now = () => new Date('2026-11-30T08:00:00+08:00');
      const plans = createDispatchPlanRepository(t.db);
      const dispatch = createDispatchPlanService({
        db: t.db,
        now,
        logger: createLogger('silent'),
        plans,
        builder: { build: down } as never,
        pool: { solve: down, warm: async () => {}, close: async () => {} },
        routing: {} as never,
        queue: { send: down },
      });
      const planError = await dispatch.create({}, 'test').catch((error: unknown) => error);
      expect(planError).toBeInstanceOf(HttpProblem);
      expect(planError).toMatchObject({ status: 503 });
      const [planRow] = await t.db('dispatch_plans').select('status', 'error');
      expect(planRow).toEqual({ status: 'failed', error: 'the plan could not be queued' });

      const runs = createScenarioRunRepository(t.db);
      const scenarios = createScenarioRepository(t.db);
      const service = createScenarioRunService({
        db: t.db,
        now,
        scenarios,
        runs,
        runner: createSimulationRunner({ size: 1 }),
        timeZone: 'Asia/Shanghai',
        jobs: createQueuedRunJobs(
          { send: down, cancel: down },
          { status: async () => undefined, fail: async () => undefined },
        ),
      });
      const scenario = await t.services.scenarios.create({ name: 'as is', changes: [] }, 'test');
      const body = ScenarioRunCreate.parse({ days: 1, replications: 1, seed: 1, ticketsPerDay: 5 });
      const runError = await service.create(scenario.id, body, 'test').catch((error: unknown) => error);
      expect(runError).toMatchObject({ status: 503 });
      const [runRow] = await t.db('scenario_runs').select('status', 'error');
      expect(runRow).toEqual({ status: 'failed', error: 'the run could not be queued' });
      await service.close();
    } finally {
      await t.destroy();
    }
  });
});

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Child {
  name: string;
  process: ChildProcess;
  log: string[];
  exited: Promise<void>;
}

function start(name: string, entry: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { name, process: child, log, exited };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// Only PostgreSQL can be shared by processes (PGlite is one process's), so the test exists there
// only, instead of showing as skipped on PGlite.
if (process.env.TEST_DATABASE === 'postgres')
  describe('two API replicas and one worker process on one PostgreSQL', () => {
    const url = parseConfig(process.env).DATABASE_URL!;
    const schema = `scale_${process.pid}_${randomBytes(4).toString('hex')}`;
    const jobsSchema = `${schema}_jobs`;
    let db: Knex;
    const children: Child[] = [];
    let apiA = '';
    let apiB = '';
    let workerEnv: Record<string, string> = {};
    let workerMetrics = '';

    const call = async (base: string, method: string, route: string, body?: object) => {
      const res = await fetch(`${base}${route}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> & { id: string } };
    };
    /** A scenario made through A and a long run of it started through B, once a worker runs it. */
    const aLongRunRunning = async (name: string, seed: number) => {
      const scenario = await call(apiA, 'POST', '/api/v1/scenarios', { name, changes: [] });
      const started = await call(apiB, 'POST', `/api/v1/scenarios/${scenario.body.id}/runs`, {
        days: 92,
        replications: 30,
        seed,
        ticketsPerDay: 60,
      });
      expect(started.status).toBe(202);
      await until('the run to start', async () => {
        const read = await call(apiA, 'GET', `/api/v1/scenario-runs/${started.body.id}`);
        return read.body.status === 'running' ? true : undefined;
      });
      return started;
    };
    const jobsOf = async (queue: string, rowId: string) =>
      (
        await db.raw(
          `select state, retry_count from "${jobsSchema}".job where name = ? and data->>'id' = ?`,
          [queue, rowId],
        )
      ).rows as Array<{ state: string; retry_count: number }>;

    beforeAll(async () => {
      const admin = createDatabase({ url, poolMax: 1 });
      await admin.raw(`create schema "${schema}"`);
      await admin.destroy();
      db = createDatabase({ url, schema, poolMax: 4 });
      await db.migrate.latest();
      await aRunNetwork(db, { engineers: 4 });
      const common = {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        DATABASE_SCHEMA: schema,
        JOB_RUNNER: 'pg-boss',
        JOBS_SCHEMA: jobsSchema,
        DEMO_DATA: 'false',
        ADMIN_TOKEN,
        LOG_LEVEL: 'info',
        SHUTDOWN_TIMEOUT_MS: '5000',
      };
      const [portA, portB] = [await freePort(), await freePort()];
      apiA = `http://127.0.0.1:${portA}`;
      apiB = `http://127.0.0.1:${portB}`;
      // The worker first: it creates the job schema and queues before the replicas race for them.
      const metricsPort = await freePort();
      workerMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
      workerEnv = { ...common, WORK_JOBS: 'true', WORKER_METRICS_PORT: String(metricsPort) };
      children.push(start('worker', 'src/worker.ts', workerEnv));
      await until('the worker', async () =>
        children[0]!.log.join('').includes('worker ready') ? true : undefined,
      );
      children.push(start('api-a', 'src/server.ts', { ...common, PORT: String(portA), WORK_JOBS: 'false' }));
      children.push(start('api-b', 'src/server.ts', { ...common, PORT: String(portB), WORK_JOBS: 'false' }));
      for (const base of [apiA, apiB])
        await until(`${base}/readyz`, async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined));
    });

    afterAll(async () => {
      for (const child of children) child.process.kill('SIGTERM');
      await Promise.race([
        Promise.all(children.map((child) => child.exited)),
        new Promise((resolve) => setTimeout(resolve, 15_000)),
      ]);
      for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
      if (db) {
        await db.raw(`drop schema if exists "${jobsSchema}" cascade`);
        await db.raw(`drop schema if exists "${schema}" cascade`);
        await db.destroy();
      }
    });

    it('a plan made through A and a run started through B each run once on the worker; both replicas read the same results', async () => {
      // An open ticket for the plan to place, reported through A.
      const ticket = await call(apiA, 'POST', '/api/v1/tickets', {
        siteId: 'S-01',
        equipmentId: 'EQ-1',
        level: 2,
        parts: [{ skuId: 'P-PSU-650', qty: 1 }],
      });
      expect(ticket.status).toBe(201);

      const planned = await call(apiA, 'POST', '/api/v1/dispatch/plans', { timeLimitMs: 300, seed: 1 });
      expect(planned.status).toBe(202);
      const scenario = await call(apiB, 'POST', '/api/v1/scenarios', { name: 'as is', changes: [] });
      expect(scenario.status).toBe(201);
      const started = await call(apiB, 'POST', `/api/v1/scenarios/${scenario.body.id}/runs`, {
        days: 2,
        replications: 2,
        seed: 7,
        ticketsPerDay: 10,
      });
      expect(started.status).toBe(202);

      const plan = await until('the plan', async () => {
        const read = await call(apiB, 'GET', `/api/v1/dispatch/plans/${planned.body.id}`);
        return read.body.status === 'solving' ? undefined : read.body;
      });
      expect(plan).toMatchObject({ status: 'solved', valid: true });
      expect((await call(apiA, 'GET', `/api/v1/dispatch/plans/${planned.body.id}`)).body).toEqual(plan);

      const run = await until('the run', async () => {
        const read = await call(apiA, 'GET', `/api/v1/scenario-runs/${started.body.id}`);
        return read.body.status === 'queued' || read.body.status === 'running' ? undefined : read.body;
      });
      expect(run).toMatchObject({ status: 'done', progress: 1 });
      expect((await call(apiB, 'GET', `/api/v1/scenario-runs/${started.body.id}`)).body).toEqual(run);

      // One job each, completed on its first attempt; the solve logged by the worker alone.
      expect(await jobsOf(JOB_QUEUES.planSolve, planned.body.id)).toEqual([
        { state: 'completed', retry_count: 0 },
      ]);
      expect(await jobsOf(JOB_QUEUES.scenarioRun, started.body.id)).toEqual([
        { state: 'completed', retry_count: 0 },
      ]);
      const solvedLines = (child: Child) =>
        child.log
          .join('')
          .split('\n')
          .filter((line) => line.includes('plan solved') && line.includes(planned.body.id)).length;
      expect(children.map((child) => [child.name, solvedLines(child)])).toEqual([
        ['worker', 1],
        ['api-a', 0],
        ['api-b', 0],
      ]);
      // The solve's time is measured where it ran, and the worker serves it to Prometheus.
      const solvedCount = (text: string) =>
        Number(/^dispatch_solve_duration_seconds_count\{outcome="solved"\} (\d+)$/m.exec(text)?.[1] ?? 0);
      expect(solvedCount(await (await fetch(workerMetrics)).text())).toBe(1);
      for (const api of [apiA, apiB])
        expect(solvedCount(await (await fetch(`${api}/metrics`)).text())).toBe(0);
    });

    it('a run cancelled through A stops on the worker that holds it', async () => {
      const started = await aLongRunRunning('long', 3);
      const cancelled = await call(apiA, 'POST', `/api/v1/scenario-runs/${started.body.id}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      // The worker aborts the simulation (its job completes long before the run could have).
      await until(
        'the worker to let the run go',
        async () => {
          const [job] = await jobsOf(JOB_QUEUES.scenarioRun, started.body.id);
          return job?.state === 'completed' ? true : undefined;
        },
        30_000,
      );
      expect((await call(apiB, 'GET', `/api/v1/scenario-runs/${started.body.id}`)).body).toMatchObject({
        status: 'cancelled',
        results: null,
      });
    });

    it('a worker killed in the middle: its plan is solved again by the next worker, its run is marked failed', async () => {
      const started = await aLongRunRunning('long too', 4);
      // Plans have a queue of their own, worked beside the simulation.
      const planned = await call(apiA, 'POST', '/api/v1/dispatch/plans', { timeLimitMs: 4000, seed: 2 });
      expect(planned.status).toBe(202);
      await until('the plan to be taken', async () => {
        const [job] = await jobsOf(JOB_QUEUES.planSolve, planned.body.id);
        return job?.state === 'active' ? true : undefined;
      });
      const killed = children[0]!;
      killed.process.kill('SIGKILL');
      await killed.exited;
      children.push(start('worker-2', 'src/worker.ts', workerEnv));

      const plan = await until(
        'the plan to be solved again',
        async () => {
          const read = await call(apiB, 'GET', `/api/v1/dispatch/plans/${planned.body.id}`);
          return read.body.status === 'solving' ? undefined : read.body;
        },
        120_000,
      );
      expect(plan).toMatchObject({ status: 'solved', valid: true });
      expect(await jobsOf(JOB_QUEUES.planSolve, planned.body.id)).toEqual([
        { state: 'completed', retry_count: 1 },
      ]);
      const run = await until(
        'the run to be settled',
        async () => {
          const read = await call(apiA, 'GET', `/api/v1/scenario-runs/${started.body.id}`);
          return read.body.status === 'running' ? undefined : read.body;
        },
        120_000,
      );
      expect(run).toMatchObject({ status: 'failed', results: null });
      expect(run.error).toMatch(/interrupted/);
    }, 240_000);
  });
