import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aReorderNetwork } from './reorder-fixtures.ts';

interface SuggestionBody {
  id: number;
  locationId: string;
  skuId: string;
  action: string;
  quantity: number;
  fromLocationId: string | null;
  status: string;
  version: number;
  order: { type: string; id: string } | null;
}

/** Ledger consistency: the balance equals the sum of the pair's movements. */
async function ledgerAgrees(t: TestApp, locationId: string, skuId: string) {
  const [sums] = await t
    .db('stock_movements')
    .where({ location_id: locationId, sku_id: skuId })
    .sum({ onHand: 'on_hand_delta', reserved: 'reserved_delta' });
  const balance = await t.db('stock_balances').where({ location_id: locationId, sku_id: skuId }).first();
  expect({ onHand: Number(sums!.onHand), reserved: Number(sums!.reserved) }).toEqual({
    onHand: balance.on_hand,
    reserved: balance.reserved,
  });
  return balance as { on_hand: number; reserved: number };
}

describe('reviewing suggestions and the orders they become', () => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof aReorderNetwork>>;
  let items: SuggestionBody[];
  beforeAll(async () => {
    t = await createTestApp();
    n = await aReorderNetwork(t.db);
    const run = await request(t.app).post('/api/v1/reorder/runs').send({ runKey: 'review' }).expect(201);
    items = (await request(t.app).get(`/api/v1/reorder/suggestions?runId=${run.body.id}`).expect(200)).body
      .items;
  });
  afterAll(() => t.destroy());

  const pick = (locationId: string, skuId: string) =>
    items.find((s) => s.locationId === locationId && s.skuId === skuId)!;

  it('edits a quantity with the current version; a stale version is a 409 and changes nothing', async () => {
    const fan = pick(n.yibin, n.fan);
    const edited = await request(t.app)
      .patch(`/api/v1/reorder/suggestions/${fan.id}`)
      .set('X-Actor', 'mgr.wang')
      .send({ quantity: 15, version: fan.version });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      status: 'edited',
      quantity: 15,
      value: 15 * 120,
      version: fan.version + 1,
    });

    const stale = await request(t.app)
      .patch(`/api/v1/reorder/suggestions/${fan.id}`)
      .send({ quantity: 20, version: fan.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale-version');
    expect(stale.body.errors[0].field).toBe('body.version');
    const now = await request(t.app).get(`/api/v1/reorder/suggestions/${fan.id}`).expect(200);
    expect(now.body.quantity).toBe(15);

    // Whole packs of 5, at least the MOQ of 10.
    const notPacks = await request(t.app)
      .patch(`/api/v1/reorder/suggestions/${fan.id}`)
      .send({ quantity: 12, version: now.body.version });
    expect(notPacks.status).toBe(422);
    expect(notPacks.body.errors[0].field).toBe('body.quantity');
    const bad = await request(t.app).patch(`/api/v1/reorder/suggestions/${fan.id}`).send({ quantity: -1 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.quantity',
      'body.version',
    ]);
    const audit = await t
      .db('audit_events')
      .where({ entity: 'reorder_suggestion', entity_id: String(fan.id) });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['edit', 'mgr.wang']]);
  });

  it('approves a buy into one purchase order, even when two managers approve at once', async () => {
    const fan = pick(n.yibin, n.fan);
    const [a, b] = await Promise.all([
      request(t.app).post(`/api/v1/reorder/suggestions/${fan.id}/approve`).set('X-Actor', 'mgr.a').send({}),
      request(t.app).post(`/api/v1/reorder/suggestions/${fan.id}/approve`).set('X-Actor', 'mgr.b').send({}),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.code).toBe('already-decided');
    const orders = await t.db('purchase_orders').where({ suggestion_id: fan.id });
    expect(orders).toHaveLength(1);
    const winner = a.status === 200 ? a : b;
    expect(winner.body).toMatchObject({
      status: 'approved',
      order: { type: 'purchase_order', id: orders[0].id },
    });

    const po = await request(t.app).get(`/api/v1/reorder/purchase-orders/${orders[0].id}`).expect(200);
    expect(po.body).toMatchObject({
      supplierId: 'SUP-1',
      locationId: n.yibin,
      status: 'open',
      suggestionId: fan.id,
      lines: [{ lineNo: 1, skuId: n.fan, qty: 15, receivedQty: 0, unitCost: 120 }],
    });
  });

  it('receives a purchase order in parts through the ledger, once per receipt key', async () => {
    const [order] = await t.db('purchase_orders').where({ location_id: n.yibin });
    const receive = (receiptKey: string, qty: number) =>
      request(t.app)
        .post(`/api/v1/reorder/purchase-orders/${order.id}/receive`)
        .set('X-Actor', 'clerk.zhao')
        .send({ receiptKey, lines: [{ lineNo: 1, qty }] });

    const first = await receive('GRN-1', 10);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'partially_received', lines: [{ receivedQty: 10 }] });
    expect((await ledgerAgrees(t, n.yibin, n.fan)).on_hand).toBe(10);

    const retried = await receive('GRN-1', 10);
    expect(retried.status).toBe(200);
    expect(retried.body.lines[0].receivedQty).toBe(10);
    expect((await ledgerAgrees(t, n.yibin, n.fan)).on_hand).toBe(10);
    const reused = await receive('GRN-1', 3);
    expect(reused.status).toBe(409);
    expect(reused.body.errors[0].field).toBe('body.receiptKey');

    const tooMany = await receive('GRN-2', 6);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].field).toBe('body.lines[0].qty');

    const rest = await receive('GRN-2', 5);
    expect(rest.body).toMatchObject({ status: 'received', lines: [{ receivedQty: 15 }] });
    expect((await ledgerAgrees(t, n.yibin, n.fan)).on_hand).toBe(15);
    const movements = await t
      .db('stock_movements')
      .where({ reference_type: 'purchase_order', reference_id: order.id });
    expect(movements.map((m) => [m.kind, m.on_hand_delta, m.actor])).toEqual([
      ['receipt', 10, 'clerk.zhao'],
      ['receipt', 5, 'clerk.zhao'],
    ]);
    expect((await receive('GRN-3', 1)).status).toBe(409);
    const audit = await t
      .db('audit_events')
      .where({ entity: 'purchase_order', entity_id: order.id, action: 'receive' });
    expect(audit).toHaveLength(2);
  });

  it('approves a transfer: reserves at the source, ships, and completes through the ledger', async () => {
    const psu = pick(n.yibin, n.psu);
    expect(psu).toMatchObject({ action: 'transfer', fromLocationId: n.chengdu });
    const approved = await request(t.app)
      .post(`/api/v1/reorder/suggestions/${psu.id}/approve`)
      .send({})
      .expect(200);
    const orderId = approved.body.order.id as string;
    expect(approved.body.order.type).toBe('transfer_order');
    expect((await ledgerAgrees(t, n.chengdu, n.psu)).reserved).toBe(psu.quantity);

    const list = await request(t.app)
      .get(`/api/v1/reorder/transfer-orders?locationId=${n.yibin}`)
      .expect(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([orderId]);
    const shipped = await request(t.app).post(`/api/v1/reorder/transfer-orders/${orderId}/ship`).expect(200);
    expect(shipped.body.status).toBe('shipped');
    const done = await request(t.app).post(`/api/v1/reorder/transfer-orders/${orderId}/complete`).expect(200);
    expect(done.body.status).toBe('completed');
    await request(t.app).post(`/api/v1/reorder/transfer-orders/${orderId}/complete`).expect(200);

    expect(await ledgerAgrees(t, n.chengdu, n.psu)).toMatchObject({
      on_hand: 40 - psu.quantity,
      reserved: 0,
    });
    expect(await ledgerAgrees(t, n.yibin, n.psu)).toMatchObject({ on_hand: psu.quantity, reserved: 0 });
    expect((await request(t.app).post(`/api/v1/reorder/transfer-orders/${orderId}/ship`)).status).toBe(409);
  });

  it('rejects only with a reason, and a decided suggestion cannot be decided again', async () => {
    // The donors have nothing to do and are not stored; a stored suggestion with no action is one
    // a manager must still see (4-hour coverage at risk and nothing to order): make one here.
    expect(pick(n.beijing, n.psu)).toBeUndefined();
    const { id: _fanId, ...fanRow } = await t
      .db('reorder_suggestions')
      .where({ id: pick(n.yibin, n.fan).id })
      .first();
    const [{ id: noneId }] = await t
      .db('reorder_suggestions')
      .insert({
        ...fanRow,
        location_id: n.beijing,
        action: 'none',
        quantity: 0,
        value: 0,
        coverage_at_risk: true,
        status: 'proposed',
        reject_reason: null,
        version: 1,
        alerts: JSON.stringify([{ code: 'coverage-at-risk', message: 'nothing can be ordered' }]),
        explanation: JSON.stringify({ decision: 'nothing to order' }),
      })
      .returning('id');
    const donor = { id: Number(noneId) };
    const none = await request(t.app).post(`/api/v1/reorder/suggestions/${donor.id}/approve`).send({});
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('nothing-to-approve');

    for (const body of [{}, { reason: '   ' }]) {
      const res = await request(t.app).post(`/api/v1/reorder/suggestions/${donor.id}/reject`).send(body);
      expect(res.status).toBe(422);
      expect(res.body.errors[0].field).toBe('body.reason');
    }
    const rejected = await request(t.app)
      .post(`/api/v1/reorder/suggestions/${donor.id}/reject`)
      .set('X-Actor', 'mgr.wang')
      .send({ reason: 'stock reserved for a project' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: 'stock reserved for a project' });
    const twice = await request(t.app)
      .post(`/api/v1/reorder/suggestions/${donor.id}/reject`)
      .send({ reason: 'again' });
    expect(twice.status).toBe(409);
    expect((await request(t.app).post('/api/v1/reorder/suggestions/999999/approve').send({})).status).toBe(
      404,
    );
    expect((await request(t.app).get('/api/v1/reorder/suggestions/not-a-number')).status).toBe(422);
  });

  it('creates a purchase order by hand, naming each bad field', async () => {
    const bad = await request(t.app)
      .post('/api/v1/reorder/purchase-orders')
      .send({ locationId: 'NOWHERE', supplierId: 'SUP-X', lines: [{ skuId: 'P-NONE', qty: 2 }] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'body.locationId',
      'body.supplierId',
      'body.lines[0].skuId',
    ]);
    const empty = await request(t.app)
      .post('/api/v1/reorder/purchase-orders')
      .send({ locationId: n.yibin, lines: [] });
    expect(empty.body.errors[0].field).toBe('body.lines');
    const made = await request(t.app)
      .post('/api/v1/reorder/purchase-orders')
      .set('X-Actor', 'mgr.wang')
      .send({ locationId: n.beijing, supplierId: 'SUP-1', lines: [{ skuId: n.psu, qty: 2 }] });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      status: 'open',
      suggestionId: null,
      lines: [{ qty: 2, unitCost: 300 }],
    });
    const open = await request(t.app).get('/api/v1/reorder/purchase-orders?status=open').expect(200);
    expect(open.body.items.map((o: { id: string }) => o.id)).toEqual([made.body.id]);
  });
});
