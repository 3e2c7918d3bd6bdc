import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aPart } from '../support/fixtures.ts';

describe('/api/v1/equipment-models and /api/v1/suppliers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.destroy());

  const server = { id: 'HIS-R740', name: 'HIS server R740', category: 'server', skill: 'his-server' };

  it('creates, gets, updates and audits an equipment model', async () => {
    const created = await request(t.app)
      .post('/api/v1/equipment-models')
      .set('X-Actor', 'alice')
      .send(server);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...server, minSkillLevel: 1, designLifeYears: null });
    const updated = await request(t.app)
      .patch('/api/v1/equipment-models/HIS-R740')
      .send({ minSkillLevel: 2, designLifeYears: 8 });
    expect(updated.body).toMatchObject({ minSkillLevel: 2, designLifeYears: 8 });
    expect((await request(t.app).get('/api/v1/equipment-models/HIS-R740')).body.designLifeYears).toBe(8);
    const audit = await t.db('audit_events').where({ entity: 'equipment-model', entity_id: 'HIS-R740' });
    expect(audit.map((row) => row.action).sort()).toEqual(['create', 'update']);
  });

  it('lists models by category and skill, with cursor pagination', async () => {
    await request(t.app)
      .post('/api/v1/equipment-models')
      .send({ id: 'PROJ-EB', name: 'Classroom projector', category: 'av', skill: 'av' })
      .expect(201);
    await request(t.app)
      .post('/api/v1/equipment-models')
      .send({ id: 'HIS-R750', name: 'HIS server R750', category: 'server', skill: 'his-server' })
      .expect(201);
    const servers = await request(t.app).get('/api/v1/equipment-models?category=server&limit=1&sort=-id');
    expect(servers.body.items.map((m: { id: string }) => m.id)).toEqual(['HIS-R750']);
    const next = await request(t.app).get(
      `/api/v1/equipment-models?category=server&limit=1&sort=-id&cursor=${servers.body.nextCursor}`,
    );
    expect(next.body).toMatchObject({ items: [{ id: 'HIS-R740' }], nextCursor: null });
    const av = await request(t.app).get('/api/v1/equipment-models?skill=av');
    expect(av.body.items.map((m: { id: string }) => m.id)).toEqual(['PROJ-EB']);
  });

  it('rejects bad models naming the field, and writes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...server, id: 'M-X', minSkillLevel: 4 }, 'body.minSkillLevel'],
      [{ ...server, id: 'M-X', skill: 'HIS Server' }, 'body.skill'],
      [{ ...server, id: 'M-X', category: undefined }, 'body.category'],
      [{ ...server, id: 'M-X', designLifeYears: 2.5 }, 'body.designLifeYears'],
    ];
    for (const [body, field] of cases) {
      const res = await request(t.app)
        .post('/api/v1/equipment-models')
        .send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await t.db('equipment_models').where({ id: 'M-X' })).toHaveLength(0);
    expect((await request(t.app).post('/api/v1/equipment-models').send(server)).status).toBe(409);
    expect((await request(t.app).get('/api/v1/equipment-models/NOPE')).status).toBe(404);
    expect((await request(t.app).patch('/api/v1/equipment-models/NOPE').send({ name: 'x' })).status).toBe(
      404,
    );
    expect((await request(t.app).get('/api/v1/equipment-models?skill=A%20B')).status).toBe(422);
  });

  it('deletes a model nothing refers to, and refuses one a part fits', async () => {
    await aPart(t.db, 'P-PSU-750', { fits: ['HIS-R750'] });
    const refused = await request(t.app).delete('/api/v1/equipment-models/HIS-R750');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('still-referenced');
    expect((await request(t.app).delete('/api/v1/equipment-models/PROJ-EB')).status).toBe(204);
    expect(await t.db('equipment_models').where({ id: 'PROJ-EB' })).toHaveLength(0);
  });

  it('creates, lists, updates and deletes suppliers', async () => {
    const created = await request(t.app)
      .post('/api/v1/suppliers')
      .send({ id: 'SUP-DELL', name: 'Dell China' });
    expect(created.status).toBe(201);
    await request(t.app).post('/api/v1/suppliers').send({ id: 'SUP-EPSON', name: 'Epson' }).expect(201);
    const listed = await request(t.app).get('/api/v1/suppliers?q=dell');
    expect(listed.body.items.map((s: { id: string }) => s.id)).toEqual(['SUP-DELL']);
    const updated = await request(t.app)
      .patch('/api/v1/suppliers/SUP-DELL')
      .send({ name: 'Dell (China) Co.' });
    expect(updated.body.name).toBe('Dell (China) Co.');
    await t.db('skus').insert({ id: 'P-DISK', kind: 'part', name: 'Disk', supplier_id: 'SUP-DELL' });
    expect((await request(t.app).delete('/api/v1/suppliers/SUP-DELL')).status).toBe(409);
    expect((await request(t.app).delete('/api/v1/suppliers/SUP-EPSON')).status).toBe(204);
    const audit = await t.db('audit_events').where({ entity: 'supplier' }).orderBy('id');
    expect(audit.map((row) => [row.entity_id, row.action])).toEqual([
      ['SUP-DELL', 'create'],
      ['SUP-EPSON', 'create'],
      ['SUP-DELL', 'update'],
      ['SUP-EPSON', 'delete'],
    ]);
  });

  it('rejects bad suppliers', async () => {
    expect((await request(t.app).post('/api/v1/suppliers').send({ id: 'SUP-X' })).status).toBe(422);
    expect(
      (await request(t.app).post('/api/v1/suppliers').send({ id: 'SUP-DELL', name: 'Again' })).status,
    ).toBe(409);
    expect((await request(t.app).patch('/api/v1/suppliers/SUP-DELL').send({})).status).toBe(422);
    expect((await request(t.app).patch('/api/v1/suppliers/NOPE').send({ name: 'x' })).status).toBe(404);
    expect((await request(t.app).get('/api/v1/suppliers?sort=city')).status).toBe(422);
    expect(await t.db('suppliers').where({ id: 'SUP-X' })).toHaveLength(0);
  });
});
