import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aRegion, aSite } from '../support/fixtures.ts';

describe('/api/v1/customers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await aRegion(t.db, 'R-SC');
    await aRegion(t.db, 'R-GZ');
  });
  afterAll(() => t.destroy());

  const hospital = {
    id: 'C-YB-HOSP',
    name: 'Yibin First People’s Hospital',
    kind: 'hospital',
    regionId: 'R-SC',
  };

  it('creates, gets, updates and audits a customer', async () => {
    const created = await request(t.app).post('/api/v1/customers').set('X-Actor', 'alice').send(hospital);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...hospital, contact: null });
    const updated = await request(t.app)
      .patch('/api/v1/customers/C-YB-HOSP')
      .send({ contact: 'IT department, 0831-1234567' });
    expect(updated.body.contact).toBe('IT department, 0831-1234567');
    expect((await request(t.app).get('/api/v1/customers/C-YB-HOSP')).body.kind).toBe('hospital');
    const audit = await t
      .db('audit_events')
      .where({ entity: 'customer', entity_id: 'C-YB-HOSP' })
      .orderBy('id');
    expect(audit.map((row) => [row.actor, row.action])).toEqual([
      ['alice', 'create'],
      ['api', 'update'],
    ]);
  });

  it('lists by kind and region, with a search and cursor pagination', async () => {
    await request(t.app)
      .post('/api/v1/customers')
      .send({ id: 'C-GY-SCHOOL', name: 'Guiyang No. 1 School', kind: 'school', regionId: 'R-GZ' })
      .expect(201);
    await request(t.app)
      .post('/api/v1/customers')
      .send({ id: 'C-ZY-HOSP', name: 'Zunyi Hospital', kind: 'hospital', regionId: 'R-GZ' })
      .expect(201);
    const hospitals = await request(t.app).get('/api/v1/customers?kind=hospital&limit=1');
    expect(hospitals.body.items.map((c: { id: string }) => c.id)).toEqual(['C-YB-HOSP']);
    const next = await request(t.app).get(
      `/api/v1/customers?kind=hospital&limit=1&cursor=${hospitals.body.nextCursor}`,
    );
    expect(next.body).toMatchObject({ items: [{ id: 'C-ZY-HOSP' }], nextCursor: null });
    const guizhou = await request(t.app).get('/api/v1/customers?regionId=R-GZ&q=school');
    expect(guizhou.body.items.map((c: { id: string }) => c.id)).toEqual(['C-GY-SCHOOL']);
  });

  it('rejects bad input and unknown references naming the field, and writes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...hospital, id: 'C-X', kind: 'Hospital!' }, 'body.kind'],
      [{ ...hospital, id: 'C-X', name: '' }, 'body.name'],
      [{ ...hospital, id: 'C-X', regionId: 'R-NOPE' }, 'body.regionId'],
      [{ ...hospital, id: 'C-X', vip: true }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await request(t.app)
        .post('/api/v1/customers')
        .send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const badUpdate = await request(t.app).patch('/api/v1/customers/C-YB-HOSP').send({ regionId: 'R-NOPE' });
    expect(badUpdate.status).toBe(422);
    expect(badUpdate.body.errors[0].field).toBe('body.regionId');
    expect(await t.db('customers').where({ id: 'C-X' })).toHaveLength(0);
    expect((await t.db('customers').where({ id: 'C-YB-HOSP' }).first()).region_id).toBe('R-SC');
  });

  it('answers 409 for a duplicate, 404 for an unknown id and 4xx for bad queries', async () => {
    expect((await request(t.app).post('/api/v1/customers').send(hospital)).status).toBe(409);
    expect((await request(t.app).get('/api/v1/customers/NOPE')).status).toBe(404);
    expect((await request(t.app).patch('/api/v1/customers/NOPE').send({ name: 'x' })).status).toBe(404);
    expect((await request(t.app).delete('/api/v1/customers/NOPE')).status).toBe(404);
    expect((await request(t.app).get('/api/v1/customers?kind=A%20B')).status).toBe(422);
    expect((await request(t.app).get('/api/v1/customers?limit=abc')).status).toBe(422);
  });

  it('deletes a customer without sites, and refuses one with a site', async () => {
    await aSite(t.db, 'S-YB-HOSP', { customerId: 'C-YB-HOSP' });
    const refused = await request(t.app).delete('/api/v1/customers/C-YB-HOSP');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('still-referenced');
    expect((await request(t.app).delete('/api/v1/customers/C-GY-SCHOOL')).status).toBe(204);
    expect(await t.db('customers').whereIn('id', ['C-YB-HOSP', 'C-GY-SCHOOL']).pluck('id')).toEqual([
      'C-YB-HOSP',
    ]);
  });
});
