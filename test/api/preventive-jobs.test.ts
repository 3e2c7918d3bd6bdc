import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { anOffice } from '../support/fixtures.ts';
import { anEngineer, anEquipment, aTicketWorld } from '../tickets/fixtures.ts';

const NOW = '2026-11-30T08:00:00+08:00';

describe('/api/v1/preventive-jobs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(NOW);
    await aTicketWorld(t.db);
    await anEngineer(t.db, 'E-AV', { av: 3 });
    await anEngineer(t.db, 'E-JUNIOR', { 'his-server': 1 });
  });
  afterAll(() => t.destroy());

  const inspection = {
    siteId: 'S-0001',
    equipmentId: 'EQ-1',
    kind: 'inspection',
    skill: 'his-server',
    minSkillLevel: 2,
    serviceMinutes: 90,
    windowStart: '2026-09-28T09:00:00+08:00',
    windowEnd: '2026-09-30T18:00:00+08:00',
    recurrence: 'monthly',
  };
  const create = (body: object) =>
    request(t.app).post('/api/v1/preventive-jobs').set('X-Actor', 'planner').send(body);
  const move = (id: string, body: object) =>
    request(t.app).post(`/api/v1/preventive-jobs/${id}/transitions`).send(body);
  const count = async () => Number((await t.db('preventive_jobs').count({ n: '*' }).first())!.n);

  it('plans, assigns and completes an inspection; the report falls due 3 working days later', async () => {
    const created = await create(inspection).expect(201);
    expect(created.body).toMatchObject({
      siteId: 'S-0001',
      kind: 'inspection',
      status: 'planned',
      windowStart: '2026-09-28T01:00:00.000Z',
      windowEnd: '2026-09-30T10:00:00.000Z',
      recurrence: 'monthly',
      assignedEngineerId: null,
      reportDueAt: null,
    });
    const id = created.body.id as string;
    expect(id).toMatch(/^PJ-/);
    const assigned = await move(id, { to: 'assigned', engineerId: 'E-1' }).expect(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', assignedEngineerId: 'E-1' });
    // Done on Wednesday 30 September, before the National Day week: the third working day after
    // is Saturday 10 October, a make-up working day.
    const done = await move(id, { to: 'done', at: '2026-09-30T10:00:00+08:00' }).expect(200);
    expect(done.body).toMatchObject({
      status: 'done',
      doneAt: '2026-09-30T02:00:00.000Z',
      reportDueAt: '2026-10-10T02:00:00.000Z',
    });
    await move(id, { to: 'report_filed' }).expect(200);
    await move(id, { to: 'cancelled' }).expect(409);

    // Monthly work plans its next occurrence when it is done.
    const next = await request(t.app).get('/api/v1/preventive-jobs?status=planned&siteId=S-0001').expect(200);
    expect(next.body.items).toMatchObject([
      { status: 'planned', windowStart: '2026-10-28T01:00:00.000Z', windowEnd: '2026-10-30T10:00:00.000Z' },
    ]);
    const audit = await t.db('audit_events').where({ entity: 'preventive_job', entity_id: id }).orderBy('id');
    expect(audit.map((row) => [row.actor, row.action])).toEqual([
      ['planner', 'create'],
      ['api', 'transition'],
      ['api', 'transition'],
      ['api', 'transition'],
    ]);
  });

  it('edits the plan while the work is ahead, lists by window, deletes only planned jobs', async () => {
    const training = await create({
      siteId: 'S-0001',
      kind: 'training',
      skill: 'his-server',
      serviceMinutes: 240,
      windowStart: '2026-12-07T09:00:00+08:00',
      windowEnd: '2026-12-11T18:00:00+08:00',
    }).expect(201);
    expect(training.body).toMatchObject({ recurrence: 'once', minSkillLevel: 1, equipmentId: null });
    const id = training.body.id as string;
    const moved = await request(t.app)
      .patch(`/api/v1/preventive-jobs/${id}`)
      .send({ windowStart: '2026-12-14T09:00:00+08:00', windowEnd: '2026-12-18T18:00:00+08:00' })
      .expect(200);
    expect(moved.body.windowStart).toBe('2026-12-14T01:00:00.000Z');
    const inWeek = await request(t.app)
      .get(
        '/api/v1/preventive-jobs?windowFrom=2026-12-14T00:00:00%2B08:00&windowTo=2026-12-21T00:00:00%2B08:00',
      )
      .expect(200);
    expect(inWeek.body.items.map((job: { id: string }) => job.id)).toEqual([id]);
    const earlier = await request(t.app)
      .get('/api/v1/preventive-jobs?windowTo=2026-12-14T00:00:00%2B08:00&kind=training')
      .expect(200);
    expect(earlier.body.items).toEqual([]);

    await move(id, { to: 'assigned', engineerId: 'E-1' }).expect(200);
    expect((await request(t.app).delete(`/api/v1/preventive-jobs/${id}`)).status).toBe(409);
    await move(id, { to: 'cancelled' }).expect(200);
    const late = await request(t.app).patch(`/api/v1/preventive-jobs/${id}`).send({ serviceMinutes: 60 });
    expect(late.status).toBe(409);

    const planned = await create({ ...inspection, recurrence: 'once' }).expect(201);
    await request(t.app).delete(`/api/v1/preventive-jobs/${planned.body.id}`).expect(204);
    expect((await request(t.app).get(`/api/v1/preventive-jobs/${planned.body.id}`)).status).toBe(404);
  });

  it('rejects bad input with a problem naming the field, and writes nothing', async () => {
    await anOffice(t.db, 'O-CTU');
    await anEquipment(t.db, 'EQ-OTHER', { siteId: 'S-0001' });
    const before = await count();
    const cases: Array<[object, string]> = [
      [{ ...inspection, windowEnd: inspection.windowStart }, 'body.windowEnd'],
      [{ ...inspection, windowEnd: '2026-09-27T00:00:00+08:00' }, 'body.windowEnd'],
      [{ ...inspection, windowStart: 'next week' }, 'body.windowStart'],
      [{ ...inspection, kind: 'party' }, 'body.kind'],
      [{ ...inspection, recurrence: 'weekly' }, 'body.recurrence'],
      [{ ...inspection, minSkillLevel: 4 }, 'body.minSkillLevel'],
      [{ ...inspection, serviceMinutes: -1 }, 'body.serviceMinutes'],
      [{ ...inspection, serviceMinutes: '90' }, 'body.serviceMinutes'],
      [{ ...inspection, skill: '' }, 'body.skill'],
      [{ ...inspection, skill: 's'.repeat(51) }, 'body.skill'],
      [{ ...inspection, siteId: 'S-NOPE' }, 'body.siteId'],
      [{ ...inspection, siteId: 'O-CTU' }, 'body.siteId'],
      [{ ...inspection, equipmentId: 'EQ-NOPE' }, 'body.equipmentId'],
      [{ ...inspection, id: '../x' }, 'body.id'],
      [{ ...inspection, status: 'done' }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const malformed = await request(t.app)
      .post('/api/v1/preventive-jobs')
      .set('Content-Type', 'application/json')
      .send('{"siteId":');
    expect(malformed.status).toBe(400);
    expect(await count()).toBe(before);

    const job = await create({ ...inspection, recurrence: 'once' }).expect(201);
    const id = job.body.id as string;
    const snapshot = await t.db('preventive_jobs').where({ id }).first();
    const steps: Array<[object, string, number]> = [
      [{ to: 'assigned' }, 'body.engineerId', 422],
      [{ to: 'assigned', engineerId: 'E-NOPE' }, 'body.engineerId', 422],
      [{ to: 'assigned', engineerId: 'E-AV' }, 'body.engineerId', 422],
      [{ to: 'assigned', engineerId: 'E-JUNIOR' }, 'body.engineerId', 422],
      [{ to: 'done' }, 'body.to', 409],
      [{ to: 'report_filed' }, 'body.to', 409],
      [{ to: 'planned' }, 'body.to', 422],
    ];
    for (const [body, field, status] of steps) {
      const res = await move(id, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const edits: Array<[object, string]> = [
      [{ windowEnd: '2026-09-01T00:00:00+08:00' }, 'body.windowEnd'],
      [{}, 'body'],
      [{ equipmentId: 'EQ-NOPE' }, 'body.equipmentId'],
    ];
    for (const [body, field] of edits) {
      const res = await request(t.app).patch(`/api/v1/preventive-jobs/${id}`).send(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await t.db('preventive_jobs').where({ id }).first()).toEqual(snapshot);
    await move(id, { to: 'assigned', engineerId: 'E-1' }).expect(200);
    const future = await move(id, { to: 'done', at: '2026-12-01T00:00:00+08:00' });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].field).toBe('body.at');
    expect((await t.db('preventive_jobs').where({ id }).first()).done_at).toBeNull();
    for (const url of ['/api/v1/preventive-jobs/PJ-missing', '/api/v1/preventive-jobs/%24bad']) {
      const res = await request(t.app).get(url);
      expect(res.status).toBe(url.endsWith('missing') ? 404 : 422);
      expect(res.body.errors[0].field).toBe('params.id');
    }
    const badQuery = await request(t.app).get('/api/v1/preventive-jobs?windowFrom=tomorrow');
    expect(badQuery.status).toBe(422);
    expect(badQuery.body.errors[0].field).toBe('query.windowFrom');
  });
});
