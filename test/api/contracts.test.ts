import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aCustomer } from '../support/fixtures.ts';

describe('/api/v1/contracts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await aCustomer(t.db, 'C-HOSP');
    await aCustomer(t.db, 'C-SCHOOL', 'school');
    await t.db('commitment_profiles').insert([
      {
        id: 'plan-1',
        name: 'Plan 1',
        definition: JSON.stringify({
          clocks: {
            acknowledge: { byTier: { A: 120, B: 120, C: 120 } },
            onsite: { anyZone: { '1': 720, '2': 720, '3': 720 } },
          },
          warranty: { outOfWarranty: 'parts-at-cost-no-labour' },
        }),
      },
      {
        id: 'plan-5',
        name: 'Plan 5',
        definition: JSON.stringify({
          clocks: { onsite: { byZone: { 'same-city': { '1': 120, '2': 120, '3': 120 } } } },
        }),
      },
    ]);
  });
  afterAll(() => t.destroy());

  const hospitalA = {
    id: 'K-HOSP-A',
    customerId: 'C-HOSP',
    profileId: 'plan-1',
    tier: 'A',
    overrides: {
      clocks: { acknowledge: { byTier: { A: 5 } } },
      threeStrikes: { repairsBeforeReplacement: 2 },
    },
    startsOn: '2026-01-01',
    endsOn: '2028-12-31',
  };

  it("creates a contract, taking the profile's out-of-warranty policy when none is given, and audits it", async () => {
    const created = await request(t.app).post('/api/v1/contracts').set('X-Actor', 'sales').send(hospitalA);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...hospitalA, outOfWarrantyPolicy: 'parts-at-cost-no-labour' });
    expect((await request(t.app).get('/api/v1/contracts/K-HOSP-A')).body.overrides).toEqual(
      hospitalA.overrides,
    );
    const audit = await t.db('audit_events').where({ entity: 'contract', entity_id: 'K-HOSP-A' });
    expect(audit.map((row) => [row.actor, row.action])).toEqual([['sales', 'create']]);
  });

  it('returns the effective profile: catalog defaults, then the profile, then the overrides', async () => {
    const res = await request(t.app).get('/api/v1/contracts/K-HOSP-A/effective-profile');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      contractId: 'K-HOSP-A',
      customerId: 'C-HOSP',
      tier: 'A',
      profileId: 'plan-1',
      name: { en: 'Plan 1' },
      atRiskShare: 0.25,
      threeStrikes: { repairsBeforeReplacement: 2 },
      warranty: { outOfWarranty: 'parts-at-cost-no-labour', months: { 'main-unit': 36 } },
    });
    expect(res.body.clocks.acknowledge).toEqual({ calendar: '7x24', byTier: { A: 5, B: 120, C: 120 } });
    expect(res.body.clocks.onsite.anyZone).toEqual({ '1': 720, '2': 720, '3': 720 });
    expect(res.body.clocks.spareUnit.byTier).toEqual({ A: 240, B: 240, C: null });
  });

  it("applies the contract's own out-of-warranty policy over the profile's", async () => {
    const updated = await request(t.app)
      .patch('/api/v1/contracts/K-HOSP-A')
      .send({ outOfWarrantyPolicy: 'parts-and-labour', tier: 'B' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ outOfWarrantyPolicy: 'parts-and-labour', tier: 'B' });
    const terms = await request(t.app).get('/api/v1/contracts/K-HOSP-A/effective-profile');
    expect(terms.body).toMatchObject({ tier: 'B', warranty: { outOfWarranty: 'parts-and-labour' } });
  });

  it('lists by customer, profile, tier and the day in force, with cursor pagination', async () => {
    await request(t.app)
      .post('/api/v1/contracts')
      .send({
        id: 'K-SCHOOL-C',
        customerId: 'C-SCHOOL',
        profileId: 'plan-5',
        tier: 'C',
        startsOn: '2027-09-01',
      })
      .expect(201);
    await request(t.app)
      .post('/api/v1/contracts')
      .send({
        id: 'K-HOSP-OLD',
        customerId: 'C-HOSP',
        profileId: 'plan-5',
        tier: 'C',
        startsOn: '2020-01-01',
        endsOn: '2025-12-31',
      })
      .expect(201);
    const byStart = await request(t.app).get('/api/v1/contracts?sort=-startsOn&limit=2');
    expect(byStart.body.items.map((c: { id: string }) => c.id)).toEqual(['K-SCHOOL-C', 'K-HOSP-A']);
    const rest = await request(t.app).get(
      `/api/v1/contracts?sort=-startsOn&limit=2&cursor=${byStart.body.nextCursor}`,
    );
    expect(rest.body).toMatchObject({ items: [{ id: 'K-HOSP-OLD' }], nextCursor: null });
    const inForce = await request(t.app).get('/api/v1/contracts?customerId=C-HOSP&activeOn=2026-06-01');
    expect(inForce.body.items.map((c: { id: string }) => c.id)).toEqual(['K-HOSP-A']);
    const openEnded = await request(t.app).get('/api/v1/contracts?activeOn=2030-01-01');
    expect(openEnded.body.items.map((c: { id: string }) => c.id)).toEqual(['K-SCHOOL-C']);
    const tierC = await request(t.app).get('/api/v1/contracts?tier=C&profileId=plan-5');
    expect(tierC.body.items.map((c: { id: string }) => c.id)).toEqual(['K-HOSP-OLD', 'K-SCHOOL-C']);
  });

  it('rejects bad input, unknown references and overrides the profile cannot take, naming the field', async () => {
    const fresh = { ...hospitalA, id: 'K-X' };
    const cases: Array<[unknown, string]> = [
      [{ ...fresh, customerId: 'C-NOPE' }, 'body.customerId'],
      [{ ...fresh, profileId: 'plan-nope' }, 'body.profileId'],
      [{ ...fresh, tier: 'D' }, 'body.tier'],
      [{ ...fresh, endsOn: '2025-12-31' }, 'body.endsOn'],
      [{ ...fresh, startsOn: '2026-13-01' }, 'body.startsOn'],
      [{ ...fresh, outOfWarrantyPolicy: 'free' }, 'body.outOfWarrantyPolicy'],
      [
        { ...fresh, overrides: { clocks: { acknowledge: { byTier: { A: -5 } } } } },
        'body.overrides.clocks.acknowledge.byTier.A',
      ],
      [
        { ...fresh, overrides: { warranty: { outOfWarranty: 'parts-and-labour' } } },
        'body.overrides.warranty.outOfWarranty',
      ],
      [{ ...fresh, overrides: { discount: 0.1 } }, 'body.overrides'],
      [
        { ...fresh, overrides: { clocks: { onsite: { byZone: { mars: { '1': 60, '2': 60, '3': 60 } } } } } },
        'body.overrides.clocks.onsite.byZone.mars',
      ],
      [
        { ...fresh, overrides: { clocks: { onsite: { byZone: { surrounding: { '1': 600 } } } } } },
        'body.overrides.clocks.onsite.byZone.surrounding.2',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await request(t.app)
        .post('/api/v1/contracts')
        .send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await t.db('contracts').where({ id: 'K-X' })).toHaveLength(0);
  });

  it('checks an update against the merged contract, and writes nothing when it fails', async () => {
    const partial = { clocks: { onsite: { byZone: { 'same-city': { '1': 60 } } } } };
    const onPlan5 = await request(t.app).patch('/api/v1/contracts/K-SCHOOL-C').send({ overrides: partial });
    expect(onPlan5.status).toBe(200);
    const toPlan1 = await request(t.app).patch('/api/v1/contracts/K-SCHOOL-C').send({ profileId: 'plan-1' });
    expect(toPlan1.status).toBe(422);
    expect(toPlan1.body.errors.map((e: { field: string }) => e.field)).toContain(
      'body.overrides.clocks.onsite.byZone.same-city.2',
    );
    const endsEarly = await request(t.app)
      .patch('/api/v1/contracts/K-SCHOOL-C')
      .send({ endsOn: '2027-08-31' });
    expect(endsEarly.status).toBe(422);
    expect(endsEarly.body.errors[0].field).toBe('body.endsOn');
    const moved = await request(t.app).patch('/api/v1/contracts/K-SCHOOL-C').send({ customerId: 'C-HOSP' });
    expect(moved.status).toBe(422);
    const stored = await t.db('contracts').where({ id: 'K-SCHOOL-C' }).first();
    expect([stored.profile_id, stored.ends_on, stored.customer_id]).toEqual(['plan-5', null, 'C-SCHOOL']);
  });

  it('answers 409 for a duplicate, 404 for an unknown id and 4xx for bad queries; deletes', async () => {
    expect((await request(t.app).post('/api/v1/contracts').send(hospitalA)).status).toBe(409);
    expect((await request(t.app).get('/api/v1/contracts/NOPE')).status).toBe(404);
    expect((await request(t.app).get('/api/v1/contracts/NOPE/effective-profile')).status).toBe(404);
    expect((await request(t.app).patch('/api/v1/contracts/NOPE').send({ tier: 'A' })).status).toBe(404);
    expect((await request(t.app).get('/api/v1/contracts?activeOn=soon')).status).toBe(422);
    expect((await request(t.app).get('/api/v1/contracts?tier=Z')).status).toBe(422);
    expect((await request(t.app).delete('/api/v1/contracts/K-HOSP-OLD').set('X-Actor', 'sales')).status).toBe(
      204,
    );
    expect(await t.db('contracts').where({ id: 'K-HOSP-OLD' })).toHaveLength(0);
    expect((await request(t.app).delete('/api/v1/contracts/K-HOSP-OLD')).status).toBe(404);
  });
});
