import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aStockNetwork } from '../support/fixtures.ts';

describe('/api/v1/stock commands', () => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof aStockNetwork>>;
  beforeAll(async () => {
    t = await createTestApp();
    n = await aStockNetwork(t.db);
  });
  afterAll(() => t.destroy());

  const post = (path: string, body: object) =>
    request(t.app).post(`/api/v1/stock/${path}`).set('X-Actor', 'mgr.chen').send(body);
  const balance = async (locationId: string, skuId: string) =>
    (await request(t.app).get(`/api/v1/stock/balances/${locationId}/${skuId}`).expect(200)).body;
  const ticket = (id: string) => ({ type: 'ticket', id });

  it('receives several lines at once, answers the movements and balances, and audits', async () => {
    const res = await post('receipts', {
      reference: { type: 'purchase_order', id: 'PO-1' },
      lines: [
        { locationId: n.office, skuId: n.psu, qty: 4 },
        { locationId: n.depot, skuId: n.psu, qty: 10 },
        { locationId: n.office, skuId: n.psu, qty: 1 },
      ],
    });
    expect(res.status).toBe(201);
    expect(
      res.body.movements.map((m: { locationId: string; onHandDelta: number }) => [
        m.locationId,
        m.onHandDelta,
      ]),
    ).toEqual([
      [n.office, 4],
      [n.depot, 10],
      [n.office, 1],
    ]);
    expect(res.body.movements[0]).toMatchObject({
      kind: 'receipt',
      reference: { type: 'purchase_order', id: 'PO-1' },
      actor: 'mgr.chen',
      transferId: null,
    });
    expect(res.body.balances).toEqual([
      expect.objectContaining({ locationId: n.office, onHand: 5, available: 5, version: 2 }),
      expect.objectContaining({ locationId: n.depot, onHand: 10, available: 10, version: 1 }),
    ]);
    const audit = await t.db('audit_events').where({ entity: 'stock_movement', action: 'receive' });
    expect(audit).toHaveLength(1);
    expect(audit[0].actor).toBe('mgr.chen');
  });

  it('rejects a whole batch when one line is bad, naming the line', async () => {
    const before = await balance(n.depot, n.psu);
    const res = await post('receipts', {
      lines: [
        { locationId: n.depot, skuId: n.psu, qty: 3 },
        { locationId: n.depot, skuId: 'P-NOPE', qty: 1 },
        { locationId: n.site, skuId: n.psu, qty: 1 },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'body.lines[2].locationId',
      'body.lines[1].skuId',
    ]);
    expect(await balance(n.depot, n.psu)).toEqual(before);
  });

  it('reserves for a ticket, releases and issues only what the ticket holds', async () => {
    await post('receipts', { lines: [{ locationId: n.van, skuId: n.fan, qty: 3 }] }).expect(201);
    const reserved = await post('reservations', {
      locationId: n.van,
      skuId: n.fan,
      qty: 2,
      reference: ticket('T-1'),
    });
    expect(reserved.status).toBe(201);
    expect(reserved.body.balances[0]).toMatchObject({ onHand: 3, reserved: 2, available: 1 });

    const tooMuch = await post('reservations/release', {
      locationId: n.van,
      skuId: n.fan,
      qty: 3,
      reference: ticket('T-1'),
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.code).toBe('reservation-exceeded');
    expect(tooMuch.body.errors[0].field).toBe('body.qty');
    const otherTicket = await post('issues', {
      locationId: n.van,
      skuId: n.fan,
      qty: 1,
      reference: ticket('T-2'),
      fromReservation: true,
    });
    expect(otherTicket.status).toBe(409);

    await post('reservations/release', {
      locationId: n.van,
      skuId: n.fan,
      qty: 1,
      reference: ticket('T-1'),
    }).expect(201);
    const issued = await post('issues', {
      locationId: n.van,
      skuId: n.fan,
      qty: 1,
      reference: ticket('T-1'),
      fromReservation: true,
    });
    expect(issued.status).toBe(201);
    expect(issued.body.movements[0]).toMatchObject({ kind: 'issue', onHandDelta: -1, reservedDelta: -1 });
    expect(issued.body.balances[0]).toMatchObject({ onHand: 2, reserved: 0, available: 2 });
  });

  it('refuses to issue or reserve more than is available, naming the location and SKU', async () => {
    await post('reservations', { locationId: n.van, skuId: n.fan, qty: 2, reference: ticket('T-3') }).expect(
      201,
    );
    const issue = await post('issues', { locationId: n.van, skuId: n.fan, qty: 1 });
    expect(issue.status).toBe(409);
    expect(issue.body.code).toBe('insufficient-stock');
    expect(issue.body.detail).toContain(n.van);
    expect(issue.body.detail).toContain(n.fan);
    expect(issue.body.errors[0].field).toBe('body.qty');
    const reserve = await post('reservations', {
      locationId: n.van,
      skuId: n.fan,
      qty: 1,
      reference: ticket('T-4'),
    });
    expect(reserve.status).toBe(409);
    expect(await balance(n.van, n.fan)).toMatchObject({ onHand: 2, reserved: 2, available: 0 });
  });

  it('transfers both legs under one transfer id, and an overdraw changes neither side', async () => {
    const res = await post('transfers', {
      fromLocationId: n.depot,
      toLocationId: n.van,
      skuId: n.psu,
      qty: 4,
    });
    expect(res.status).toBe(201);
    const [out, into] = res.body.movements;
    expect(out).toMatchObject({ kind: 'transfer_out', locationId: n.depot, onHandDelta: -4 });
    expect(into).toMatchObject({ kind: 'transfer_in', locationId: n.van, onHandDelta: 4 });
    expect(out.transferId).toBeTruthy();
    expect(into.transferId).toBe(out.transferId);
    expect(res.body.balances.map((b: { onHand: number }) => b.onHand)).toEqual([6, 4]);

    const depotBefore = await balance(n.depot, n.psu);
    const vanBefore = await balance(n.van, n.psu);
    const overdraw = await post('transfers', {
      fromLocationId: n.depot,
      toLocationId: n.van,
      skuId: n.psu,
      qty: 7,
    });
    expect(overdraw.status).toBe(409);
    expect(overdraw.body.code).toBe('insufficient-stock');
    expect(await balance(n.depot, n.psu)).toEqual(depotBefore);
    expect(await balance(n.van, n.psu)).toEqual(vanBefore);
    expect(await t.db('stock_movements').where({ kind: 'transfer_out' })).toHaveLength(1);
  });

  it('ships a reservation (the in-transit pattern): the release and both legs together', async () => {
    const order = { type: 'transfer_order', id: 'TO-9' };
    await post('reservations', { locationId: n.depot, skuId: n.psu, qty: 2, reference: order }).expect(201);
    const res = await post('transfers', {
      fromLocationId: n.depot,
      toLocationId: n.office,
      skuId: n.psu,
      qty: 2,
      reference: order,
      fromReservation: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.movements.map((m: { kind: string }) => m.kind)).toEqual([
      'release',
      'transfer_out',
      'transfer_in',
    ]);
    expect(res.body.balances[0]).toMatchObject({ locationId: n.depot, onHand: 4, reserved: 0 });
    expect(res.body.balances[1]).toMatchObject({ locationId: n.office, onHand: 7 });
  });

  it('refuses transfers to a site, to a deactivated depot, or to the same place', async () => {
    const cases: Array<[object, string]> = [
      [{ toLocationId: n.site }, 'body.toLocationId'],
      [{ toLocationId: n.closedDepot }, 'body.toLocationId'],
      [{ toLocationId: n.depot }, 'body.toLocationId'],
      [{ fromLocationId: 'D-NOPE' }, 'body.fromLocationId'],
    ];
    for (const [change, field] of cases) {
      const res = await post('transfers', {
        fromLocationId: n.depot,
        toLocationId: n.office,
        skuId: n.psu,
        qty: 1,
        ...change,
      });
      expect(res.status, JSON.stringify(change)).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('takes defective returns and adjusts counts with a reason', async () => {
    const returned = await post('returns', {
      locationId: n.office,
      skuId: n.psu,
      qty: 2,
      reason: 'burnt out',
    });
    expect(returned.status).toBe(201);
    expect(returned.body.balances[0]).toMatchObject({ onHand: 7, defective: 2 });
    const writeOff = await post('adjustments', {
      locationId: n.office,
      skuId: n.psu,
      qty: -2,
      reason: 'sent back to supplier',
      target: 'defective',
    });
    expect(writeOff.status).toBe(201);
    expect(writeOff.body.balances[0]).toMatchObject({ onHand: 7, defective: 0 });
    const count = await post('adjustments', {
      locationId: n.office,
      skuId: n.psu,
      qty: -1,
      reason: 'stock take',
    });
    expect(count.body.movements[0]).toMatchObject({
      kind: 'adjustment',
      onHandDelta: -1,
      reason: 'stock take',
    });
    const belowZero = await post('adjustments', {
      locationId: n.office,
      skuId: n.psu,
      qty: -1,
      reason: 'lost',
      target: 'defective',
    });
    expect(belowZero.status).toBe(409);
    expect(belowZero.body.detail).toContain('defective');
  });
});
