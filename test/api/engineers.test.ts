import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { anOffice, aSite } from '../support/fixtures.ts';

describe('/api/v1/engineers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await anOffice(t.db, 'O-YB', { lat: 28.77, lon: 104.64 });
    await anOffice(t.db, 'D-CTU', { kind: 'depot' });
    await aSite(t.db, 'S-0001');
  });
  afterAll(() => t.destroy());

  const wang = {
    id: 'E-017',
    name: 'Wang Lei',
    homeOfficeId: 'O-YB',
    skills: { 'his-server': 2, xray: 1 },
    shifts: [
      { weekday: 1, startsAt: '08:00', endsAt: '18:00' },
      { weekday: 2, startsAt: '08:00', endsAt: '18:00' },
    ],
    vanCapacity: 4,
  };

  it('creates an engineer with a van stock location at the home office', async () => {
    const res = await request(t.app).post('/api/v1/engineers').send(wang);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: 'E-017',
      skills: { 'his-server': 2, xray: 1 },
      vanLocationId: 'VAN-E-017',
    });
    expect(res.body.shifts).toHaveLength(2);
    const van = await t.db('locations').where({ id: 'VAN-E-017' }).first();
    expect(van).toMatchObject({ kind: 'van', lat: 28.77, serving_office_id: 'O-YB' });
  });

  it('updates skills and shifts, records absences and positions', async () => {
    const updated = await request(t.app)
      .patch('/api/v1/engineers/E-017')
      .send({ skills: { 'his-server': 3 } });
    expect(updated.body.skills).toEqual({ 'his-server': 3 });
    const absent = await request(t.app).post('/api/v1/engineers/E-017/absences').send({
      startsAt: '2026-12-01T00:00:00+08:00',
      endsAt: '2026-12-03T00:00:00+08:00',
      reason: 'training',
    });
    expect(absent.status).toBe(201);
    expect(absent.body.absences).toHaveLength(1);
    const absenceId = absent.body.absences[0].id;
    expect((await request(t.app).delete(`/api/v1/engineers/E-017/absences/${absenceId}`)).status).toBe(204);
    expect((await request(t.app).delete(`/api/v1/engineers/E-017/absences/${absenceId}`)).status).toBe(404);
    const moved = await request(t.app)
      .post('/api/v1/engineers/E-017/position')
      .send({ lat: 28.8, lon: 104.6 });
    expect(moved.body.position).toEqual({ lat: 28.8, lon: 104.6, at: '2026-11-30T00:00:00.000Z' });
  });

  it('filters by skill and level', async () => {
    await request(t.app)
      .post('/api/v1/engineers')
      .send({ id: 'E-018', name: 'Li Na', homeOfficeId: 'D-CTU', skills: { 'his-server': 1 } })
      .expect(201);
    const qualified = await request(t.app).get('/api/v1/engineers?skill=his-server&minLevel=2');
    expect(qualified.body.items.map((e: { id: string }) => e.id)).toEqual(['E-017']);
  });

  it('rejects bad input naming the field, writing nothing', async () => {
    const cases: Array<[object, string]> = [
      [{ ...wang, id: 'E-X', homeOfficeId: 'S-0001' }, 'body.homeOfficeId'],
      [{ ...wang, id: 'E-X', skills: { xray: 4 } }, 'body.skills.xray'],
      [
        { ...wang, id: 'E-X', shifts: [{ weekday: 8, startsAt: '08:00', endsAt: '18:00' }] },
        'body.shifts[0].weekday',
      ],
      [
        { ...wang, id: 'E-X', shifts: [{ weekday: 1, startsAt: '18:00', endsAt: '08:00' }] },
        'body.shifts[0].endsAt',
      ],
      [{ ...wang, id: 'E-X', name: '' }, 'body.name'],
    ];
    for (const [body, field] of cases) {
      const res = await request(t.app).post('/api/v1/engineers').send(body);
      expect(res.status, field).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await t.db('engineers').where({ id: 'E-X' })).toHaveLength(0);
    expect(await t.db('locations').where({ id: 'VAN-E-X' })).toHaveLength(0);
    expect((await request(t.app).post('/api/v1/engineers').send(wang)).status).toBe(409);
    expect((await request(t.app).get('/api/v1/engineers/NOPE')).status).toBe(404);
    expect(
      (await request(t.app).post('/api/v1/engineers/E-017/position').send({ lat: 'north' })).status,
    ).toBe(422);
    expect((await request(t.app).delete('/api/v1/engineers/E-017/absences/abc')).status).toBe(422);
  });

  it('exports and re-imports engineers as CSV, and rejects a bad file whole with its line', async () => {
    const exported = await request(t.app).get('/api/v1/engineers.csv');
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    const lines = exported.text.trim().split('\n');
    expect(lines[0]).toBe('id,name,homeOffice,phone,vanCapacity,maxJobsPerDay,active,skills,shifts');
    expect(lines).toHaveLength(3);

    const csv = [
      'id,name,homeOffice,skills,shifts',
      'E-017,Wang Lei,O-YB,his-server:3;network:2,1:08:00-18:00',
      'E-100,Zhao Min,D-CTU,solar-heater:1,',
    ].join('\n');
    const imported = await request(t.app)
      .post('/api/v1/engineers/import')
      .set('content-type', 'text/csv')
      .send(csv);
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ created: 1, updated: 1 });
    expect((await request(t.app).get('/api/v1/engineers/E-017')).body.skills).toEqual({
      'his-server': 3,
      network: 2,
    });

    const bad = ['id,name,homeOffice,skills', 'E-200,A,O-YB,xray:1', 'E-201,B,O-YB,xray:9'].join('\n');
    const rejected = await request(t.app)
      .post('/api/v1/engineers/import')
      .set('content-type', 'text/csv')
      .send(bad);
    expect(rejected.status).toBe(422);
    expect(rejected.body.errors[0].field).toMatch(/^line 3/);
    const unknownOffice = ['id,name,homeOffice', 'E-300,C,O-YB', 'E-301,D,O-NOWHERE'].join('\n');
    const rejectedOffice = await request(t.app)
      .post('/api/v1/engineers/import')
      .set('content-type', 'text/csv')
      .send(unknownOffice);
    expect(rejectedOffice.status).toBe(422);
    expect(rejectedOffice.body.errors[0].field).toBe('line 3.homeOfficeId');
    expect(await t.db('engineers').whereIn('id', ['E-200', 'E-201', 'E-300', 'E-301'])).toHaveLength(0);
    const notCsv = await request(t.app).post('/api/v1/engineers/import').send({ id: 'x' });
    expect(notCsv.status).toBe(400);
  });
});
