import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('/api/v1/regions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.destroy());

  const sichuan = { id: 'R-SC', name: 'Sichuan', nameZh: '四川' };

  it('creates, gets, updates and audits a region', async () => {
    const created = await request(t.app).post('/api/v1/regions').set('X-Actor', 'alice').send(sichuan);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...sichuan, timeZone: 'Asia/Shanghai' });
    expect((await request(t.app).get('/api/v1/regions/R-SC')).body.nameZh).toBe('四川');
    const updated = await request(t.app).patch('/api/v1/regions/R-SC').send({ timeZone: 'Asia/Chongqing' });
    expect(updated.status).toBe(200);
    expect(updated.body.timeZone).toBe('Asia/Chongqing');
    const audit = await t.db('audit_events').where({ entity: 'region', entity_id: 'R-SC' }).orderBy('id');
    expect(audit.map((row) => [row.actor, row.action])).toEqual([
      ['alice', 'create'],
      ['api', 'update'],
    ]);
  });

  it('lists with a search, sorting and cursor pagination', async () => {
    for (const [id, name] of [
      ['R-CQ', 'Chongqing'],
      ['R-GZ', 'Guizhou'],
      ['R-BJ', 'Beijing'],
    ])
      await request(t.app).post('/api/v1/regions').send({ id, name }).expect(201);
    const first = await request(t.app).get('/api/v1/regions?sort=name&limit=3');
    expect(first.body.items.map((r: { id: string }) => r.id)).toEqual(['R-BJ', 'R-CQ', 'R-GZ']);
    const second = await request(t.app).get(
      `/api/v1/regions?sort=name&limit=3&cursor=${first.body.nextCursor}`,
    );
    expect(second.body).toMatchObject({ items: [{ id: 'R-SC' }], nextCursor: null });
    const search = await request(t.app).get('/api/v1/regions?q=%E5%9B%9B');
    expect(search.body.items.map((r: { id: string }) => r.id)).toEqual(['R-SC']);
  });

  it('rejects bad input naming the field, and writes nothing', async () => {
    const cases: Array<[string, unknown, string]> = [
      ['post', { ...sichuan, id: 'R-X', timeZone: 'Mars/Olympus' }, 'body.timeZone'],
      ['post', { ...sichuan, id: 'R-X', name: '' }, 'body.name'],
      ['post', { ...sichuan, id: 'R X' }, 'body.id'],
      ['post', { ...sichuan, id: 'R-X', capital: 'Chengdu' }, 'body'],
      ['patch', {}, 'body'],
      ['patch', { timeZone: 8 }, 'body.timeZone'],
    ];
    for (const [method, body, field] of cases) {
      const res = await (
        method === 'post'
          ? request(t.app).post('/api/v1/regions')
          : request(t.app).patch('/api/v1/regions/R-SC')
      ).send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await t.db('regions').where({ id: 'R-X' })).toHaveLength(0);
    expect((await t.db('regions').where({ id: 'R-SC' }).first()).time_zone).toBe('Asia/Chongqing');
    const malformed = await request(t.app)
      .post('/api/v1/regions')
      .set('Content-Type', 'application/json')
      .send('{"id":');
    expect(malformed.status).toBe(400);
  });

  it('answers 409 for a duplicate, 404 for an unknown id and 4xx for bad queries', async () => {
    const duplicate = await request(t.app).post('/api/v1/regions').send(sichuan);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0].field).toBe('body.id');
    expect((await request(t.app).get('/api/v1/regions/NOPE')).status).toBe(404);
    expect((await request(t.app).patch('/api/v1/regions/NOPE').send({ name: 'x' })).status).toBe(404);
    expect((await request(t.app).delete('/api/v1/regions/NOPE')).status).toBe(404);
    expect((await request(t.app).get('/api/v1/regions?limit=501')).status).toBe(422);
    expect((await request(t.app).get('/api/v1/regions?sort=timeZone')).status).toBe(422);
    expect((await request(t.app).get('/api/v1/regions?cursor=nope')).status).toBe(400);
  });

  it('deletes a region nothing refers to, and refuses one still in use', async () => {
    await t
      .db('customers')
      .insert({ id: 'C-GZ', name: 'Guiyang hospital', kind: 'hospital', region_id: 'R-GZ' });
    const refused = await request(t.app).delete('/api/v1/regions/R-GZ');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('still-referenced');
    expect(await t.db('regions').where({ id: 'R-GZ' })).toHaveLength(1);
    expect((await request(t.app).delete('/api/v1/regions/R-BJ').set('X-Actor', 'bob')).status).toBe(204);
    expect(await t.db('regions').where({ id: 'R-BJ' })).toHaveLength(0);
    const audit = await t.db('audit_events').where({ entity: 'region', entity_id: 'R-BJ', action: 'delete' });
    expect(audit).toHaveLength(1);
  });
});
