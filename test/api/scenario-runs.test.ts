import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScenarioRunRepository } from '../../src/scenarios/scenario-run.repository.ts';
import { createScenarioRepository } from '../../src/scenarios/scenario.repository.ts';
import { ScenarioRunCreate } from '../../src/scenarios/scenario-run.schemas.ts';
import { createScenarioRunService } from '../../src/scenarios/scenario-run.service.ts';
import { createSimulationRunner } from '../../src/scenarios/simulation-runner.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { someStock } from '../support/fixtures.ts';
import { aRunNetwork } from '../scenarios/run-network.ts';

/** Background what-if runs over a small demo-like network (test/scenarios/run-network.ts). */
describe('/api/v1/scenarios/:id/runs and /api/v1/scenario-runs', () => {
  let t: TestApp;
  let halfTheEngineers: string;
  let asIs: string;
  beforeAll(async () => {
    t = await createTestApp();
    const { engineers } = await aRunNetwork(t.db, { engineers: 6 });
    const created = await request(t.app)
      .post('/api/v1/scenarios')
      .send({
        name: 'half the engineers',
        changes: engineers.slice(0, 3).map((engineerId) => ({ kind: 'remove-engineer', engineerId })),
      });
    expect(created.status).toBe(201);
    halfTheEngineers = created.body.id;
    asIs = (await request(t.app).post('/api/v1/scenarios').send({ name: 'as is', changes: [] })).body.id;
  });
  afterAll(async () => {
    await t.services.scenarioRuns.close();
    await t.destroy();
  });

  const small = { days: 3, replications: 3, seed: 7, ticketsPerDay: 14 };
  const start = (scenarioId: string, body: object) =>
    request(t.app).post(`/api/v1/scenarios/${scenarioId}/runs`).set('X-Actor', 'planner-1').send(body);
  async function finished(body: object, scenarioId = halfTheEngineers) {
    const accepted = await start(scenarioId, body);
    expect(accepted.status).toBe(202);
    await t.services.scenarioRuns.idle();
    return (await request(t.app).get(accepted.headers.location!)).body;
  }

  it('runs baseline and scenario in the background: 202 with Location, then done with progress 1', async () => {
    const accepted = await start(halfTheEngineers, small);
    expect(accepted.status).toBe(202);
    expect(accepted.headers.location).toBe(`/api/v1/scenario-runs/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({ status: 'queued', stale: false });
    expect(accepted.body.demand).toMatchObject({ ticketsPerDay: 14, source: 'given' });
    await t.services.scenarioRuns.idle();
    const run = (await request(t.app).get(accepted.headers.location!)).body;
    expect(run).toMatchObject({ status: 'done', progress: 1, scenarioVersion: 1, createdBy: 'planner-1' });
    expect(run.startedAt).not.toBeNull();
    // What the simulation cannot express travels with the run.
    expect(run.warnings.join('\n')).toMatch(/one figure per level × tier/);
    expect(run.results.replications).toHaveLength(3);
    expect(run.results.replications[0].baseline.tickets.arrived).toBeGreaterThan(0);
    // Common random numbers: both sides see the same tickets.
    for (const r of run.results.replications)
      expect(r.scenario.tickets.arrived).toBe(r.baseline.tickets.arrived);
    const listed = await request(t.app).get(`/api/v1/scenarios/${halfTheEngineers}/runs`);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(run.id);
    expect(listed.body.items[0]).not.toHaveProperty('results');
  });

  it('removing half the engineers keeps fewer promises, with a 95 % interval', async () => {
    const run = await finished({ ...small, replications: 4, ticketsPerDay: 20 });
    const comparison = await request(t.app).get(`/api/v1/scenario-runs/${run.id}/comparison`);
    expect(comparison.status).toBe(200);
    const met = comparison.body.items.find((item: { kpi: string }) => item.kpi === 'promises.overall.met');
    const utilisation = comparison.body.items.find(
      (item: { kpi: string }) => item.kpi === 'engineers.shiftMinutes',
    );
    expect(met.difference).toBeLessThan(0);
    expect(met.scenarioMean).toBeLessThan(met.baselineMean);
    expect(met.ci95).toHaveLength(2);
    expect(met.ci95[0]).toBeLessThanOrEqual(met.difference);
    expect(met.ci95[1]).toBeGreaterThanOrEqual(met.difference);
    expect(met.replications).toBe(4);
    // Half the shifts: a certain difference, so its interval is a point and it is significant.
    expect(utilisation.scenarioMean).toBeCloseTo(utilisation.baselineMean / 2, 6);
    expect(utilisation.significant).toBe(true);
  });

  it('the same seed gives identical results; another seed does not', async () => {
    const first = await finished(small);
    const again = await finished(small);
    const other = await finished({ ...small, seed: 8 });
    expect(again.results).toEqual(first.results);
    expect(other.results.replications).not.toEqual(first.results.replications);
  });

  it('compares optimized with nearest-free on the baseline when asked', async () => {
    const run = await finished({ ...small, replications: 2, compareNearestFree: true });
    expect(run.results.replications[0].baselineNearestFree.tickets.arrived).toBe(
      run.results.replications[0].baseline.tickets.arrived,
    );
    const comparison = (await request(t.app).get(`/api/v1/scenario-runs/${run.id}/comparison`)).body;
    expect(comparison.optimizationWorth.map((item: { kpi: string }) => item.kpi)).toContain(
      'promises.overall.share',
    );
  });

  it('replays the stored tickets of a period instead of sampling, at their recorded times', async () => {
    const run = await finished({ demand: 'replay', start: '2026-11-20', days: 3, replications: 2, seed: 7 });
    expect(run.status).toBe('done');
    expect(run.parameters).toMatchObject({
      demand: 'replay',
      demandEstimate: { source: 'replay', ticketsPerDay: 5 / 3 },
    });
    // The five tickets of 20–22 November, not the one of the 25th, on both sides and replications.
    for (const r of run.results.replications) {
      expect(r.baseline.tickets.arrived).toBe(5);
      expect(r.scenario.tickets.arrived).toBe(5);
    }
  });

  it.each([
    [{ demand: 'replay', days: 3 }, 'body.start'],
    [{ demand: 'replay', start: '2026-11-20', ticketsPerDay: 3 }, 'body.ticketsPerDay'],
    [{ demand: 'replay', start: '2026-11-20', demandScale: 2 }, 'body.demandScale'],
    [{ demand: 'history' }, 'body.demand'],
    [{ days: 0 }, 'body.days'],
    [{ days: 93 }, 'body.days'],
    [{ replications: 31 }, 'body.replications'],
    [{ replications: 0 }, 'body.replications'],
    [{ seed: -1 }, 'body.seed'],
    [{ start: '2026-13-01' }, 'body.start'],
    [{ policy: 'random' }, 'body.policy'],
    [{ ticketsPerDay: 5, tickets: 50 }, 'body.tickets'],
    [{ demandScale: 0 }, 'body.demandScale'],
    [{ policy: 'nearest-free', compareNearestFree: true }, 'body.compareNearestFree'],
    [{ horizon: 3 }, 'body'],
  ])('refuses %j with 422 naming %s', async (body, field) => {
    const response = await start(halfTheEngineers, body);
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });

  it('answers 404 for an unknown scenario or run', async () => {
    expect((await start('no-such-scenario', small)).status).toBe(404);
    expect((await request(t.app).get('/api/v1/scenario-runs/no-such-run')).status).toBe(404);
  });

  it('cancels a run: cancelled, no results, no comparison; a second cancel is 409', async () => {
    const accepted = await start(asIs, { days: 60, replications: 10, ticketsPerDay: 30 });
    const cancelled = await request(t.app).post(`/api/v1/scenario-runs/${accepted.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    await t.services.scenarioRuns.idle();
    const run = (await request(t.app).get(accepted.headers.location!)).body;
    expect(run).toMatchObject({ status: 'cancelled', results: null });
    expect(run.finishedAt).not.toBeNull();
    const comparison = await request(t.app).get(`/api/v1/scenario-runs/${run.id}/comparison`);
    expect(comparison.status).toBe(409);
    expect(comparison.body.code).toBe('run-not-done');
    expect((await request(t.app).post(`/api/v1/scenario-runs/${run.id}/cancel`)).status).toBe(409);
  });

  it('runs a stale scenario on today’s network and flags it', async () => {
    await someStock(t.db, 'O-DY', 'P-PSU-650', 2);
    const run = await finished({ ...small, replications: 1 }, asIs);
    expect(run).toMatchObject({ status: 'done', stale: true });
    expect(run.warnings[0]).toMatch(/network changed/);
    // One replication: no interval, so no verdict.
    const comparison = (await request(t.app).get(`/api/v1/scenario-runs/${run.id}/comparison`)).body;
    expect(comparison.items[0]).toMatchObject({ ci95: null, significant: null });
  });

  it('refuses with 409 a scenario whose changes no longer apply to today’s network, naming the change', async () => {
    const created = await request(t.app)
      .post('/api/v1/scenarios')
      .send({ name: 'without E-6', changes: [{ kind: 'remove-engineer', engineerId: 'E-6' }] });
    await t.db('engineers').where({ id: 'E-6' }).update({ active: false });
    try {
      const response = await start(created.body.id, small);
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('scenario-does-not-apply');
      expect(response.body.errors[0].field).toBe('changes[0].engineerId');
      const runs = await request(t.app).get(`/api/v1/scenarios/${created.body.id}/runs`);
      expect(runs.body.items).toEqual([]);
    } finally {
      await t.db('engineers').where({ id: 'E-6' }).update({ active: true });
    }
  });

  it('marks the run failed when a simulation worker dies, never leaving it running', async () => {
    const service = createScenarioRunService({
      db: t.db,
      now: () => new Date('2026-11-30T08:00:00+08:00'),
      scenarios: createScenarioRepository(t.db),
      runs: createScenarioRunRepository(t.db),
      runner: createSimulationRunner({
        size: 1,
        entry: new URL('../scenarios/failing-simulation-worker.ts', import.meta.url),
      }),
      timeZone: 'Asia/Shanghai',
    });
    const accepted = await service.create(asIs, ScenarioRunCreate.parse(small), 'test');
    await service.idle();
    const run = await service.get(accepted.id);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/simulated worker crash/);
    expect(run.finishedAt).not.toBeNull();
    await service.close();
  });

  it('documents the run routes with their permissions', async () => {
    const document = (await request(t.app).get('/openapi.json')).body;
    expect(document.paths['/api/v1/scenarios/{id}/runs'].post.description).toBe(
      'Permission: scenarios:write',
    );
    expect(document.paths['/api/v1/scenario-runs/{runId}/comparison'].get.description).toBe(
      'Permission: scenarios:read',
    );
    expect(document.paths['/api/v1/scenarios/{id}/runs'].post.responses['202']).toBeDefined();
  });
});
