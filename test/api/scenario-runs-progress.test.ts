import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../solver/simulate/index.ts';
import { createScenarioRunRepository } from '../../src/scenarios/scenario-run.repository.ts';
import { createScenarioRepository } from '../../src/scenarios/scenario.repository.ts';
import { ScenarioRunCreate } from '../../src/scenarios/scenario-run.schemas.ts';
import { createScenarioRunService } from '../../src/scenarios/scenario-run.service.ts';
import type { SimulationRunner } from '../../src/scenarios/simulation-runner.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aRunNetwork } from '../scenarios/run-network.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Progress as a run writes it: a runner that reports its simulated days in bursts, 600 ms apart,
 * then simulates in-process. Writes are throttled (one per 500 ms), only grow, stay below 1
 * while running, and the row reads `running` meanwhile; 1 comes with the results.
 */
describe('scenario run progress', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await aRunNetwork(t.db, { engineers: 2 });
  });
  afterAll(() => t.destroy());

  it('writes throttled, growing progress below 1 while running, and 1 with the results', async () => {
    const repository = createScenarioRunRepository(t.db);
    const written: number[] = [];
    const observed: Array<{ status: string; progress: number }> = [];
    const runs = {
      ...repository,
      progress: async (id: string, progress: number, at: Date) => {
        written.push(progress);
        await repository.progress(id, progress, at);
      },
    };
    let runId = '';
    const runner: SimulationRunner = {
      async runAll(tasks, hooks) {
        const days = tasks[0]!.input.days;
        for (let day = 1; day <= days; day++) {
          tasks.forEach((_, index) => hooks.onProgress?.(index, day));
          await sleep(600);
          const row = (await repository.get(runId))!;
          observed.push({ status: row.status, progress: row.progress });
        }
        return tasks.map((task) => simulate(task.input, { seed: task.seed, replication: task.replication }));
      },
    };
    const service = createScenarioRunService({
      db: t.db,
      now: () => new Date('2026-11-30T08:00:00+08:00'),
      scenarios: createScenarioRepository(t.db),
      runs,
      runner,
      timeZone: 'Asia/Shanghai',
    });
    const scenario = await t.services.scenarios.create({ name: 'as is', changes: [] }, 'test');
    const accepted = await service.create(
      scenario.id,
      ScenarioRunCreate.parse({ days: 3, replications: 1, seed: 1, ticketsPerDay: 4 }),
      'test',
    );
    runId = accepted.id;
    await service.idle();
    // Two tasks (baseline, scenario) × 3 days; each burst writes once: after day 1 of the first task, …
    expect(written).toEqual([1 / 6, 3 / 6, 5 / 6]);
    expect(observed.map((o) => o.status)).toEqual(['running', 'running', 'running']);
    expect(observed.map((o) => o.progress)).toEqual([1 / 6, 3 / 6, 5 / 6]);
    const done = await service.get(runId);
    expect(done).toMatchObject({ status: 'done', progress: 1 });
    expect(done.results!.replications).toHaveLength(1);
    await service.close();
  });

  it('fails a run left active by a process that is gone, once it has not moved for a minute', async () => {
    let now = new Date('2026-11-30T08:00:00+08:00');
    const service = createScenarioRunService({
      db: t.db,
      now: () => now,
      scenarios: createScenarioRepository(t.db),
      runs: createScenarioRunRepository(t.db),
      runner: { runAll: () => new Promise(() => {}) },
      timeZone: 'Asia/Shanghai',
      // Jobs that never pick the run up, as after a restart.
      jobs: () => ({
        enqueue: () => {},
        cancel: () => {},
        isActive: () => false,
        idle: async () => {},
        close: async () => {},
      }),
    });
    const scenario = await t.services.scenarios.create({ name: 'orphan', changes: [] }, 'test');
    const accepted = await service.create(
      scenario.id,
      ScenarioRunCreate.parse({ days: 1, replications: 1, seed: 1, ticketsPerDay: 2 }),
      'test',
    );
    expect((await service.get(accepted.id)).status).toBe('queued');
    now = new Date(now.getTime() + 61_000);
    const run = await service.get(accepted.id);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/interrupted/);
  });
});
