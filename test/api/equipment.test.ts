import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aCustomer, aModel, anOffice, aSite } from '../support/fixtures.ts';

describe('/api/v1/equipment', () => {
  let t: TestApp;
  beforeAll(async () => {
    // 2026-12-31 16:30 UTC is already 1 January 2027 in Shanghai.
    t = await createTestApp('2026-12-31T16:30:00Z');
    await aModel(t.db, 'SWH-200');
    await aModel(t.db, 'SWH-300');
    await aSite(t.db, 'S-FARM-1', { customerId: await aCustomer(t.db, 'C-FARM', 'farm') });
    await aSite(t.db, 'S-FARM-2', { customerId: 'C-FARM' });
    await aSite(t.db, 'S-SCHOOL', { customerId: await aCustomer(t.db, 'C-SCHOOL', 'school') });
    await anOffice(t.db, 'O-CTU');
  });
  afterAll(() => t.destroy());

  const heater = {
    id: 'E-SWH-1',
    siteId: 'S-FARM-1',
    modelId: 'SWH-200',
    serial: 'SN-0001',
    installedOn: '2024-03-01',
    warrantyCardReceivedOn: '2024-03-10',
    components: [
      { component: 'main-unit', warrantyEnd: '2027-03-01' },
      { component: 'piping', warrantyEnd: '2025-03-01' },
    ],
  };

  it('registers equipment with components, gets, updates and audits it', async () => {
    const created = await request(t.app).post('/api/v1/equipment').set('X-Actor', 'alice').send(heater);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...heater, active: true });
    const updated = await request(t.app)
      .patch('/api/v1/equipment/E-SWH-1')
      .send({ components: [{ component: 'main-unit', warrantyEnd: '2028-03-01' }], siteId: 'S-FARM-2' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      siteId: 'S-FARM-2',
      serial: 'SN-0001',
      components: [{ component: 'main-unit', warrantyEnd: '2028-03-01' }],
    });
    expect(await t.db('equipment_components').where({ equipment_id: 'E-SWH-1' })).toHaveLength(1);
    const audit = await t
      .db('audit_events')
      .where({ entity: 'equipment', entity_id: 'E-SWH-1' })
      .orderBy('id');
    expect(audit.map((row) => [row.actor, row.action])).toEqual([
      ['alice', 'create'],
      ['api', 'update'],
    ]);
    await request(t.app)
      .patch('/api/v1/equipment/E-SWH-1')
      .send({ siteId: 'S-FARM-1', components: heater.components });
  });

  it('says which components are in warranty on a day, today at the site by default', async () => {
    const onDay = await request(t.app).get('/api/v1/equipment/E-SWH-1/warranty?at=2025-03-01');
    expect(onDay.status).toBe(200);
    expect(onDay.body).toEqual({
      equipmentId: 'E-SWH-1',
      at: '2025-03-01',
      warrantyCard: { receivedOn: '2024-03-10', dueBy: '2024-03-21', status: 'received' },
      components: [
        { component: 'main-unit', warrantyEnd: '2027-03-01', withinTerm: true, inWarranty: true },
        { component: 'piping', warrantyEnd: '2025-03-01', withinTerm: true, inWarranty: true },
      ],
    });
    const dayAfter = await request(t.app).get('/api/v1/equipment/E-SWH-1/warranty?at=2025-03-02');
    expect(dayAfter.body.components.map((c: { inWarranty: boolean }) => c.inWarranty)).toEqual([true, false]);
    const today = await request(t.app).get('/api/v1/equipment/E-SWH-1/warranty');
    expect(today.body.at).toBe('2027-01-01');
  });

  it('does not recognise a warranty whose card came late or never came', async () => {
    await request(t.app)
      .post('/api/v1/equipment')
      .send({
        ...heater,
        id: 'E-SWH-2',
        serial: 'SN-0002',
        warrantyCardReceivedOn: null,
        installedOn: '2026-12-20',
      })
      .expect(201);
    const pending = await request(t.app).get('/api/v1/equipment/E-SWH-2/warranty?at=2026-12-25');
    expect(pending.body.warrantyCard).toEqual({ receivedOn: null, dueBy: '2027-01-09', status: 'pending' });
    expect(pending.body.components[0].inWarranty).toBe(true);
    const missing = await request(t.app).get('/api/v1/equipment/E-SWH-2/warranty?at=2027-01-10');
    expect(missing.body.warrantyCard.status).toBe('missing');
    expect(missing.body.components[0]).toMatchObject({ withinTerm: true, inWarranty: false });
    await request(t.app)
      .patch('/api/v1/equipment/E-SWH-2')
      .send({ warrantyCardReceivedOn: '2027-01-15' })
      .expect(200);
    const late = await request(t.app).get('/api/v1/equipment/E-SWH-2/warranty?at=2027-02-01');
    expect(late.body.warrantyCard.status).toBe('late');
    expect(late.body.components[0].inWarranty).toBe(false);
  });

  it('lists by customer, site, model and active, with cursor pagination', async () => {
    await request(t.app)
      .post('/api/v1/equipment')
      .send({
        id: 'E-AV-1',
        siteId: 'S-SCHOOL',
        modelId: 'SWH-300',
        serial: 'SN-0100',
        installedOn: '2025-09-01',
      })
      .expect(201);
    const farm = await request(t.app).get('/api/v1/equipment?customerId=C-FARM&sort=-installedOn&limit=1');
    expect(farm.body.items.map((e: { id: string }) => e.id)).toEqual(['E-SWH-2']);
    const next = await request(t.app).get(
      `/api/v1/equipment?customerId=C-FARM&sort=-installedOn&limit=1&cursor=${farm.body.nextCursor}`,
    );
    expect(next.body).toMatchObject({
      items: [{ id: 'E-SWH-1', components: heater.components }],
      nextCursor: null,
    });
    const bySerial = await request(t.app).get('/api/v1/equipment?serial=SN-0100&active=true');
    expect(bySerial.body.items.map((e: { id: string }) => e.id)).toEqual(['E-AV-1']);
    await request(t.app).patch('/api/v1/equipment/E-AV-1').send({ active: false }).expect(200);
    const inactive = await request(t.app).get('/api/v1/equipment?active=false&modelId=SWH-300');
    expect(inactive.body.items.map((e: { id: string }) => e.id)).toEqual(['E-AV-1']);
  });

  it('rejects bad input and unknown references naming the field, and writes nothing', async () => {
    const fresh = { ...heater, id: 'E-X', serial: 'SN-X' };
    const cases: Array<[unknown, string]> = [
      [{ ...fresh, siteId: 'S-NOPE' }, 'body.siteId'],
      [{ ...fresh, siteId: 'O-CTU' }, 'body.siteId'],
      [{ ...fresh, modelId: 'M-NOPE' }, 'body.modelId'],
      [{ ...fresh, installedOn: '2024-02-30' }, 'body.installedOn'],
      [
        { ...fresh, components: [{ component: 'Main Unit', warrantyEnd: '2027-01-01' }] },
        'body.components[0].component',
      ],
      [
        { ...fresh, components: [heater.components[0], heater.components[0]] },
        'body.components[1].component',
      ],
      [{ ...fresh, components: [{ component: 'piping' }] }, 'body.components[0].warrantyEnd'],
    ];
    for (const [body, field] of cases) {
      const res = await request(t.app)
        .post('/api/v1/equipment')
        .send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const moveToOffice = await request(t.app).patch('/api/v1/equipment/E-SWH-1').send({ siteId: 'O-CTU' });
    expect(moveToOffice.status).toBe(422);
    expect(await t.db('equipment').where({ id: 'E-X' })).toHaveLength(0);
    expect(await t.db('equipment_components').where({ equipment_id: 'E-X' })).toHaveLength(0);
    expect((await t.db('equipment').where({ id: 'E-SWH-1' }).first()).site_id).toBe('S-FARM-1');
  });

  it('answers 409 for a duplicate id or serial, 404 for an unknown id and 4xx for bad queries', async () => {
    expect((await request(t.app).post('/api/v1/equipment').send(heater)).status).toBe(409);
    const serial = await request(t.app)
      .post('/api/v1/equipment')
      .send({ ...heater, id: 'E-OTHER' });
    expect(serial.status).toBe(409);
    expect(serial.body.errors[0].field).toBe('body.serial');
    expect(await t.db('equipment').where({ id: 'E-OTHER' })).toHaveLength(0);
    expect((await request(t.app).get('/api/v1/equipment/NOPE')).status).toBe(404);
    expect((await request(t.app).get('/api/v1/equipment/NOPE/warranty')).status).toBe(404);
    expect((await request(t.app).patch('/api/v1/equipment/NOPE').send({ active: false })).status).toBe(404);
    expect((await request(t.app).get('/api/v1/equipment/E-SWH-1/warranty?at=yesterday')).status).toBe(422);
    expect((await request(t.app).get('/api/v1/equipment?active=yes')).status).toBe(422);
  });

  it('deletes equipment with its components, and refuses equipment a job refers to', async () => {
    await t.db('preventive_jobs').insert({
      id: 'J-INSPECT-1',
      site_id: 'S-FARM-1',
      equipment_id: 'E-SWH-1',
      kind: 'inspection',
      skill: 'his-server',
      service_minutes: 60,
      window_start: '2027-01-05T00:00:00Z',
      window_end: '2027-01-10T00:00:00Z',
    });
    const refused = await request(t.app).delete('/api/v1/equipment/E-SWH-1');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('still-referenced');
    expect(await t.db('equipment_components').where({ equipment_id: 'E-SWH-1' })).toHaveLength(2);
    expect((await request(t.app).delete('/api/v1/equipment/E-SWH-2')).status).toBe(204);
    expect(await t.db('equipment_components').where({ equipment_id: 'E-SWH-2' })).toHaveLength(0);
    expect((await request(t.app).delete('/api/v1/equipment/E-SWH-2')).status).toBe(404);
  });
});
