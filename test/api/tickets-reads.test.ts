import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aCustomer, aPart, aSite } from '../support/fixtures.ts';
import { aContract, aTicketWorld } from '../tickets/fixtures.ts';

const NOW = '2026-11-30T08:00:00+08:00';

interface ClockView {
  clock: string;
  status: string;
  remainingMinutes: number;
  due: string;
}
interface TicketView {
  id: string;
  level: number;
  clocks: ClockView[];
  nextDueAt: string | null;
}

describe('ticket reads, views and edits', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof aTicketWorld>>;
  beforeAll(async () => {
    t = await createTestApp(NOW);
    world = await aTicketWorld(t.db);
    // A tier-C customer whose contract promises on-site times that depend on the level.
    const customerId = await aCustomer(t.db, 'C-FARM');
    await aSite(t.db, 'S-FARM', { customerId, zoneId: world.zoneId });
    await aContract(t.db, 'K-FARM', {
      customerId,
      tier: 'C',
      overrides: { clocks: { onsite: { byZone: { 'same-city': { '1': 120, '2': 240, '3': 480 } } } } },
    });
    await aPart(t.db, 'P-FAN', { fits: [world.modelId] });
  });
  afterAll(() => t.destroy());

  const report = async (body: object) =>
    (await request(t.app).post('/api/v1/tickets').send(body).expect(201)).body as TicketView;
  const move = (id: string, body: object) =>
    request(t.app).post(`/api/v1/tickets/${id}/transitions`).send(body).expect(200);
  const get = async (id: string) =>
    (await request(t.app).get(`/api/v1/tickets/${id}`).expect(200)).body as TicketView;
  const clock = (ticket: TicketView, name: string) => ticket.clocks.find((c) => c.clock === name)!;
  const ids = (res: { body: { items: TicketView[] } }) => res.body.items.map((item) => item.id);

  it('evaluates the stored clocks at the service clock: running, at risk, breached, met', async () => {
    t.setNow(NOW);
    const late = await report({ siteId: 'S-0001', level: 2 });
    const prompt = await report({ siteId: 'S-0001', level: 2 });
    t.setNow('2026-11-30T08:05:00+08:00');
    expect(clock(await get(late.id), 'acknowledge')).toMatchObject({
      status: 'running',
      remainingMinutes: 5,
    });
    await move(prompt.id, { to: 'acknowledged' });

    // Ten minutes' budget, at risk with less than a quarter of it left.
    t.setNow('2026-11-30T08:08:00+08:00');
    expect(clock(await get(late.id), 'acknowledge')).toMatchObject({
      status: 'at-risk',
      remainingMinutes: 2,
    });
    expect(clock(await get(prompt.id), 'acknowledge')).toMatchObject({ status: 'met', remainingMinutes: 5 });
    expect(ids(await request(t.app).get('/api/v1/tickets/views/at-risk').expect(200))).toEqual([late.id]);
    expect(ids(await request(t.app).get('/api/v1/tickets/views/breached').expect(200))).toEqual([]);

    t.setNow('2026-11-30T08:11:00+08:00');
    expect(clock(await get(late.id), 'acknowledge')).toMatchObject({
      status: 'breached',
      remainingMinutes: -1,
    });
    expect(ids(await request(t.app).get('/api/v1/tickets/views/breached').expect(200))).toEqual([late.id]);
    expect(ids(await request(t.app).get('/api/v1/tickets/views/at-risk').expect(200))).toEqual([]);

    // Acknowledged late, the clock stays breached; stopped, it no longer counts down.
    t.setNow('2026-11-30T08:12:00+08:00');
    await move(late.id, { to: 'acknowledged' });
    t.setNow('2026-11-30T09:00:00+08:00');
    expect(clock(await get(late.id), 'acknowledge')).toMatchObject({
      status: 'breached',
      remainingMinutes: -2,
    });
    expect(ids(await request(t.app).get('/api/v1/tickets/views/breached').expect(200))).toEqual([late.id]);

    // With 15 of 120 minutes left, arrange and on-site are at risk on both tickets.
    t.setNow('2026-11-30T09:45:00+08:00');
    const atRisk = await request(t.app).get('/api/v1/tickets/views/at-risk?sort=id').expect(200);
    expect(ids(atRisk)).toEqual([late.id, prompt.id]);
    expect(clock(atRisk.body.items[1], 'onsite')).toMatchObject({ status: 'at-risk', remainingMinutes: 15 });
    // A closed or cancelled ticket is in no view.
    await move(prompt.id, { to: 'cancelled' });
    expect(ids(await request(t.app).get('/api/v1/tickets/views/at-risk').expect(200))).toEqual([late.id]);
    await move(late.id, { to: 'cancelled' });
    t.setNow(NOW);
  });

  it('filters, sorts and pages the list', async () => {
    t.setNow('2026-11-30T07:00:00+08:00');
    const a = await report({
      siteId: 'S-0001',
      equipmentId: 'EQ-1',
      level: 3,
      reportedAt: '2026-11-30T06:00:00+08:00',
    });
    const b = await report({ siteId: 'S-FARM', level: 1, reportedAt: '2026-11-30T06:30:00+08:00' });
    const c = await report({
      siteId: 'S-0001',
      level: 2,
      kind: 'question',
      reportedAt: '2026-11-30T05:00:00+08:00',
    });
    await move(a.id, { to: 'acknowledged' });
    await move(a.id, { to: 'assigned', engineerId: 'E-1' });
    await move(c.id, { to: 'acknowledged' });
    await move(c.id, { to: 'resolved' });
    await move(c.id, { to: 'closed' });
    const list = (query: string) => request(t.app).get(`/api/v1/tickets?${query}`).expect(200);

    expect(ids(await list('open=true&sort=reportedAt'))).toEqual([a.id, b.id]);
    expect(ids(await list('open=false'))).toContain(c.id);
    expect(ids(await list('status=assigned,closed&sort=id'))).toEqual([a.id, c.id]);
    expect(ids(await list('engineerId=E-1'))).toEqual([a.id]);
    expect(ids(await list('tier=C'))).toEqual([b.id]);
    expect(ids(await list('customerId=C-FARM'))).toEqual([b.id]);
    expect(ids(await list('siteId=S-FARM&level=1'))).toEqual([b.id]);
    expect(ids(await list('level=3'))).toEqual([a.id]);

    // Soonest running due time first; a ticket with no running clock comes last.
    const open = [a, b, c].map((ticket) => ticket.id);
    const byDue = ids(await list('sort=nextDue&limit=500')).filter((id) => open.includes(id));
    expect(byDue).toEqual([b.id, a.id, c.id]);
    expect((await get(c.id)).nextDueAt).toBeNull();
    const byLevel = ids(await list('sort=-level&limit=500')).filter((id) => open.includes(id));
    expect(byLevel).toEqual([a.id, c.id, b.id]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: TicketView[]; nextCursor: string | null } } = await list(
        `sort=-reportedAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await t.db('tickets').orderBy([
      { column: 'reported_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    expect(seen).toEqual(all.map((row) => row.id));
    t.setNow(NOW);
  });

  it('rejects bad queries and ids with a problem naming the field', async () => {
    const cases: Array<[string, string, number]> = [
      ['/api/v1/tickets?level=4', 'query.level', 422],
      ['/api/v1/tickets?status=flying', 'query.status[0]', 422],
      ['/api/v1/tickets?sort=mood', 'query.sort', 422],
      ['/api/v1/tickets?clockStatus=late', 'query.clockStatus', 422],
      ['/api/v1/tickets?open=yes', 'query.open', 422],
      ['/api/v1/tickets?limit=0', 'query.limit', 422],
      ['/api/v1/tickets?cursor=bm9wZQ', 'query.cursor', 400],
      ['/api/v1/tickets/T-999999', 'params.id', 404],
      ['/api/v1/tickets/%24bad', 'params.id', 422],
    ];
    for (const [url, field, status] of cases) {
      const res = await request(t.app).get(url);
      expect(res.status, url).toBe(status);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('edits description, parts and level, re-computing the clocks and recording the change', async () => {
    const ticket = await report({ siteId: 'S-FARM', level: 1, description: 'no power' });
    expect(clock(ticket, 'onsite').due).toBe('2026-11-30T02:00:00.000Z');
    const patched = await request(t.app)
      .patch(`/api/v1/tickets/${ticket.id}`)
      .set('X-Actor', 'dispatcher')
      .send({
        level: 3,
        description: 'no power to the pump',
        parts: [{ skuId: 'P-FAN', qty: 1 }],
        version: 1,
      })
      .expect(200);
    expect(patched.body).toMatchObject({
      level: 3,
      minSkillLevel: 1,
      description: 'no power to the pump',
      parts: [{ skuId: 'P-FAN', qty: 1 }],
      version: 2,
    });
    expect(clock(patched.body, 'onsite').due).toBe('2026-11-30T08:00:00.000Z');
    const events = await request(t.app).get(`/api/v1/tickets/${ticket.id}/events`).expect(200);
    expect(events.body.items[1]).toMatchObject({
      type: 'updated',
      actor: 'dispatcher',
      data: {
        before: { level: 1, description: 'no power', parts: [] },
        after: { level: 3, description: 'no power to the pump', parts: [{ skuId: 'P-FAN', qty: 1 }] },
      },
    });

    const before = await t.db('tickets').where({ id: ticket.id }).first();
    const bad: Array<[object, string, number]> = [
      [{}, 'body', 422],
      [{ version: 2 }, 'body', 422],
      [{ level: 4 }, 'body.level', 422],
      [{ parts: [{ skuId: 'P-NOPE', qty: 1 }] }, 'body.parts[0].skuId', 422],
      [{ description: 'd'.repeat(5001) }, 'body.description', 422],
      [{ status: 'closed' }, 'body', 422],
      [{ level: 2, version: 1 }, 'body.version', 409],
    ];
    for (const [body, field, status] of bad) {
      const res = await request(t.app).patch(`/api/v1/tickets/${ticket.id}`).send(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await t.db('tickets').where({ id: ticket.id }).first()).toEqual(before);

    await move(ticket.id, { to: 'cancelled' });
    const closed = await request(t.app)
      .patch(`/api/v1/tickets/${ticket.id}`)
      .send({ description: 'late edit' });
    expect(closed.status).toBe(409);
    expect((await request(t.app).patch('/api/v1/tickets/T-999999').send({ level: 2 })).status).toBe(404);
  });
});
