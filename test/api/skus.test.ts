import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aModel, anOffice, someStock } from '../support/fixtures.ts';

describe('/api/v1/skus', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await aModel(t.db, 'HIS-R740');
    await aModel(t.db, 'HIS-R750');
    await t.db('suppliers').insert({ id: 'SUP-DELL', name: 'Dell China' });
  });
  afterAll(() => t.destroy());

  const psu = {
    id: 'P-PSU-650',
    kind: 'part',
    name: 'Power supply 650 W',
    unitCost: 820.5,
    fits: ['HIS-R740', 'HIS-R750'],
    supplierId: 'SUP-DELL',
    leadTimeDaysMean: 10,
    leadTimeDaysSd: 3,
  };

  it('creates an SKU with defaults, gets, updates and audits it', async () => {
    const created = await request(t.app).post('/api/v1/skus').set('X-Actor', 'alice').send(psu);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...psu,
      modelId: null,
      supersedes: [],
      packSize: 1,
      minOrderQty: 1,
      endOfLife: null,
      loadUnits: 0,
    });
    const updated = await request(t.app)
      .patch('/api/v1/skus/P-PSU-650')
      .send({ fits: ['HIS-R750'], endOfLife: '2030-12-31', unitCost: 799.99 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ fits: ['HIS-R750'], endOfLife: '2030-12-31', unitCost: 799.99 });
    expect((await request(t.app).get('/api/v1/skus/P-PSU-650')).body.supplierId).toBe('SUP-DELL');
    const audit = await t.db('audit_events').where({ entity: 'sku', entity_id: 'P-PSU-650' }).orderBy('id');
    expect(audit.map((row) => [row.actor, row.action])).toEqual([
      ['alice', 'create'],
      ['api', 'update'],
    ]);
  });

  it('keeps a spare unit tied to its model', async () => {
    const unit = { id: 'U-R740', kind: 'unit', name: 'Spare R740', unitCost: 21000 };
    const missing = await request(t.app).post('/api/v1/skus').send(unit);
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('body.modelId');
    const created = await request(t.app)
      .post('/api/v1/skus')
      .send({ ...unit, modelId: 'HIS-R740', fits: ['HIS-R740'], loadUnits: 4 });
    expect(created.status).toBe(201);
    const unlinked = await request(t.app).patch('/api/v1/skus/U-R740').send({ modelId: null });
    expect(unlinked.status).toBe(422);
    expect(unlinked.body.errors[0].field).toBe('body.modelId');
    const asUnit = await request(t.app).patch('/api/v1/skus/P-PSU-650').send({ kind: 'unit' });
    expect(asUnit.status).toBe(422);
    expect((await t.db('skus').where({ id: 'U-R740' }).first()).model_id).toBe('HIS-R740');
    expect((await t.db('skus').where({ id: 'P-PSU-650' }).first()).kind).toBe('part');
  });

  it('records supersession and refuses a cycle naming the field', async () => {
    await request(t.app)
      .post('/api/v1/skus')
      .send({ id: 'P-PSU-750', kind: 'part', name: 'PSU 750 W', unitCost: 900, supersedes: ['P-PSU-650'] })
      .expect(201);
    await request(t.app)
      .post('/api/v1/skus')
      .send({ id: 'P-PSU-800', kind: 'part', name: 'PSU 800 W', unitCost: 950, supersedes: ['P-PSU-750'] })
      .expect(201);
    const cycle = await request(t.app)
      .patch('/api/v1/skus/P-PSU-650')
      .send({ supersedes: ['P-PSU-800'] });
    expect(cycle.status).toBe(422);
    expect(cycle.body.errors[0]).toMatchObject({ field: 'body.supersedes' });
    expect(cycle.body.errors[0].message).toContain('P-PSU-650 → P-PSU-800 → P-PSU-750 → P-PSU-650');
    const itself = await request(t.app)
      .patch('/api/v1/skus/P-PSU-650')
      .send({ supersedes: ['P-PSU-650'] });
    expect(itself.status).toBe(422);
    expect(await t.db('sku_supersessions').where({ sku_id: 'P-PSU-650' })).toHaveLength(0);
    const replacements = await request(t.app).get('/api/v1/skus/P-PSU-800');
    expect(replacements.body.supersedes).toEqual(['P-PSU-750']);
  });

  it('lists by kind, model fitted and supplier, sorted by cost, with cursor pagination', async () => {
    const parts = await request(t.app).get('/api/v1/skus?kind=part&sort=-unitCost&limit=2');
    expect(parts.body.items.map((s: { id: string }) => s.id)).toEqual(['P-PSU-800', 'P-PSU-750']);
    const rest = await request(t.app).get(
      `/api/v1/skus?kind=part&sort=-unitCost&limit=2&cursor=${parts.body.nextCursor}`,
    );
    expect(rest.body).toMatchObject({ items: [{ id: 'P-PSU-650' }], nextCursor: null });
    const fitsR740 = await request(t.app).get('/api/v1/skus?fits=HIS-R740');
    expect(fitsR740.body.items.map((s: { id: string }) => s.id)).toEqual(['U-R740']);
    const dell = await request(t.app).get('/api/v1/skus?supplierId=SUP-DELL&q=power');
    expect(dell.body.items.map((s: { id: string }) => s.id)).toEqual(['P-PSU-650']);
  });

  it('rejects bad input and unknown references naming the field, and writes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...psu, id: 'P-X', unitCost: -1 }, 'body.unitCost'],
      [{ ...psu, id: 'P-X', unitCost: 1.005 }, 'body.unitCost'],
      [{ ...psu, id: 'P-X', packSize: 0 }, 'body.packSize'],
      [{ ...psu, id: 'P-X', kind: 'service' }, 'body.kind'],
      [{ ...psu, id: 'P-X', endOfLife: '2030-02-30' }, 'body.endOfLife'],
      [{ ...psu, id: 'P-X', fits: ['HIS-R740', 'HIS-R740'] }, 'body.fits[1]'],
      [{ ...psu, id: 'P-X', fits: ['HIS-R740', 'NOPE'] }, 'body.fits[1]'],
      [{ ...psu, id: 'P-X', supersedes: ['P-NOPE'] }, 'body.supersedes[0]'],
      [{ ...psu, id: 'P-X', supplierId: 'SUP-NOPE' }, 'body.supplierId'],
      [{ ...psu, id: 'P-X', kind: 'unit', modelId: 'NOPE' }, 'body.modelId'],
    ];
    for (const [body, field] of cases) {
      const res = await request(t.app)
        .post('/api/v1/skus')
        .send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const badUpdate = await request(t.app)
      .patch('/api/v1/skus/P-PSU-650')
      .send({ fits: ['NOPE'], name: 'Renamed' });
    expect(badUpdate.status).toBe(422);
    expect(badUpdate.body.errors[0].field).toBe('body.fits[0]');
    expect(await t.db('skus').where({ id: 'P-X' })).toHaveLength(0);
    expect(await t.db('sku_fits').where({ sku_id: 'P-X' })).toHaveLength(0);
    expect((await t.db('skus').where({ id: 'P-PSU-650' }).first()).name).toBe('Power supply 650 W');
  });

  it('answers 409 for a duplicate, 404 for an unknown id and 4xx for bad queries', async () => {
    const duplicate = await request(t.app).post('/api/v1/skus').send(psu);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors[0].field).toBe('body.id');
    expect((await request(t.app).get('/api/v1/skus/NOPE')).status).toBe(404);
    expect((await request(t.app).patch('/api/v1/skus/NOPE').send({ name: 'x' })).status).toBe(404);
    expect((await request(t.app).delete('/api/v1/skus/NOPE')).status).toBe(404);
    expect((await request(t.app).get('/api/v1/skus?kind=service')).status).toBe(422);
    expect((await request(t.app).get('/api/v1/skus?sort=-packSize')).status).toBe(422);
    expect((await request(t.app).get('/api/v1/skus?sort=name&cursor=WyJpZCIsIngiLCJ4Il0')).status).toBe(400);
  });

  it('deletes an SKU nothing refers to, and refuses one superseded or in stock', async () => {
    const superseded = await request(t.app).delete('/api/v1/skus/P-PSU-650');
    expect(superseded.status).toBe(409);
    expect(superseded.body.code).toBe('still-referenced');
    await someStock(t.db, await anOffice(t.db), 'U-R740', 1);
    expect((await request(t.app).delete('/api/v1/skus/U-R740')).status).toBe(409);
    expect((await request(t.app).delete('/api/v1/skus/P-PSU-800')).status).toBe(204);
    expect(await t.db('skus').where({ id: 'P-PSU-800' })).toHaveLength(0);
    expect(await t.db('sku_supersessions').where({ sku_id: 'P-PSU-800' })).toHaveLength(0);
    expect(
      await t.db('audit_events').where({ entity: 'sku', entity_id: 'P-PSU-800', action: 'delete' }),
    ).toHaveLength(1);
  });
});
