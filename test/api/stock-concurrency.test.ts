import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aPart, aStockNetwork } from '../support/fixtures.ts';

/**
 * Many requests at once against the same balance. On PostgreSQL they run on separate pooled
 * connections and really overlap; on PGlite they queue on its one connection. The promises hold
 * on both: nothing is promised twice, and the balances stay the sum of the ledger.
 */
describe('/api/v1/stock under concurrent requests', () => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof aStockNetwork>>;
  beforeAll(async () => {
    t = await createTestApp();
    n = await aStockNetwork(t.db);
  });
  afterAll(() => t.destroy());

  const post = (path: string, body: object) => request(t.app).post(`/api/v1/stock/${path}`).send(body);
  const receive = (locationId: string, skuId: string, qty: number) =>
    post('receipts', { lines: [{ locationId, skuId, qty }] }).expect(201);

  /** Pairs whose balance differs from the sum of their movements (or that have one and not the other). */
  async function ledgerMismatches(): Promise<unknown[]> {
    const result = await t.db.raw(`
      select coalesce(b.location_id, m.location_id) as location_id, coalesce(b.sku_id, m.sku_id) as sku_id
      from stock_balances b
      full join (
        select location_id, sku_id, sum(on_hand_delta) as on_hand, sum(reserved_delta) as reserved,
               sum(defective_delta) as defective, count(*) as movements
        from stock_movements group by location_id, sku_id
      ) m on m.location_id = b.location_id and m.sku_id = b.sku_id
      where b.location_id is null or m.location_id is null
         or b.on_hand <> m.on_hand or b.reserved <> m.reserved or b.defective <> m.defective
         or b.version <> m.movements`);
    return result.rows;
  }

  it('lets exactly 5 of 200 simultaneous one-unit reservations take the last 5 units', async () => {
    await receive(n.depot, n.psu, 5);
    // A reader samples the balance while the storm runs: no moment may show it below zero.
    let storming = true;
    const lowestSeen: number[] = [];
    const sampler = (async () => {
      while (storming) {
        const row = await t.db('stock_balances').where({ location_id: n.depot, sku_id: n.psu }).first();
        if (row) lowestSeen.push(row.on_hand - row.reserved);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post('reservations', {
          locationId: n.depot,
          skuId: n.psu,
          qty: 1,
          reference: { type: 'ticket', id: `T-${i}` },
        }),
      ),
    );
    storming = false;
    await sampler;
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 409)).toHaveLength(195);
    for (const refused of answers.filter((res) => res.status === 409))
      expect(refused.body.code).toBe('insufficient-stock');
    expect(lowestSeen.length).toBeGreaterThan(0);
    expect(Math.min(...lowestSeen)).toBeGreaterThanOrEqual(0);
    const balance = (await request(t.app).get(`/api/v1/stock/balances/${n.depot}/${n.psu}`)).body;
    expect(balance).toMatchObject({ onHand: 5, reserved: 5, available: 0, version: 6 });
    const reservations = await t.db('stock_movements').where({ kind: 'reservation' });
    expect(reservations).toHaveLength(5);
    // Each succeeding request booked its own unit: five different tickets, none twice.
    expect(new Set(reservations.map((m) => m.reference_id)).size).toBe(5);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it('lets a ticket release its 3 reserved units once, however many ask at the same time', async () => {
    const sku = await aPart(t.db, 'P-RELEASE');
    await receive(n.office, sku, 3);
    const reference = { type: 'ticket', id: 'T-R' };
    await post('reservations', { locationId: n.office, skuId: sku, qty: 3, reference }).expect(201);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        post('reservations/release', { locationId: n.office, skuId: sku, qty: 1, reference }),
      ),
    );
    expect(answers.filter((res) => res.status === 201)).toHaveLength(3);
    expect(answers.filter((res) => res.status === 409).map((res) => res.body.code)).toEqual(
      Array(7).fill('reservation-exceeded'),
    );
    const balance = (await request(t.app).get(`/api/v1/stock/balances/${n.office}/${sku}`)).body;
    expect(balance).toMatchObject({ onHand: 3, reserved: 0 });
    expect(await ledgerMismatches()).toEqual([]);
  });

  it('runs opposite transfers side by side without deadlock or loss', async () => {
    const sku = await aPart(t.db, 'P-SWAP');
    await receive(n.depot, sku, 20);
    await receive(n.van, sku, 20);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post('transfers', {
          fromLocationId: i % 2 ? n.depot : n.van,
          toLocationId: i % 2 ? n.van : n.depot,
          skuId: sku,
          qty: 1 + (i % 3),
        }),
      ),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(201));
    const balances = await t.db('stock_balances').where({ sku_id: sku }).sum({ total: 'on_hand' }).first();
    expect(Number(balances?.total)).toBe(40);
    expect(await ledgerMismatches()).toEqual([]);
  });
});
