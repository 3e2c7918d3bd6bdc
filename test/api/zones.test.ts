import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aRegion } from '../support/fixtures.ts';

describe('/api/v1/zones', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await aRegion(t.db, 'R-SC');
    await aRegion(t.db, 'R-BJ');
  });
  afterAll(() => t.destroy());

  const yibinCity = { id: 'Z-YB-CITY', regionId: 'R-SC', name: 'Yibin city', kind: 'same-city' };

  it('creates, gets, updates and audits a zone', async () => {
    const created = await request(t.app).post('/api/v1/zones').set('X-Actor', 'alice').send(yibinCity);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(yibinCity);
    expect((await request(t.app).get('/api/v1/zones/Z-YB-CITY')).body.kind).toBe('same-city');
    const updated = await request(t.app)
      .patch('/api/v1/zones/Z-YB-CITY')
      .send({ kind: '2h', name: 'Yibin 2 h' });
    expect(updated.body).toMatchObject({ kind: '2h', name: 'Yibin 2 h', regionId: 'R-SC' });
    const audit = await t.db('audit_events').where({ entity: 'zone', entity_id: 'Z-YB-CITY' }).orderBy('id');
    expect(audit.map((row) => row.action)).toEqual(['create', 'update']);
  });

  it('lists by region and kind, with cursor pagination', async () => {
    for (const [id, kind] of [
      ['Z-BJ-2H', '2h'],
      ['Z-BJ-12H', '12h'],
      ['Z-BJ-48H', '48h'],
    ])
      await request(t.app).post('/api/v1/zones').send({ id, regionId: 'R-BJ', name: id, kind }).expect(201);
    const beijing = await request(t.app).get('/api/v1/zones?regionId=R-BJ&limit=2');
    expect(beijing.body.items.map((z: { id: string }) => z.id)).toEqual(['Z-BJ-12H', 'Z-BJ-2H']);
    const rest = await request(t.app).get(
      `/api/v1/zones?regionId=R-BJ&limit=2&cursor=${beijing.body.nextCursor}`,
    );
    expect(rest.body).toMatchObject({ items: [{ id: 'Z-BJ-48H' }], nextCursor: null });
    const twoHour = await request(t.app).get('/api/v1/zones?kind=2h&sort=-id');
    expect(twoHour.body.items.map((z: { id: string }) => z.id)).toEqual(['Z-YB-CITY', 'Z-BJ-2H']);
  });

  it('rejects bad input naming the field, and writes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...yibinCity, id: 'Z-X', kind: 'far-away' }, 'body.kind'],
      [{ ...yibinCity, id: 'Z-X', regionId: undefined }, 'body.regionId'],
      [{ ...yibinCity, id: 'Z-X', regionId: 'R-NOPE' }, 'body.regionId'],
    ];
    for (const [body, field] of cases) {
      const res = await request(t.app)
        .post('/api/v1/zones')
        .send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const moved = await request(t.app).patch('/api/v1/zones/Z-YB-CITY').send({ regionId: 'R-BJ' });
    expect(moved.status).toBe(422);
    expect(await t.db('zones').where({ id: 'Z-X' })).toHaveLength(0);
    expect((await t.db('zones').where({ id: 'Z-YB-CITY' }).first()).region_id).toBe('R-SC');
  });

  it('answers 409 for a duplicate, 404 for an unknown id and 4xx for bad queries', async () => {
    expect((await request(t.app).post('/api/v1/zones').send(yibinCity)).status).toBe(409);
    expect((await request(t.app).get('/api/v1/zones/NOPE')).status).toBe(404);
    expect((await request(t.app).patch('/api/v1/zones/NOPE').send({ name: 'x' })).status).toBe(404);
    expect((await request(t.app).get('/api/v1/zones?kind=far')).status).toBe(422);
    expect((await request(t.app).get('/api/v1/zones?regionId=a%20b')).status).toBe(422);
  });

  it('deletes a zone nothing refers to, and refuses one a location is in', async () => {
    await t.db('locations').insert({
      id: 'O-YB',
      kind: 'office',
      name: 'Yibin office',
      region_id: 'R-SC',
      zone_id: 'Z-YB-CITY',
      lat: 28.77,
      lon: 104.64,
    });
    const refused = await request(t.app).delete('/api/v1/zones/Z-YB-CITY');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('still-referenced');
    expect((await request(t.app).delete('/api/v1/zones/Z-BJ-48H')).status).toBe(204);
    expect(await t.db('zones').whereIn('id', ['Z-YB-CITY', 'Z-BJ-48H']).pluck('id')).toEqual(['Z-YB-CITY']);
    expect((await request(t.app).delete('/api/v1/zones/Z-BJ-48H')).status).toBe(404);
  });
});
