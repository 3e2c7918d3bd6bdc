import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aModel } from '../support/fixtures.ts';

const header =
  'id,kind,name,model,fits,supersedes,unitCost,packSize,minOrderQty,supplier,leadTimeDaysMean,leadTimeDaysSd,endOfLife,loadUnits';

const csv = (...lines: string[]) => [header, ...lines].join('\n') + '\n';

describe('/api/v1/skus.csv and /api/v1/skus/import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await aModel(t.db, 'HIS-R740');
    await aModel(t.db, 'HIS-R750');
    await t.db('suppliers').insert([
      { id: 'SUP-DELL', name: 'Dell China' },
      { id: 'SUP-HW', name: 'Huawei' },
    ]);
  });
  afterAll(() => t.destroy());

  const upload = (body: string) =>
    request(t.app)
      .post('/api/v1/skus/import')
      .set('Content-Type', 'text/csv')
      .set('X-Actor', 'depot')
      .send(body);

  const snapshot = async () => ({
    skus: await t.db('skus').orderBy('id').select('id', 'name', 'unit_cost', 'updated_at'),
    fits: await t.db('sku_fits').orderBy(['sku_id', 'model_id']),
    supersessions: await t.db('sku_supersessions').orderBy(['sku_id', 'supersedes_id']),
  });

  it('imports a file in any row order, supersessions included, and exports it back', async () => {
    const res = await upload(
      csv(
        'P-PSU-750,part,"PSU 750 W, hot-swap",,HIS-R740;HIS-R750,P-PSU-650,900.5,2,4,SUP-DELL,12,2.5,,0.5',
        'P-PSU-650,part,PSU 650 W,,HIS-R740,,820,1,1,SUP-DELL,10,3,2027-06-30,0.5',
        'U-R740,unit,Spare R740 server,HIS-R740,HIS-R740,,21000,,,,,,,6',
      ),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ created: 3, updated: 0 });
    const unit = await request(t.app).get('/api/v1/skus/U-R740');
    expect(unit.body).toMatchObject({
      kind: 'unit',
      modelId: 'HIS-R740',
      packSize: 1,
      minOrderQty: 1,
      supplierId: null,
      leadTimeDaysMean: 14,
      loadUnits: 6,
    });
    const exported = await request(t.app).get('/api/v1/skus.csv');
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    expect(exported.text.split('\n')).toEqual([
      header,
      'P-PSU-650,part,PSU 650 W,,HIS-R740,,820,1,1,SUP-DELL,10,3,2027-06-30,0.5',
      'P-PSU-750,part,"PSU 750 W, hot-swap",,HIS-R740;HIS-R750,P-PSU-650,900.5,2,4,SUP-DELL,12,2.5,,0.5',
      'U-R740,unit,Spare R740 server,HIS-R740,HIS-R740,,21000,1,1,,14,0,,6',
      '',
    ]);
    const audit = await t.db('audit_events').where({ entity: 'sku', action: 'import' });
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe('depot');
  });

  it('round-trips: an export imported again changes nothing and exports identically', async () => {
    const first = (await request(t.app).get('/api/v1/skus.csv')).text;
    const res = await upload(first);
    expect(res.body).toEqual({ created: 0, updated: 3 });
    const second = (await request(t.app).get('/api/v1/skus.csv')).text;
    expect(second).toBe(first);
  });

  it('overwrites existing rows, lists included', async () => {
    const res = await upload(csv('P-PSU-750,part,PSU 750 W,,HIS-R750,,950,2,4,SUP-HW,20,5,2031-01-01,0.5'));
    expect(res.body).toEqual({ created: 0, updated: 1 });
    const sku = await request(t.app).get('/api/v1/skus/P-PSU-750');
    expect(sku.body).toMatchObject({
      fits: ['HIS-R750'],
      supersedes: [],
      supplierId: 'SUP-HW',
      unitCost: 950,
    });
  });

  it('rejects a file with a bad row whole, naming its line, and writes nothing', async () => {
    const good = 'P-NEW,part,New part,,,,10,1,1,,,,,';
    const cases: Array<[string, string]> = [
      [csv(good, 'P-BAD,part,Bad,,,,-5,1,1,,,,,'), 'line 3: unitCost'],
      [csv(good, 'P-BAD,part,Bad,,,,abc,1,1,,,,,'), 'line 3: unitCost'],
      [csv(good, 'U-BAD,unit,Unit without model,,,,10,1,1,,,,,'), 'line 3: model'],
      [csv(good, 'P-BAD,part,Bad,NOPE,,,10,1,1,,,,,'), 'line 3: model'],
      [csv(good, 'P-BAD,part,Bad,,HIS-R740;NOPE,,10,1,1,,,,,'), 'line 3: fits'],
      [csv(good, 'P-BAD,part,Bad,,,,10,1,1,SUP-NOPE,,,,'), 'line 3: supplier'],
      [csv(good, 'P-BAD,part,Bad,,,P-NOPE,10,1,1,,,,,'), 'line 3: supersedes'],
      [csv(good, good), 'line 3: id'],
      [csv(good, 'P-BAD,part,Bad,,,,10,1,1,,,,2027-13-01,'), 'line 3: endOfLife'],
      [csv(good, 'P-A,part,A,,,P-B,10,1,1,,,,,', 'P-B,part,B,,,P-A,10,1,1,,,,,'), 'line 4: supersedes'],
      [
        csv(
          good,
          'P-PSU-650,part,Cycle,,,P-PSU-750,10,1,1,,,,,',
          'P-PSU-750,part,Cycle,,,P-PSU-650,10,1,1,,,,,',
        ),
        'line 4: supersedes',
      ],
      [csv(good, 'P-PSU-650,part,Cycle,,,P-PSU-750,10,1,1,,,,,'), 'line 3: supersedes'],
    ];
    await t.db('sku_supersessions').insert({ sku_id: 'P-PSU-750', supersedes_id: 'P-PSU-650' });
    const before = await snapshot();
    for (const [body, field] of cases) {
      const res = await upload(body);
      expect(res.status, body).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(res.body.detail).toMatch(/nothing was written/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('names the physical line even after blank lines and multi-line cells', async () => {
    const body = csv('P-NEW,part,"New', 'part",,,,10,1,1,,,,,', '', 'P-BAD,part,Bad,NOPE,,,10,1,1,,,,,');
    const res = await upload(body);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('line 5: model');
  });

  it('refuses what is not a CSV file of SKUs', async () => {
    const json = await request(t.app).post('/api/v1/skus/import').send({ id: 'P-X' });
    expect(json.status).toBe(400);
    expect((await upload(header + '\n')).status).toBe(422);
    const extraColumn = await upload('id,kind,name,unitCost,colour\nP-X,part,X,1,red\n');
    expect(extraColumn.status).toBe(422);
    const missingColumn = await upload('id,kind,name\nP-X,part,X\n');
    expect(missingColumn.status).toBe(422);
    expect(missingColumn.body.errors[0].field).toBe('line 2: unitCost');
    expect(await t.db('skus').where({ id: 'P-X' })).toHaveLength(0);
  });
});
