import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aPart, aStockNetwork } from '../support/fixtures.ts';

describe('/api/v1/stock balances and movements', () => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof aStockNetwork>>;
  beforeAll(async () => {
    t = await createTestApp();
    n = await aStockNetwork(t.db);
    await aPart(t.db, 'P-NEVER-MOVED');
    const post = (path: string, body: object) =>
      request(t.app).post(`/api/v1/stock/${path}`).send(body).expect(201);
    t.setNow('2026-11-30T08:00:00+08:00');
    await post('receipts', {
      reference: { type: 'purchase_order', id: 'PO-7' },
      lines: [
        { locationId: n.depot, skuId: n.psu, qty: 9 },
        { locationId: n.depot, skuId: n.fan, qty: 2 },
        { locationId: n.office, skuId: n.psu, qty: 1 },
        { locationId: n.van, skuId: n.fan, qty: 3 },
      ],
    });
    t.setNow('2026-12-01T08:00:00+08:00');
    await post('reservations', {
      locationId: n.office,
      skuId: n.psu,
      qty: 1,
      reference: { type: 'ticket', id: 'T-9' },
    });
    t.setNow('2026-12-02T08:00:00+08:00');
    await post('transfers', { fromLocationId: n.depot, toLocationId: n.van, skuId: n.psu, qty: 2 });
  });
  afterAll(() => t.destroy());

  const get = (url: string) => request(t.app).get(`/api/v1/stock/${url}`);
  const pairs = (items: Array<{ locationId: string; skuId: string }>) =>
    items.map((item) => `${item.locationId}/${item.skuId}`);

  it('lists balances with filters by location, SKU, kind, availability and low stock', async () => {
    expect(pairs((await get(`balances?locationId=${n.depot}`)).body.items)).toEqual([
      `${n.depot}/${n.fan}`,
      `${n.depot}/${n.psu}`,
    ]);
    expect(pairs((await get(`balances?skuId=${n.psu}&locationKind=van`)).body.items)).toEqual([
      `${n.van}/${n.psu}`,
    ]);
    const available = await get(`balances?skuId=${n.psu}&onlyAvailable=true`);
    expect(pairs(available.body.items)).toEqual([`${n.depot}/${n.psu}`, `${n.van}/${n.psu}`]);
    const low = await get('balances?maxAvailable=2&sort=available');
    expect(low.body.items.map((b: { available: number }) => b.available)).toEqual([0, 2, 2]);
    expect(low.body.items[0]).toMatchObject({ locationId: n.office, onHand: 1, reserved: 1, available: 0 });
  });

  it('pages through balances in any sort order without losing or repeating one', async () => {
    for (const sort of ['locationId', '-available', 'skuId', '-updatedAt']) {
      const all = (await get(`balances?sort=${sort}&limit=500`)).body.items;
      const walked: unknown[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: unknown[]; nextCursor: string | null } } = await get(
          `balances?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        ).expect(200);
        walked.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(walked, sort).toEqual(all);
      expect(all).toHaveLength(5);
    }
  });

  it('gets one balance; a pair that never moved reads as zero, an unknown id is a 404', async () => {
    expect((await get(`balances/${n.van}/${n.psu}`)).body).toMatchObject({
      onHand: 2,
      available: 2,
      version: 1,
    });
    const never = await get(`balances/${n.depot}/P-NEVER-MOVED`);
    expect(never.status).toBe(200);
    expect(never.body).toEqual({
      locationId: n.depot,
      skuId: 'P-NEVER-MOVED',
      onHand: 0,
      reserved: 0,
      available: 0,
      defective: 0,
      version: 0,
      updatedAt: null,
    });
    const unknown = await get(`balances/D-NOPE/${n.psu}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].field).toBe('params.locationId');
    expect((await get(`balances/${n.depot}/P-NOPE`)).body.errors[0].field).toBe('params.skuId');
    expect((await get(`balances/${n.depot}/-bad-`)).status).toBe(422);
  });

  it('lists movements newest first, filtered by location, kind, reference and time', async () => {
    const all = (await get('movements')).body.items;
    expect(all.map((m: { kind: string }) => m.kind)).toEqual([
      'transfer_in',
      'transfer_out',
      'reservation',
      'receipt',
      'receipt',
      'receipt',
      'receipt',
    ]);
    const byReference = await get('movements?referenceType=purchase_order&referenceId=PO-7');
    expect(byReference.body.items).toHaveLength(4);
    const vanFans = await get(`movements?locationId=${n.van}&skuId=${n.fan}`);
    expect(vanFans.body.items.map((m: { onHandDelta: number }) => m.onHandDelta)).toEqual([3]);
    const outs = await get('movements?kind=transfer_out');
    expect(outs.body.items).toHaveLength(1);
    const transfer = await get(`movements?transferId=${outs.body.items[0].transferId}&sort=id`);
    expect(transfer.body.items.map((m: { kind: string }) => m.kind)).toEqual(['transfer_out', 'transfer_in']);
    const december1 = await get(
      `movements?from=${encodeURIComponent('2026-12-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-12-02T00:00:00+08:00')}`,
    );
    expect(
      december1.body.items.map((m: { kind: string; createdAt: string }) => [m.kind, m.createdAt]),
    ).toEqual([['reservation', '2026-12-01T00:00:00.000Z']]);
    const first = await get('movements?limit=3');
    const second = await get(`movements?limit=3&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items]).toEqual(all.slice(0, 6));
  });

  it('answers malformed queries with a problem naming the parameter', async () => {
    const cases: Array<[string, number, string]> = [
      ['balances?limit=0', 422, 'query.limit'],
      ['balances?sort=evil', 422, 'query.sort'],
      ['balances?locationKind=site', 422, 'query.locationKind'],
      ['balances?onlyAvailable=yes', 422, 'query.onlyAvailable'],
      ['balances?maxAvailable=-1', 422, 'query.maxAvailable'],
      ['balances?cursor=garbage', 400, 'query.cursor'],
      ['balances?location=D-CTU', 422, 'query'],
      ['movements?kind=theft', 422, 'query.kind'],
      ['movements?from=yesterday', 422, 'query.from'],
      ['movements?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z', 422, 'query.to'],
      ['movements?limit=1.5', 422, 'query.limit'],
    ];
    for (const [url, status, field] of cases) {
      const res = await get(url);
      expect(res.status, url).toBe(status);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        url,
      ).toContain(field);
    }
  });

  it('documents every stock route in the OpenAPI document with its permission', async () => {
    const paths = (await request(t.app).get('/openapi.json')).body.paths;
    const stockPaths = Object.keys(paths).filter((path) => path.startsWith('/api/v1/stock'));
    expect(stockPaths.sort()).toEqual([
      '/api/v1/stock/adjustments',
      '/api/v1/stock/balances',
      '/api/v1/stock/balances.csv',
      '/api/v1/stock/balances/{locationId}/{skuId}',
      '/api/v1/stock/import',
      '/api/v1/stock/issues',
      '/api/v1/stock/movements',
      '/api/v1/stock/receipts',
      '/api/v1/stock/reservations',
      '/api/v1/stock/reservations/release',
      '/api/v1/stock/returns',
      '/api/v1/stock/transfers',
    ]);
    expect(paths['/api/v1/stock/transfers'].post.description).toBe('Permission: stock:write');
    expect(paths['/api/v1/stock/movements'].get.description).toBe('Permission: stock:read');
  });
});
