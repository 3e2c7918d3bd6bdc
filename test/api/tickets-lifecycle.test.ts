import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_STATUSES, isTransitionAllowed, type TicketStatus } from '../../src/tickets/lifecycle.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { anEngineer, aTicketWorld } from '../tickets/fixtures.ts';

const NOW = '2026-11-30T08:00:00+08:00';
const FAULT_PATH: TicketStatus[] = [
  'reported',
  'acknowledged',
  'assigned',
  'en_route',
  'on_site',
  'resolved',
  'report_filed',
  'closed',
];

describe('ticket lifecycle: /api/v1/tickets/:id/transitions and /events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(NOW);
    await aTicketWorld(t.db);
    await anEngineer(t.db, 'E-2', { 'his-server': 2 });
    await anEngineer(t.db, 'E-JUNIOR', { 'his-server': 1 });
    await anEngineer(t.db, 'E-AV', { av: 3 });
    await anEngineer(t.db, 'E-GONE', { 'his-server': 3 }, { active: false });
  });
  afterAll(() => t.destroy());

  const report = async (body: object = {}) =>
    (
      await request(t.app)
        .post('/api/v1/tickets')
        .send({ siteId: 'S-0001', equipmentId: 'EQ-1', level: 1, faultCode: 'E-PSU', ...body })
        .expect(201)
    ).body as { id: string; version: number };
  const move = (id: string, body: object, actor = 'dispatcher') =>
    request(t.app).post(`/api/v1/tickets/${id}/transitions`).set('X-Actor', actor).send(body);
  const step = (to: TicketStatus) => (to === 'assigned' ? { to, engineerId: 'E-1' } : { to });
  const snapshot = async (id: string) => ({
    ticket: await t.db('tickets').where({ id }).first('status', 'version', 'assigned_engineer_id'),
    events: Number((await t.db('ticket_events').where('ticket_id', id).count({ n: '*' }).first())!.n),
    clocks: await t.db('ticket_clocks').where('ticket_id', id).orderBy('clock').select('clock', 'stopped_at'),
  });
  const clockOf = (body: { clocks: Array<{ clock: string }> }, name: string) =>
    body.clocks.find((c) => c.clock === name) as
      { stoppedAt: string | null; status: string; due: string } | undefined;

  it('walks a fault from report to close, stopping each clock and starting the report clock', async () => {
    const { id } = await report({ needsSpareUnit: true });
    t.setNow('2026-11-30T08:05:00+08:00');
    const acknowledged = await move(id, { to: 'acknowledged', note: 'called back' }).expect(200);
    expect(clockOf(acknowledged.body, 'acknowledge')).toMatchObject({
      stoppedAt: '2026-11-30T00:05:00.000Z',
      status: 'met',
    });
    // Steps recorded after the fact carry the time they happened.
    t.setNow('2026-11-30T10:30:00+08:00');
    const assigned = await move(id, {
      to: 'assigned',
      engineerId: 'E-1',
      at: '2026-11-30T08:20:00+08:00',
    }).expect(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', assignedEngineerId: 'E-1', version: 3 });
    expect(clockOf(assigned.body, 'arrange')).toMatchObject({
      stoppedAt: '2026-11-30T00:20:00.000Z',
      status: 'met',
    });
    await move(id, { to: 'en_route', at: '2026-11-30T09:00:00+08:00' }).expect(200);
    const onSite = await move(id, { to: 'on_site' }).expect(200);
    // On site at 10:30, due at 10:00: stopped, and late.
    expect(clockOf(onSite.body, 'onsite')).toMatchObject({
      stoppedAt: '2026-11-30T02:30:00.000Z',
      status: 'breached',
    });
    const delivered = await request(t.app)
      .post(`/api/v1/tickets/${id}/events`)
      .send({ type: 'spare-unit-delivered', at: '2026-11-30T10:15:00+08:00' })
      .expect(201);
    expect(clockOf(delivered.body, 'spareUnit')).toMatchObject({ status: 'met' });
    expect(clockOf(delivered.body, 'report')).toBeUndefined();
    const resolved = await move(id, { to: 'resolved' }).expect(200);
    // Tier A: the fault analysis report is due 3 working days after the repair (Thursday 3 December).
    expect(clockOf(resolved.body, 'report')).toMatchObject({
      due: '2026-12-03T02:30:00.000Z',
      stoppedAt: null,
      status: 'running',
    });
    const filed = await move(id, { to: 'report_filed' }).expect(200);
    expect(clockOf(filed.body, 'report')).toMatchObject({ status: 'met' });
    const closed = await move(id, { to: 'closed' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', nextDueAt: null, version: 9 });

    const events = await request(t.app).get(`/api/v1/tickets/${id}/events`).expect(200);
    expect(
      events.body.items.map((e: { type: string; fromStatus: string | null; toStatus: string | null }) => [
        e.type,
        e.fromStatus,
        e.toStatus,
      ]),
    ).toEqual([
      ['reported', null, 'reported'],
      ['acknowledged', 'reported', 'acknowledged'],
      ['assigned', 'acknowledged', 'assigned'],
      ['en-route', 'assigned', 'en_route'],
      ['on-site', 'en_route', 'on_site'],
      ['spare-unit-delivered', null, null],
      ['resolved', 'on_site', 'resolved'],
      ['report-filed', 'resolved', 'report_filed'],
      ['closed', 'report_filed', 'closed'],
    ]);
    expect(events.body.items[1]).toMatchObject({ actor: 'dispatcher', data: { note: 'called back' } });
    expect(events.body.items[2].data).toEqual({ engineerId: 'E-1', previousEngineerId: null });
    t.setNow(NOW);
  });

  it('refuses every illegal step of a fault with a 409 that changes nothing', async () => {
    const { id } = await report();
    for (const [index, status] of FAULT_PATH.entries()) {
      if (index > 0) await move(id, step(status)).expect(200);
      const before = await snapshot(id);
      for (const to of TICKET_STATUSES.filter(
        (s) => s !== 'reported' && !isTransitionAllowed('fault', status, s),
      )) {
        const res = await move(id, to === 'assigned' ? { to, engineerId: 'E-1' } : { to });
        expect(res.status, `${status} -> ${to}`).toBe(409);
        expect(res.body).toMatchObject({ code: 'illegal-transition', errors: [{ field: 'body.to' }] });
      }
      expect(await snapshot(id)).toEqual(before);
    }
  });

  it('cancels from every status before resolution, re-assigns, and resolves desk tickets without a visit', async () => {
    for (const [index, status] of FAULT_PATH.slice(0, 5).entries()) {
      const { id } = await report();
      for (const next of FAULT_PATH.slice(1, index + 1)) await move(id, step(next)).expect(200);
      const cancelled = await move(id, { to: 'cancelled', note: 'duplicate report' }).expect(200);
      expect(cancelled.body.status, `cancel from ${status}`).toBe('cancelled');
      await move(id, { to: 'acknowledged' }).expect(409);
    }
    const { id } = await report();
    await move(id, step('acknowledged')).expect(200);
    await move(id, step('assigned')).expect(200);
    await move(id, step('en_route')).expect(200);
    const reassigned = await move(id, { to: 'assigned', engineerId: 'E-2' }).expect(200);
    expect(reassigned.body.assignedEngineerId).toBe('E-2');

    const question = await report({ kind: 'question', equipmentId: undefined });
    await move(question.id, { to: 'acknowledged' }).expect(200);
    await move(question.id, { to: 'en_route' }).expect(409);
    const answered = await move(question.id, { to: 'resolved' }).expect(200);
    expect(clockOf(answered.body, 'answer')).toMatchObject({ status: 'met' });
    expect(clockOf(answered.body, 'report')).toBeUndefined();
    await move(question.id, { to: 'report_filed' }).expect(409);
    await move(question.id, { to: 'closed' }).expect(200);
  });

  it('checks the engineer, the time and the version of a step', async () => {
    const { id } = await report();
    await move(id, { to: 'acknowledged' }).expect(200);
    const before = await snapshot(id);
    const cases: Array<[object, string, number]> = [
      [{ to: 'assigned' }, 'body.engineerId', 422],
      [{ to: 'assigned', engineerId: 'E-NOPE' }, 'body.engineerId', 422],
      [{ to: 'assigned', engineerId: 'E-GONE' }, 'body.engineerId', 422],
      [{ to: 'assigned', engineerId: 'E-AV' }, 'body.engineerId', 422],
      // A level-1 fault needs skill level 2 at least.
      [{ to: 'assigned', engineerId: 'E-JUNIOR' }, 'body.engineerId', 422],
      [{ to: 'en_route', engineerId: 'E-1' }, 'body.engineerId', 422],
      [{ to: 'assigned', engineerId: 'E-1', at: '2026-11-30T09:00:00+08:00' }, 'body.at', 422],
      [{ to: 'assigned', engineerId: 'E-1', at: '2026-11-29T09:00:00+08:00' }, 'body.at', 422],
      [{ to: 'assigned', engineerId: 'E-1', at: 'yesterday' }, 'body.at', 422],
      [{ to: 'assigned', engineerId: 'E-1', version: 1 }, 'body.version', 409],
      [{ to: 'reported' }, 'body.to', 422],
      [{ to: 'teleported' }, 'body.to', 422],
      [{ to: 'assigned', engineerId: 'E-1', surprise: true }, 'body', 422],
      [{ to: 'assigned', engineerId: 'E-1', note: 'n'.repeat(2001) }, 'body.note', 422],
    ];
    for (const [body, field, status] of cases) {
      const res = await move(id, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await snapshot(id)).toEqual(before);
    await move(id, { to: 'assigned', engineerId: 'E-1', version: 2 }).expect(200);

    const malformed = await request(t.app)
      .post(`/api/v1/tickets/${id}/transitions`)
      .set('Content-Type', 'application/json')
      .send('{"to":');
    expect(malformed.status).toBe(400);
    const missing = await move('T-999999', { to: 'acknowledged' });
    expect(missing.status).toBe(404);
    const badId = await request(t.app)
      .post('/api/v1/tickets/%2E%2E%2Fx/transitions')
      .send({ to: 'acknowledged' });
    expect(badId.status).toBe(422);
    expect(badId.body.errors[0].field).toBe('params.id');
    expect((await request(t.app).get('/api/v1/tickets/T-999999/events')).status).toBe(404);
  });

  it('lets only one of several concurrent steps apply', async () => {
    const { id } = await report();
    const same = await Promise.all(Array.from({ length: 6 }, () => move(id, { to: 'acknowledged' })));
    expect(same.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    // Each of these is legal after the others, so only the version tells a lost update apart.
    const racing = await Promise.all([
      move(id, { to: 'cancelled', version: 2 }),
      move(id, { to: 'assigned', engineerId: 'E-1', version: 2 }),
      move(id, { to: 'assigned', engineerId: 'E-2', version: 2 }),
    ]);
    expect(racing.filter((r) => r.status === 200)).toHaveLength(1);
    expect(racing.filter((r) => r.status === 409)).toHaveLength(2);
    const events = await request(t.app).get(`/api/v1/tickets/${id}/events`).expect(200);
    expect(events.body.items).toHaveLength(3);
    const ticket = await t.db('tickets').where({ id }).first();
    expect(ticket.version).toBe(3);
  });

  it('records spare-unit deliveries only for tickets that need one, and notes on any ticket', async () => {
    const { id } = await report();
    const refused = await request(t.app)
      .post(`/api/v1/tickets/${id}/events`)
      .send({ type: 'spare-unit-delivered' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('no-spare-unit');
    const noted = await request(t.app)
      .post(`/api/v1/tickets/${id}/events`)
      .set('X-Actor', 'hotline')
      .send({ type: 'note', note: 'customer called again' })
      .expect(201);
    expect(noted.body.version).toBe(2);
    const bad = await request(t.app).post(`/api/v1/tickets/${id}/events`).send({ type: 'exploded' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('body.type');
    const early = await request(t.app)
      .post(`/api/v1/tickets/${id}/events`)
      .send({ type: 'note', at: '2026-11-01T00:00:00Z' });
    expect(early.status).toBe(422);
    expect(early.body.errors[0].field).toBe('body.at');
    const events = await request(t.app).get(`/api/v1/tickets/${id}/events`).expect(200);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['reported', 'note']);
  });
});
