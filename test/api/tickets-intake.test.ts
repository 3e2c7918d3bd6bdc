import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aCustomer, anOffice, aSite, aZone } from '../support/fixtures.ts';
import { aContract, anEquipment, aTicketWorld } from '../tickets/fixtures.ts';

const NOW = '2026-11-30T08:00:00+08:00';

describe('POST /api/v1/tickets', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof aTicketWorld>>;
  beforeAll(async () => {
    t = await createTestApp(NOW);
    world = await aTicketWorld(t.db);
  });
  afterAll(() => t.destroy());

  const fault = {
    siteId: 'S-0001',
    equipmentId: 'EQ-1',
    level: 1,
    kind: 'fault',
    faultCode: 'E-PSU',
    component: 'main-unit',
    cause: 'normal-use',
    description: 'Server down, HIS unavailable',
    parts: [{ skuId: 'P-PSU-650', qty: 2 }],
    needsSpareUnit: true,
  };
  const post = (body: unknown, key?: string) => {
    const req = request(t.app).post('/api/v1/tickets').set('X-Actor', 'hotline');
    if (key) req.set('Idempotency-Key', key);
    return req.send(body as object);
  };
  const counts = async () => {
    const [tickets, clocks, events, parts] = await Promise.all(
      ['tickets', 'ticket_clocks', 'ticket_events', 'ticket_parts'].map((table) =>
        t.db(table).count({ n: '*' }).first(),
      ),
    );
    return [tickets, clocks, events, parts].map((row) => Number(row!.n));
  };
  const resolve = async (id: string) => {
    await request(t.app).post(`/api/v1/tickets/${id}/transitions`).send({ to: 'acknowledged' }).expect(200);
    await request(t.app)
      .post(`/api/v1/tickets/${id}/transitions`)
      .send({ to: 'assigned', engineerId: 'E-1' })
      .expect(200);
    for (const to of ['en_route', 'on_site', 'resolved'])
      await request(t.app).post(`/api/v1/tickets/${id}/transitions`).send({ to }).expect(200);
  };

  it('derives every field from the site, its contract and the device, and stores the clocks', async () => {
    const res = await post(fault);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      siteId: 'S-0001',
      customerId: world.customerId,
      contractId: world.contractId,
      equipmentId: 'EQ-1',
      tier: 'A',
      zoneKind: 'same-city',
      kind: 'fault',
      level: 1,
      status: 'reported',
      reportedAt: '2026-11-30T00:00:00.000Z',
      reportedBy: 'hotline',
      skill: 'his-server',
      minSkillLevel: 2,
      serviceMinutes: 60,
      needsSpareUnit: true,
      spareUnitModelId: 'HIS-R740',
      requiresReplacement: false,
      replacementReason: null,
      warranty: { decision: 'free' },
      assignedEngineerId: null,
      parts: [{ skuId: 'P-PSU-650', qty: 2 }],
      nextDueAt: '2026-11-30T00:10:00.000Z',
      version: 1,
    });
    // Plan 5, tier A, same city: acknowledge 10 min, arrange 2 h, on site 2 h, spare unit 4 h.
    const clocks = Object.fromEntries(
      (res.body.clocks as Array<{ clock: string; due: string; status: string; budgetMinutes: number }>).map(
        (c) => [c.clock, [c.due, c.budgetMinutes, c.status]],
      ),
    );
    expect(clocks).toEqual({
      acknowledge: ['2026-11-30T00:10:00.000Z', 10, 'running'],
      arrange: ['2026-11-30T02:00:00.000Z', 120, 'running'],
      onsite: ['2026-11-30T02:00:00.000Z', 120, 'running'],
      spareUnit: ['2026-11-30T04:00:00.000Z', 240, 'running'],
    });
    const stored = await t.db('ticket_clocks').where('ticket_id', res.body.id).orderBy('clock');
    expect(stored.map((row) => [row.clock, row.calendar, row.at_risk_share])).toEqual([
      ['acknowledge', '7x24', 0.25],
      ['arrange', '7x24', 0.25],
      ['onsite', '7x24', 0.25],
      ['spareUnit', '7x24', 0.25],
    ]);
    const events = await request(t.app).get(`/api/v1/tickets/${res.body.id}/events`).expect(200);
    expect(events.body.items).toMatchObject([
      {
        type: 'reported',
        fromStatus: null,
        toStatus: 'reported',
        actor: 'hotline',
        at: '2026-11-30T00:00:00.000Z',
      },
    ]);
  });

  it('starts only the clocks of the kind, and runs working-days clocks on the holiday calendar', async () => {
    const question = await post({ siteId: 'S-0001', level: 3, kind: 'question' }).expect(201);
    expect(question.body.clocks.map((c: { clock: string }) => c.clock).sort()).toEqual([
      'acknowledge',
      'answer',
    ]);
    expect(question.body).toMatchObject({
      skill: null,
      minSkillLevel: 1,
      warranty: null,
      needsSpareUnit: false,
    });

    // Reported Wednesday 30 September 2026, before the National Day week (1 to 7 October); the
    // third working day after is Saturday 10 October, a make-up working day.
    const complex = await post({
      siteId: 'S-0001',
      level: 2,
      kind: 'complex',
      reportedAt: '2026-09-30T10:00:00+08:00',
    }).expect(201);
    const clock = complex.body.clocks.find((c: { clock: string }) => c.clock === 'complex');
    expect(clock).toMatchObject({ calendar: 'working-days', due: '2026-10-10T02:00:00.000Z' });

    // A holiday added to calendar_days moves the next complex ticket's due time by a day.
    await t.db('calendar_days').insert({ day: '2026-12-01', kind: 'holiday', name: 'test closure' });
    const later = await post({ siteId: 'S-0001', level: 2, kind: 'complex' }).expect(201);
    const due = later.body.clocks.find((c: { clock: string }) => c.clock === 'complex').due;
    expect(due).toBe('2026-12-04T00:00:00.000Z');
    await t.db('calendar_days').where('day', '2026-12-01').delete();
  });

  it('decides the warranty per component, cause and contract policy', async () => {
    const decision = async (body: object) =>
      (await post({ ...fault, needsSpareUnit: false, ...body })).body.warranty;
    expect((await decision({ component: 'main-unit' })).decision).toBe('free');
    expect(await decision({ component: 'electrical' })).toEqual({
      decision: 'parts-and-labour',
      reason:
        'electrical warranty ended 2026-06-30; the contract charges parts and labour at the published rate',
    });
    expect((await decision({ component: 'main-unit', cause: 'user-damage' })).decision).toBe('not-covered');
    expect(await decision({ component: null })).toBeNull();

    const customerId = await aCustomer(t.db, 'C-SCHOOL');
    await aSite(t.db, 'S-SCHOOL', { customerId, zoneId: world.zoneId });
    await aContract(t.db, 'K-SCHOOL', { customerId, tier: 'B', policy: 'parts-at-cost-no-labour' });
    await anEquipment(t.db, 'EQ-SCHOOL', { siteId: 'S-SCHOOL', components: { electrical: '2026-01-31' } });
    const school = await post({
      ...fault,
      siteId: 'S-SCHOOL',
      equipmentId: 'EQ-SCHOOL',
      component: 'electrical',
    });
    expect(school.body).toMatchObject({ tier: 'B', warranty: { decision: 'parts-only' } });
  });

  it('asks for a replacement unit on the fourth ticket of a fault repaired three times', async () => {
    await anEquipment(t.db, 'EQ-3X', { siteId: 'S-0001' });
    const body = { siteId: 'S-0001', equipmentId: 'EQ-3X', level: 2, faultCode: 'E-FAN' };
    const earlier: string[] = [];
    for (let repair = 1; repair <= 3; repair++) {
      const ticket = await post(body).expect(201);
      expect(ticket.body.requiresReplacement).toBe(false);
      earlier.push(ticket.body.id);
    }
    await resolve(earlier[0]!);
    await resolve(earlier[1]!);
    // The third ticket is still open: two repairs so far, so no replacement yet.
    expect((await post(body).expect(201)).body.requiresReplacement).toBe(false);
    await resolve(earlier[2]!);

    const fourth = await post({ ...body, faultCode: ' e-fan ' }).expect(201);
    expect(fourth.body).toMatchObject({
      requiresReplacement: true,
      needsSpareUnit: true,
      spareUnitModelId: 'HIS-R740',
    });
    expect(fourth.body.replacementReason).toContain(`after 3 repairs (${earlier.join(', ')})`);
    expect(fourth.body.clocks.map((c: { clock: string }) => c.clock)).toContain('spareUnit');
    const otherFault = await post({ ...body, faultCode: 'E-DISK' }).expect(201);
    expect(otherFault.body).toMatchObject({ requiresReplacement: false, needsSpareUnit: false });
  });

  it('gives a retry with the same key and body the original ticket, and refuses the key for another body', async () => {
    const [before] = await counts();
    const first = await post(fault, 'retry-1').expect(201);
    const again = await post(fault, 'retry-1');
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    // The same request with its keys in another order and a default left out is a retry too.
    const { kind: _kind, ...withoutKind } = fault;
    const reordered = Object.fromEntries(Object.entries(withoutKind).reverse());
    expect((await post(reordered, 'retry-1').expect(200)).body.id).toBe(first.body.id);
    const other = await post({ ...fault, level: 2 }, 'retry-1');
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({
      code: 'idempotency-key-reused',
      errors: [{ field: 'headers.idempotency-key' }],
    });
    const [after] = await counts();
    expect(after).toBe(before! + 1);
  });

  it('creates one ticket for fifty concurrent requests with the same key', async () => {
    const [before] = await counts();
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(fault, 'storm-1')));
    expect(responses.map((r) => r.status).sort()).toEqual([...Array(49).fill(200), 201]);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const [after] = await counts();
    expect(after).toBe(before! + 1);
    expect(await t.db('tickets').where('idempotency_key', 'storm-1').count({ n: '*' }).first()).toEqual({
      n: 1,
    });
  });

  it('rejects bad input with a problem naming the field, and writes nothing', async () => {
    await anOffice(t.db, 'O-CTU');
    await aZone(t.db, 'Z-CUSTOM', 'R-SC', 'custom');
    const noContract = await aCustomer(t.db, 'C-NOCONTRACT');
    await aSite(t.db, 'S-NOCONTRACT', { customerId: noContract, zoneId: world.zoneId });
    await aSite(t.db, 'S-CUSTOM', { customerId: world.customerId, zoneId: 'Z-CUSTOM' });
    await anEquipment(t.db, 'EQ-RETIRED', { siteId: 'S-0001', active: false });
    await anEquipment(t.db, 'EQ-ELSEWHERE', { siteId: 'S-SCHOOL' });
    const before = await counts();
    const cases: Array<[unknown, string, number?]> = [
      [{ ...fault, siteId: 'S-NOPE' }, 'body.siteId'],
      [{ ...fault, siteId: 'O-CTU' }, 'body.siteId'],
      [{ ...fault, siteId: 'S-NOCONTRACT', equipmentId: undefined }, 'body.siteId'],
      [{ ...fault, siteId: 'S-CUSTOM', equipmentId: undefined, needsSpareUnit: false }, 'body.siteId'],
      [{ ...fault, siteId: '../etc/passwd' }, 'body.siteId'],
      [{ ...fault, level: 4 }, 'body.level'],
      [{ ...fault, level: 0 }, 'body.level'],
      [{ ...fault, level: '1' }, 'body.level'],
      [{ ...fault, level: 1.5 }, 'body.level'],
      [{ ...fault, kind: 'miracle' }, 'body.kind'],
      [{ ...fault, cause: 'gremlins' }, 'body.cause'],
      [{ ...fault, needsSpareUnit: 'yes' }, 'body.needsSpareUnit'],
      [{ ...fault, reportedAt: '2026-11-30T09:00:00+08:00' }, 'body.reportedAt'],
      [{ ...fault, reportedAt: '30/11/2026' }, 'body.reportedAt'],
      [{ ...fault, description: 'x'.repeat(5001) }, 'body.description'],
      [{ ...fault, faultCode: 'E'.repeat(51) }, 'body.faultCode'],
      [{ ...fault, parts: [{ skuId: 'P-PSU-650', qty: 0 }] }, 'body.parts[0].qty'],
      [{ ...fault, parts: [{ skuId: 'P-NOPE', qty: 1 }] }, 'body.parts[0].skuId'],
      [
        {
          ...fault,
          parts: [
            { skuId: 'P-PSU-650', qty: 1 },
            { skuId: 'P-PSU-650', qty: 1 },
          ],
        },
        'body.parts[1].skuId',
      ],
      [{ ...fault, parts: 'P-PSU-650' }, 'body.parts'],
      [{ ...fault, equipmentId: 'EQ-ELSEWHERE' }, 'body.equipmentId'],
      [{ ...fault, equipmentId: 'EQ-RETIRED' }, 'body.equipmentId'],
      [{ ...fault, equipmentId: null }, 'body.needsSpareUnit'],
      [{ ...fault, component: 'flux-capacitor' }, 'body.component'],
      [{ ...fault, surprise: 1 }, 'body'],
      [{ level: 2 }, 'body.siteId'],
      [[fault], 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const malformed = await request(t.app)
      .post('/api/v1/tickets')
      .set('Content-Type', 'application/json')
      .send('{"siteId": "S-0001",');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ field: 'body', message: 'malformed JSON' }]);
    const badKey = await post(fault, 'a key with spaces');
    expect(badKey.status).toBe(400);
    expect(badKey.body.errors[0].field).toBe('headers.idempotency-key');
    expect(await counts()).toEqual(before);
  });
});
