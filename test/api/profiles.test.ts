import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aCustomer } from '../support/fixtures.ts';

describe('/api/v1/commitment-profiles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await aCustomer(t.db, 'C-HOSP');
  });
  afterAll(() => t.destroy());

  const byDistance = {
    id: 'plan-5-standard',
    name: 'Plan 5: on site by distance from the office',
    definition: {
      clocks: {
        onsite: {
          byZone: {
            'same-city': { '1': 120, '2': 120, '3': 120 },
            surrounding: { '1': 720, '2': 720, '3': 720 },
          },
        },
      },
    },
  };

  it('creates, gets, updates and audits a profile', async () => {
    const created = await request(t.app)
      .post('/api/v1/commitment-profiles')
      .set('X-Actor', 'admin')
      .send(byDistance);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(byDistance);
    const definition = { ...byDistance.definition, atRiskShare: 0.2 };
    const updated = await request(t.app)
      .patch('/api/v1/commitment-profiles/plan-5-standard')
      .send({ definition });
    expect(updated.status).toBe(200);
    expect(updated.body.definition).toEqual(definition);
    expect((await request(t.app).get('/api/v1/commitment-profiles/plan-5-standard')).body.definition).toEqual(
      definition,
    );
    const audit = await t
      .db('audit_events')
      .where({ entity: 'commitment-profile', entity_id: 'plan-5-standard' });
    expect(audit.map((row) => row.action).sort()).toEqual(['create', 'update']);
  });

  it('lists with a search and cursor pagination', async () => {
    await request(t.app)
      .post('/api/v1/commitment-profiles')
      .send({
        id: 'plan-3',
        name: 'Plan 3: on site in 24 h',
        definition: { clocks: { onsite: { anyZone: { '1': 1440, '2': 1440, '3': 1440 } } } },
      })
      .expect(201);
    const first = await request(t.app).get('/api/v1/commitment-profiles?limit=1');
    expect(first.body.items.map((p: { id: string }) => p.id)).toEqual(['plan-3']);
    const next = await request(t.app).get(
      `/api/v1/commitment-profiles?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(next.body).toMatchObject({ items: [{ id: 'plan-5-standard' }], nextCursor: null });
    const search = await request(t.app).get('/api/v1/commitment-profiles?q=24%20h');
    expect(search.body.items.map((p: { id: string }) => p.id)).toEqual(['plan-3']);
  });

  it("validates the definition with the commitment catalog's schema, naming the field, and writes nothing", async () => {
    const cases: Array<[unknown, string]> = [
      [{ clocks: { acknowledge: { byTier: { A: 0 } } } }, 'body.definition.clocks.acknowledge.byTier.A'],
      [{ clocks: { acknowledge: { byTier: { A: 7.5 } } } }, 'body.definition.clocks.acknowledge.byTier.A'],
      [{ atRiskShare: 1.5 }, 'body.definition.atRiskShare'],
      [{ clocks: { lunch: {} } }, 'body.definition.clocks'],
      [
        { clocks: { onsite: { byZone: { mars: { '1': 60, '2': 60, '3': 60 } } } } },
        'body.definition.clocks.onsite.byZone.mars',
      ],
      [
        { clocks: { onsite: { byZone: { 'same-city': { '1': 60 } } } } },
        'body.definition.clocks.onsite.byZone.same-city.2',
      ],
    ];
    for (const [definition, field] of cases) {
      const res = await request(t.app)
        .post('/api/v1/commitment-profiles')
        .send({ id: 'bad', name: 'Bad', definition });
      expect(res.status, JSON.stringify(definition)).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(
      (await request(t.app).post('/api/v1/commitment-profiles').send({ id: 'bad', name: 'Bad' })).status,
    ).toBe(422);
    const badUpdate = await request(t.app)
      .patch('/api/v1/commitment-profiles/plan-3')
      .send({ definition: { clocks: { onsite: { byZone: { mars: { '1': 1, '2': 1, '3': 1 } } } } } });
    expect(badUpdate.status).toBe(422);
    expect(await t.db('commitment_profiles').where({ id: 'bad' })).toHaveLength(0);
    expect(
      (await t.db('commitment_profiles').where({ id: 'plan-3' }).first()).definition.clocks.onsite.anyZone,
    ).toEqual({
      '1': 1440,
      '2': 1440,
      '3': 1440,
    });
  });

  it('refuses a new definition that would leave a contract’s overrides incomplete', async () => {
    await request(t.app)
      .post('/api/v1/contracts')
      .send({
        id: 'K-1',
        customerId: 'C-HOSP',
        profileId: 'plan-5-standard',
        tier: 'A',
        startsOn: '2026-01-01',
        overrides: { clocks: { onsite: { byZone: { 'same-city': { '1': 60 } } } } },
      })
      .expect(201);
    const res = await request(t.app)
      .patch('/api/v1/commitment-profiles/plan-5-standard')
      .send({ definition: { clocks: { onsite: { anyZone: { '1': 600, '2': 600, '3': 600 } } } } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('profile-in-use');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(
      'contracts.K-1.overrides.clocks.onsite.byZone.same-city.2',
    );
    const stored = await t.db('commitment_profiles').where({ id: 'plan-5-standard' }).first();
    expect(stored.definition.clocks.onsite.byZone['same-city']).toEqual({ '1': 120, '2': 120, '3': 120 });
  });

  it('answers 409 for a duplicate or a profile in use, 404 for an unknown id and 4xx for bad queries', async () => {
    expect((await request(t.app).post('/api/v1/commitment-profiles').send(byDistance)).status).toBe(409);
    expect((await request(t.app).get('/api/v1/commitment-profiles/NOPE')).status).toBe(404);
    expect((await request(t.app).patch('/api/v1/commitment-profiles/NOPE').send({ name: 'x' })).status).toBe(
      404,
    );
    expect((await request(t.app).get('/api/v1/commitment-profiles?sort=definition')).status).toBe(422);
    const inUse = await request(t.app).delete('/api/v1/commitment-profiles/plan-5-standard');
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe('still-referenced');
    expect((await request(t.app).delete('/api/v1/commitment-profiles/plan-3')).status).toBe(204);
    expect((await request(t.app).delete('/api/v1/commitment-profiles/plan-3')).status).toBe(404);
  });
});
