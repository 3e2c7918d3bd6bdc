import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aCustomer, aRegion, aZone } from '../support/fixtures.ts';

describe('/api/v1/locations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await aRegion(t.db, 'R-SC');
    await aZone(t.db, 'Z-YB-CITY');
    await aCustomer(t.db, 'C-YB-HOSP');
  });
  afterAll(() => t.destroy());

  const office = {
    id: 'O-YB',
    kind: 'office',
    name: 'Yibin office',
    regionId: 'R-SC',
    lat: 28.77,
    lon: 104.64,
    city: 'Yibin',
  };

  it('creates, gets, updates and audits a location', async () => {
    const created = await request(t.app).post('/api/v1/locations').set('X-Actor', 'alice').send(office);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'O-YB', kind: 'office', lat: 28.77, active: true });
    const fetched = await request(t.app).get('/api/v1/locations/O-YB');
    expect(fetched.body.name).toBe('Yibin office');
    const updated = await request(t.app).patch('/api/v1/locations/O-YB').send({ zoneId: 'Z-YB-CITY' });
    expect(updated.status).toBe(200);
    expect(updated.body.zoneId).toBe('Z-YB-CITY');
    const audit = await t.db('audit_events').where({ entity: 'location', entity_id: 'O-YB' }).orderBy('id');
    expect(audit.map((row) => [row.actor, row.action])).toEqual([
      ['alice', 'create'],
      ['api', 'update'],
    ]);
  });

  it('lists with filters, sorting and cursor pagination', async () => {
    for (let i = 1; i <= 5; i++)
      await request(t.app)
        .post('/api/v1/locations')
        .send({
          id: `S-${i}`,
          kind: 'site',
          name: `Hospital ${6 - i}`,
          regionId: 'R-SC',
          lat: 28.8,
          lon: 104.6,
          customerId: 'C-YB-HOSP',
        })
        .expect(201);
    const first = await request(t.app).get('/api/v1/locations?kind=site&limit=2&sort=-name');
    expect(first.body.items.map((l: { id: string }) => l.id)).toEqual(['S-1', 'S-2']);
    const second = await request(t.app).get(
      `/api/v1/locations?kind=site&limit=2&sort=-name&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.map((l: { id: string }) => l.id)).toEqual(['S-3', 'S-4']);
    const third = await request(t.app).get(
      `/api/v1/locations?kind=site&limit=2&sort=-name&cursor=${second.body.nextCursor}`,
    );
    expect(third.body.items.map((l: { id: string }) => l.id)).toEqual(['S-5']);
    expect(third.body.nextCursor).toBeNull();
  });

  it('rejects bad input with a problem naming the field, and writes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...office, id: 'O-X', lat: 91 }, 'body.lat'],
      [{ ...office, id: 'O-X', kind: 'castle' }, 'body.kind'],
      [{ ...office, id: 'O-X', kind: 'site' }, 'body.customerId'],
      [{ ...office, id: '../etc' }, 'body.id'],
      [{ ...office, id: 'O-X', surprise: 1 }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await request(t.app)
        .post('/api/v1/locations')
        .send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await t.db('locations').where({ id: 'O-X' })).toHaveLength(0);
  });

  it('answers a reference to a missing region with 422 and a duplicate id with 409', async () => {
    const missing = await request(t.app)
      .post('/api/v1/locations')
      .send({ ...office, id: 'O-Z', regionId: 'R-NOPE' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('body.regionId');
    const duplicate = await request(t.app).post('/api/v1/locations').send(office);
    expect(duplicate.status).toBe(409);
  });

  it('answers 404 for an unknown id and 400/422 for malformed queries', async () => {
    expect((await request(t.app).get('/api/v1/locations/NOPE')).status).toBe(404);
    expect((await request(t.app).patch('/api/v1/locations/NOPE').send({ name: 'x' })).status).toBe(404);
    expect((await request(t.app).get('/api/v1/locations?limit=0')).status).toBe(422);
    expect((await request(t.app).get('/api/v1/locations?sort=evil')).status).toBe(422);
    expect((await request(t.app).get('/api/v1/locations?cursor=garbage')).status).toBe(400);
  });
});
