import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { someStock } from '../support/fixtures.ts';
import {
  aDispatchDay,
  aFaultNeedingThePart,
  aSolvedPlan,
  ledgerInconsistencies,
} from './dispatch-fixtures.ts';

const NOW = '2026-11-30T08:30:00+08:00';

/** What a commit writes, counted, so a refused commit can be shown to have written nothing. */
async function written(t: TestApp) {
  const count = async (table: string, where: object = {}) =>
    Number((await t.db(table).where(where).count({ n: '*' }).first())!.n);
  return {
    assignments: await count('dispatch_assignments'),
    movements: await count('stock_movements'),
    ticketEvents: await count('ticket_events'),
    audit: await count('audit_events', { entity: 'dispatch_plan' }),
    tickets: await t.db('tickets').orderBy('id').select('id', 'status', 'version', 'assigned_engineer_id'),
    balances: await t.db('stock_balances').orderBy(['location_id', 'sku_id']).select('*'),
  };
}

describe('POST /api/v1/dispatch/plans/:id/commit', () => {
  let t: TestApp;
  afterEach(async () => {
    await t.services.dispatchPlans.close();
    await t.destroy();
  });

  it('assigns the tickets, reserves the stock the plan takes, records assignments and audit, once', async () => {
    t = await createTestApp(NOW);
    await aDispatchDay(t.db, { units: 1 });
    const ticketId = await aFaultNeedingThePart(t);
    const plan = await aSolvedPlan(t);
    expect(plan.status).toBe('solved');

    const res = await request(t.app)
      .post(`/api/v1/dispatch/plans/${plan.id}/commit`)
      .set('X-Actor', 'dispatcher-1')
      .expect(200);
    expect(res.body).toMatchObject({
      id: plan.id,
      status: 'committed',
      assignments: 1,
      ticketsAssigned: 1,
      reservations: [{ ticketId, locationId: 'D-CTU', skuId: 'P-PSU-650', qty: 1 }],
    });

    const ticket = (await request(t.app).get(`/api/v1/tickets/${ticketId}`).expect(200)).body;
    expect(ticket).toMatchObject({ status: 'assigned', assignedEngineerId: 'E-1' });
    const events = (await request(t.app).get(`/api/v1/tickets/${ticketId}/events`).expect(200)).body.items;
    expect(events.map((e: { toStatus: string | null }) => e.toStatus).filter(Boolean)).toEqual([
      'reported',
      'acknowledged',
      'assigned',
    ]);
    const balance = (await request(t.app).get('/api/v1/stock/balances/D-CTU/P-PSU-650').expect(200)).body;
    expect(balance).toMatchObject({ onHand: 1, reserved: 1, available: 0 });
    const reservation = await t.db('stock_movements').where({ kind: 'reservation' }).first();
    expect(reservation).toMatchObject({
      reference_type: 'ticket',
      reference_id: ticketId,
      actor: 'dispatcher-1',
    });
    const assignments = await t.db('dispatch_assignments').where({ plan_id: plan.id });
    expect(assignments).toEqual([
      expect.objectContaining({ ticket_id: ticketId, engineer_id: 'E-1', sequence: 0, pinned: false }),
    ]);
    expect(await t.db('audit_events').where({ entity: 'dispatch_plan', entity_id: plan.id })).toHaveLength(1);
    const stored = (await request(t.app).get(`/api/v1/dispatch/plans/${plan.id}`).expect(200)).body;
    expect(stored).toMatchObject({ status: 'committed', committedAt: expect.any(String) });

    const before = await written(t);
    const again = await request(t.app).post(`/api/v1/dispatch/plans/${plan.id}/commit`).expect(409);
    expect(again.body).toMatchObject({ code: 'plan-already-committed', errors: [{ field: 'params.id' }] });
    expect(await written(t)).toEqual(before);
    expect(await ledgerInconsistencies(t.db)).toEqual([]);
  });

  it('refuses with 409 and writes nothing when the stock the plan takes changed since the snapshot', async () => {
    t = await createTestApp(NOW);
    const day = await aDispatchDay(t.db, { units: 1 });
    await aFaultNeedingThePart(t);
    const plan = await aSolvedPlan(t);
    // A receipt at the depot moves the balance's version on (more stock, but not what was planned with).
    await someStock(t.db, day.depotId, day.partId, 1);

    const before = await written(t);
    const res = await request(t.app).post(`/api/v1/dispatch/plans/${plan.id}/commit`).expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'plan-stale',
      errors: [{ field: 'stockVersions.D-CTU:P-PSU-650', message: expect.stringContaining('version 1 → 2') }],
    });
    expect(await written(t)).toEqual(before);
    const stored = (await request(t.app).get(`/api/v1/dispatch/plans/${plan.id}`).expect(200)).body;
    expect(stored.status).toBe('stale');
    expect(
      (await request(t.app).post(`/api/v1/dispatch/plans/${plan.id}/commit`).expect(409)).body.code,
    ).toBe('plan-stale');
  });

  it('refuses when an engineer or a ticket the plan uses changed since the snapshot', async () => {
    t = await createTestApp(NOW);
    await aDispatchDay(t.db, { units: 2 });
    const ticketId = await aFaultNeedingThePart(t);
    const first = await aSolvedPlan(t);
    await t.db('engineers').where({ id: 'E-1' }).update({ max_jobs_per_day: 5 });
    const engineerChanged = await request(t.app)
      .post(`/api/v1/dispatch/plans/${first.id}/commit`)
      .expect(409);
    expect(engineerChanged.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'engineerVersions.E-1',
    ]);

    const second = await aSolvedPlan(t);
    await request(t.app)
      .patch(`/api/v1/tickets/${ticketId}`)
      .send({ description: 'customer called again' })
      .expect(200);
    const ticketChanged = await request(t.app).post(`/api/v1/dispatch/plans/${second.id}/commit`).expect(409);
    expect(ticketChanged.body.errors.map((e: { field: string }) => e.field)).toEqual([
      `ticketVersions.${ticketId}`,
    ]);
    expect(await t.db('dispatch_assignments')).toEqual([]);
    expect(await t.db('stock_movements').where({ kind: 'reservation' })).toEqual([]);
  });

  it('lets exactly one of two plans that both want the last unit commit, and keeps the ledger whole', async () => {
    t = await createTestApp(NOW);
    await aDispatchDay(t.db, { units: 1 });
    await aFaultNeedingThePart(t);
    const [a, b] = [
      await aSolvedPlan(t, { timeLimitMs: 200, seed: 1 }),
      await aSolvedPlan(t, { timeLimitMs: 200, seed: 2 }),
    ];
    for (const plan of [a, b])
      expect(plan.plan.assignments[0].parts[0]).toMatchObject({ from: 'D-CTU', sku: 'P-PSU-650' });

    const answers = await Promise.all(
      [a, b].map((plan) => request(t.app).post(`/api/v1/dispatch/plans/${plan.id}/commit`)),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
    expect(answers.find((res) => res.status === 409)!.body.code).toMatch(
      /^plan-stale$|^stale-stock$|^insufficient-stock$/,
    );
    const balance = await t.db('stock_balances').where({ location_id: 'D-CTU', sku_id: 'P-PSU-650' }).first();
    expect(balance).toMatchObject({ on_hand: 1, reserved: 1 });
    expect(await t.db('stock_movements').where({ kind: 'reservation' })).toHaveLength(1);
    expect(await t.db('dispatch_assignments')).toHaveLength(1);
    expect(await ledgerInconsistencies(t.db)).toEqual([]);
  });
  it('commits one plan once when the same commit arrives eight times at the same moment', async () => {
    t = await createTestApp(NOW);
    await aDispatchDay(t.db, { units: 1 });
    await aFaultNeedingThePart(t);
    const plan = await aSolvedPlan(t);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => request(t.app).post(`/api/v1/dispatch/plans/${plan.id}/commit`)),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(7);
    expect(await t.db('stock_movements').where({ kind: 'reservation' })).toHaveLength(1);
    expect(await t.db('dispatch_assignments')).toHaveLength(1);
    expect(await t.db('audit_events').where({ entity: 'dispatch_plan' })).toHaveLength(1);
    expect(await ledgerInconsistencies(t.db)).toEqual([]);
  });
});
