import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aStockNetwork } from '../support/fixtures.ts';

/**
 * Every stock command, fed bad input: each answer is a 4xx problem+json naming the offending
 * field, never a 500, and nothing is written (no movement, no balance change, no audit entry).
 */
describe('/api/v1/stock commands reject bad input', () => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof aStockNetwork>>;
  let snapshot: () => Promise<unknown>;
  beforeAll(async () => {
    t = await createTestApp();
    n = await aStockNetwork(t.db);
    await request(t.app)
      .post('/api/v1/stock/receipts')
      .send({ lines: [{ locationId: n.depot, skuId: n.psu, qty: 3 }] })
      .expect(201);
    await request(t.app)
      .post('/api/v1/stock/reservations')
      .send({ locationId: n.depot, skuId: n.psu, qty: 1, reference: { type: 'ticket', id: 'T-1' } })
      .expect(201);
    snapshot = async () => ({
      movements: await t.db('stock_movements').count({ n: '*' }),
      audit: await t.db('audit_events').count({ n: '*' }),
      balances: await t.db('stock_balances').orderBy(['location_id', 'sku_id']),
    });
  });
  afterAll(() => t.destroy());

  const ticket = { type: 'ticket', id: 'T-1' };
  const one = () => ({ locationId: n.depot, skuId: n.psu, qty: 1 });
  const wrongQuantities: Array<[unknown, string]> = [
    [0, 'zero'],
    [-1, 'negative'],
    [1.5, 'fractional'],
    ['2', 'a string'],
    [1e12, 'huge'],
    [null, 'null'],
    [undefined, 'missing'],
  ];

  type Case = [path: string, body: unknown, status: number, field: string];
  const cases = (): Case[] => [
    ['receipts', {}, 422, 'body.lines'],
    ['receipts', { lines: [] }, 422, 'body.lines'],
    ['receipts', { lines: Array.from({ length: 501 }, one) }, 422, 'body.lines'],
    ...wrongQuantities.map(([qty]): Case => [
      'receipts',
      { lines: [{ ...one(), qty }] },
      422,
      'body.lines[0].qty',
    ]),
    ['receipts', { lines: [one(), { ...one(), locationId: 123 }] }, 422, 'body.lines[1].locationId'],
    ['receipts', { lines: [{ ...one(), locationId: '../etc' }] }, 422, 'body.lines[0].locationId'],
    ['receipts', { lines: [{ ...one(), locationId: 'D-NOPE' }] }, 422, 'body.lines[0].locationId'],
    ['receipts', { lines: [{ ...one(), locationId: n.closedDepot }] }, 422, 'body.lines[0].locationId'],
    ['receipts', { lines: [{ ...one(), extra: true }] }, 422, 'body.lines[0]'],
    ['receipts', { lines: [one()], reference: { type: 'bogus', id: 'x' } }, 422, 'body.reference.type'],
    ['receipts', [one()], 422, 'body'],
    ['reservations', one(), 422, 'body.reference'],
    ...wrongQuantities.map(([qty]): Case => [
      'reservations',
      { ...one(), qty, reference: ticket },
      422,
      'body.qty',
    ]),
    ['reservations', { ...one(), skuId: 'P-NOPE', reference: ticket }, 422, 'body.skuId'],
    ['reservations', { ...one(), locationId: n.site, reference: ticket }, 422, 'body.locationId'],
    ['reservations', { ...one(), qty: 3, reference: ticket }, 409, 'body.qty'],
    ['reservations/release', { ...one(), reference: { type: 'ticket', id: 'T-OTHER' } }, 409, 'body.qty'],
    ['reservations/release', { ...one(), qty: 2, reference: ticket }, 409, 'body.qty'],
    ['reservations/release', { ...one(), reference: { type: 'ticket' } }, 422, 'body.reference.id'],
    ['issues', { ...one(), fromReservation: true }, 422, 'body.reference'],
    ['issues', { ...one(), fromReservation: 'yes', reference: ticket }, 422, 'body.fromReservation'],
    ['issues', { ...one(), qty: 3 }, 409, 'body.qty'],
    ['issues', { ...one(), qty: -3 }, 422, 'body.qty'],
    ['transfers', { ...one(), fromLocationId: n.depot, toLocationId: n.depot }, 422, 'body'],
    [
      'transfers',
      { fromLocationId: n.depot, toLocationId: n.depot, skuId: n.psu, qty: 1 },
      422,
      'body.toLocationId',
    ],
    ['transfers', { fromLocationId: n.depot, toLocationId: n.van, qty: 1 }, 422, 'body.skuId'],
    ['transfers', { fromLocationId: n.depot, toLocationId: n.van, skuId: n.psu, qty: 3 }, 409, 'body.qty'],
    [
      'transfers',
      { fromLocationId: n.site, toLocationId: n.van, skuId: n.psu, qty: 1 },
      422,
      'body.fromLocationId',
    ],
    ['returns', { ...one(), qty: 2.5 }, 422, 'body.qty'],
    ['returns', { ...one(), reason: '' }, 422, 'body.reason'],
    ['returns', { ...one(), locationId: n.closedDepot }, 422, 'body.locationId'],
    ['adjustments', { ...one(), qty: 0, reason: 'count' }, 422, 'body.qty'],
    ['adjustments', { ...one(), qty: 2e6, reason: 'count' }, 422, 'body.qty'],
    ['adjustments', one(), 422, 'body.reason'],
    ['adjustments', { ...one(), reason: '   ' }, 422, 'body.reason'],
    ['adjustments', { ...one(), reason: 'x'.repeat(501) }, 422, 'body.reason'],
    ['adjustments', { ...one(), reason: 'count', target: 'reserved' }, 422, 'body.target'],
    ['adjustments', { ...one(), qty: -4, reason: 'count' }, 409, 'body.qty'],
  ];

  it('answers each bad command with a problem naming the field, and writes nothing', async () => {
    for (const [path, body, status, field] of cases()) {
      const before = await snapshot();
      const res = await request(t.app)
        .post(`/api/v1/stock/${path}`)
        .send(body as object);
      const label = `${path} ${JSON.stringify(body).slice(0, 120)}`;
      expect(res.status, label).toBe(status);
      expect(res.headers['content-type'], label).toMatch(/problem\+json/);
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        label,
      ).toContain(field);
      expect(await snapshot(), label).toEqual(before);
    }
  });

  it('accepts the well-formed neighbour of the bad cases, so the rejections are about the field', async () => {
    const res = await request(t.app)
      .post('/api/v1/stock/adjustments')
      .send({ ...one(), reason: 'count' });
    expect(res.status).toBe(201);
  });

  it('answers a malformed JSON body with 400 naming the body', async () => {
    const before = await snapshot();
    const res = await request(t.app)
      .post('/api/v1/stock/receipts')
      .set('Content-Type', 'application/json')
      .send('{"lines": [');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body');
    expect(await snapshot()).toEqual(before);
  });

  it('answers a body that is not JSON with 422 naming the missing fields', async () => {
    const res = await request(t.app)
      .post('/api/v1/stock/reservations')
      .set('Content-Type', 'text/plain')
      .send('reserve 1 please');
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('body.locationId');
  });
});
