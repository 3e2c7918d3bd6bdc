import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aDispatchDay, aFaultNeedingThePart, aSolvedPlan } from './dispatch-fixtures.ts';

const NOW = '2026-11-30T08:30:00+08:00';

describe('/api/v1/dispatch/plans: solved in a worker thread, stored with KPIs and the checker’s verdict', () => {
  let t: TestApp;
  let ticketId: string;
  beforeAll(async () => {
    t = await createTestApp(NOW);
    await aDispatchDay(t.db);
    ticketId = await aFaultNeedingThePart(t);
  });
  afterAll(async () => {
    await t.services.dispatchPlans.close();
    await t.destroy();
  });

  it('answers 202 with the plan id at once, then stores a plan that the checker passes', async () => {
    const accepted = await request(t.app)
      .post('/api/v1/dispatch/plans')
      .set('X-Actor', 'dispatcher-1')
      .send({ timeLimitMs: 200, seed: 7 })
      .expect(202);
    expect(accepted.body).toMatchObject({
      status: 'solving',
      location: `/api/v1/dispatch/plans/${accepted.body.id}`,
    });
    expect(accepted.headers.location).toBe(accepted.body.location);

    await t.services.dispatchPlans.settled();
    const plan = (await request(t.app).get(accepted.body.location).expect(200)).body;
    expect(plan).toMatchObject({
      id: accepted.body.id,
      status: 'solved',
      trigger: 'manual',
      createdBy: 'dispatcher-1',
      options: { timeLimitMs: 200, seed: 7 },
      valid: true,
      validation: { valid: true, violationCount: 0 },
      kpis: { tickets: 1, assigned: 1, unassigned: 0, engineersUsed: 1 },
      error: null,
    });
    const assignment = plan.plan.assignments.find((a: { ticket: string }) => a.ticket === ticketId);
    expect(assignment).toMatchObject({ engineer: 'E-1' });
    // The part comes from the depot, the only place that has it.
    expect(assignment.parts).toEqual([expect.objectContaining({ sku: 'P-PSU-650', qty: 1, from: 'D-CTU' })]);
    expect(plan.snapshot.ticketVersions[ticketId]).toBeGreaterThan(0);
    expect(plan.snapshot.stockVersions['D-CTU:P-PSU-650']).toBe(1);

    const problem = (await request(t.app).get(`${accepted.body.location}/problem`).expect(200)).body;
    expect(problem.tickets.map((x: { id: string }) => x.id)).toEqual([ticketId]);
    expect(problem.options).toMatchObject({ timeLimitMs: 200, seed: 7, mode: 'plan' });

    const list = (await request(t.app).get('/api/v1/dispatch/plans').expect(200)).body;
    expect(list.items.map((p: { id: string }) => p.id)).toContain(accepted.body.id);
    expect(list.items[0]).not.toHaveProperty('plan');
  });

  it('keeps answering while a long plan solves: /healthz returns before the plan is solved', async () => {
    const accepted = await request(t.app)
      .post('/api/v1/dispatch/plans')
      .send({ timeLimitMs: 4000 })
      .expect(202);
    await request(t.app).get('/healthz').expect(200);
    const during = (await request(t.app).get(`/api/v1/dispatch/plans/${accepted.body.id}`).expect(200)).body;
    expect(during.status).toBe('solving');
    await t.services.dispatchPlans.settled();
    const after = (await request(t.app).get(`/api/v1/dispatch/plans/${accepted.body.id}`).expect(200)).body;
    expect(after.status).toBe('solved');
  });

  it('draws an engineer’s route as GeoJSON with instructions in English and Chinese', async () => {
    const plan = await aSolvedPlan(t);
    const english = (await request(t.app).get(`/api/v1/dispatch/plans/${plan.id}/routes/E-1`).expect(200))
      .body;
    expect(english).toMatchObject({
      type: 'FeatureCollection',
      planId: plan.id,
      engineer: 'E-1',
      language: 'en',
    });
    const lines = english.features.filter(
      (f: { geometry: { type: string } }) => f.geometry.type === 'LineString',
    );
    const points = english.features.filter(
      (f: { geometry: { type: string } }) => f.geometry.type === 'Point',
    );
    const route = plan.plan.routes.find((r: { engineer: string }) => r.engineer === 'E-1');
    // Start, every stop of the plan, and the office the day ends at; one leg between each two.
    expect(points).toHaveLength(route.stops.length + 2);
    expect(lines).toHaveLength(points.length - 1);
    expect(points.map((p: { properties: { type: string } }) => p.properties.type)).toEqual([
      'start',
      ...route.stops.map((s: { type: string }) => s.type),
      'end',
    ]);
    const ticketStop = points.find(
      (p: { properties: { ticket?: string } }) => p.properties.ticket === ticketId,
    );
    expect(ticketStop.properties.arrive).toBe(plan.plan.assignments[0].arrive);
    expect(ticketStop.geometry.coordinates).toEqual([104.1, 30.7]);
    for (const line of lines) {
      expect(line.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
      expect(line.properties.instructions.length).toBeGreaterThan(0);
      expect(line.properties.instructions[0].instruction).toMatch(/[A-Za-z]/);
    }
    const chinese = (
      await request(t.app).get(`/api/v1/dispatch/plans/${plan.id}/routes/E-1?lang=zh-Hans`).expect(200)
    ).body;
    const firstLeg = chinese.features.find(
      (f: { geometry: { type: string } }) => f.geometry.type === 'LineString',
    );
    expect(firstLeg.properties.instructions[0].instruction).toMatch(/[\u4e00-\u9fff]/);
    expect(chinese.distanceKm).toBe(english.distanceKm);
  });

  it('refuses bad input with problem+json naming the field, and unknown plans and routes with 404', async () => {
    const unknownRegion = await request(t.app)
      .post('/api/v1/dispatch/plans')
      .send({ regionId: 'R-NOWHERE' })
      .expect(422);
    expect(unknownRegion.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknownRegion.body.errors).toEqual([expect.objectContaining({ field: 'body.regionId' })]);
    const badLimit = await request(t.app)
      .post('/api/v1/dispatch/plans')
      .send({ timeLimitMs: -5 })
      .expect(422);
    expect(badLimit.body.errors[0].field).toBe('body.timeLimitMs');
    const extra = await request(t.app).post('/api/v1/dispatch/plans').send({ tickets: [] }).expect(422);
    expect(extra.body.errors[0].field).toMatch(/^body/);
    await request(t.app).get('/api/v1/dispatch/plans/DP-none').expect(404);
    await request(t.app).post('/api/v1/dispatch/plans/DP-none/commit').expect(404);
    const plan = await aSolvedPlan(t);
    const noRoute = await request(t.app).get(`/api/v1/dispatch/plans/${plan.id}/routes/E-NOBODY`).expect(404);
    expect(noRoute.body.errors[0].field).toBe('params.engineerId');
    const badLang = await request(t.app)
      .get(`/api/v1/dispatch/plans/${plan.id}/routes/E-1?lang=fr`)
      .expect(422);
    expect(badLang.body.errors[0].field).toBe('query.lang');
  });
});
