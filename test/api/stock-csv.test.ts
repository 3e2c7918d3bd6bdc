import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aPart, aStockNetwork } from '../support/fixtures.ts';

describe('/api/v1/stock CSV export and import', () => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof aStockNetwork>>;
  beforeAll(async () => {
    t = await createTestApp();
    n = await aStockNetwork(t.db);
  });
  afterAll(() => t.destroy());

  const upload = (csv: string, contentType = 'text/csv') =>
    request(t.app)
      .post('/api/v1/stock/import')
      .set('Content-Type', contentType)
      .set('X-Actor', 'erp')
      .send(csv);
  const onHand = async (locationId: string, skuId: string) =>
    (await request(t.app).get(`/api/v1/stock/balances/${locationId}/${skuId}`)).body.onHand;
  const written = async () => ({
    movements: await t.db('stock_movements').count({ n: '*' }),
    audit: await t.db('audit_events').count({ n: '*' }),
  });

  it('sets on-hand counts by posting receipts and adjustments for the differences', async () => {
    await request(t.app)
      .post('/api/v1/stock/receipts')
      .send({
        lines: [
          { locationId: n.depot, skuId: n.psu, qty: 10 },
          { locationId: n.office, skuId: n.psu, qty: 4 },
          { locationId: n.van, skuId: n.fan, qty: 2 },
        ],
      })
      .expect(201);
    const csv = [
      'location,sku,qty,reason',
      `${n.depot},${n.psu},7,`,
      `${n.office},${n.psu},6,`,
      `${n.van},${n.fan},2,`,
      `${n.van},${n.psu},3,found in the van`,
      `${n.depot},${n.fan},0,`,
    ].join('\n');
    const res = await upload(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 5, receipts: 1, adjustments: 2, unchanged: 2 });
    expect(await onHand(n.depot, n.psu)).toBe(7);
    expect(await onHand(n.office, n.psu)).toBe(6);
    expect(await onHand(n.van, n.psu)).toBe(3);
    const posted = await t
      .db('stock_movements')
      .where({ reference_type: 'import', reference_id: res.body.importId })
      .orderBy('id');
    expect(
      posted.map((row) => [row.location_id, row.kind, row.on_hand_delta, row.reason, row.actor]),
    ).toEqual([
      [n.depot, 'adjustment', -3, 'stock import: on hand set to 7 (was 10)', 'erp'],
      [n.office, 'receipt', 2, null, 'erp'],
      [n.van, 'adjustment', 3, 'found in the van', 'erp'],
    ]);
    expect(
      await t.db('audit_events').where({ entity: 'stock_import', entity_id: res.body.importId }),
    ).toHaveLength(1);
  });

  it('rejects the whole file for any bad line, naming the line, and writes nothing', async () => {
    const good = `${n.depot},${n.psu},1`;
    const cases: Array<[string[], string]> = [
      [[good, `D-NOPE,${n.psu},1`], 'line 3: location'],
      [[good, `${n.depot},P-NOPE,1`], 'line 3: sku'],
      [[good, good], 'line 3: sku'],
      [[`${n.depot},${n.psu},-1`], 'line 2: qty'],
      [[`${n.depot},${n.psu},1.5`], 'line 2: qty'],
      [[`${n.depot},${n.psu},`], 'line 2: qty'],
      [[`${n.depot},${n.psu},99999999999`], 'line 2: qty'],
      [[good, `${n.office},${n.fan},2`, `${n.site},${n.psu},1`], 'line 4: location'],
      [[`${n.closedDepot},${n.psu},0`], 'line 2: location'],
    ];
    for (const [lines, field] of cases) {
      const before = await written();
      const res = await upload(['location,sku,qty', ...lines].join('\n'));
      expect(res.status, lines.join(' | ')).toBe(422);
      expect(res.body.detail).toMatch(/nothing was written/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await written()).toEqual(before);
    }
    expect(await onHand(n.depot, n.psu)).toBe(7);
  });

  it('rejects files that are not CSV, have no records or the wrong columns', async () => {
    const before = await written();
    expect((await upload(`location,sku,qty\n${n.depot},${n.psu},1`, 'application/json')).status).toBe(400);
    expect((await upload('location,sku,qty\n')).status).toBe(422);
    const extra = await upload(`location,sku,qty,colour\n${n.depot},${n.psu},1,red`);
    expect(extra.status).toBe(422);
    expect(extra.body.errors[0].field).toBe('line 2: row');
    expect((await upload(`location,sku,qty\n${n.depot},${n.psu}`)).status).toBe(422);
    expect(await written()).toEqual(before);
  });

  it('refuses to set on hand below what is reserved, naming the pair, and writes nothing', async () => {
    await request(t.app)
      .post('/api/v1/stock/reservations')
      .send({ locationId: n.office, skuId: n.psu, qty: 5, reference: { type: 'ticket', id: 'T-5' } })
      .expect(201);
    const before = await written();
    const res = await upload(`location,sku,qty\n${n.depot},${n.psu},1\n${n.office},${n.psu},4`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('insufficient-stock');
    expect(res.body.errors).toEqual([
      { field: `${n.office} / ${n.psu}: qty`, message: '5 are reserved; on hand cannot be set to 4' },
    ]);
    expect(await written()).toEqual(before);
    expect(await onHand(n.depot, n.psu)).toBe(7);
  });

  it('exports every balance as CSV, across batch boundaries, in location and SKU order', async () => {
    const skus = Array.from({ length: 1100 }, (_, i) => `P-BULK-${String(i).padStart(4, '0')}`);
    await t.db('skus').insert(skus.map((id) => ({ id, kind: 'part', name: id })));
    await t.db('stock_movements').insert(
      skus.map((id, i) => ({
        location_id: n.van,
        sku_id: id,
        kind: 'receipt',
        on_hand_delta: 1 + (i % 5),
        actor: 'test',
      })),
    );
    await aPart(t.db, 'P-UNSTOCKED');
    const res = await request(t.app).get('/api/v1/stock/balances.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('location,sku,onHand,reserved,available,defective');
    expect(lines.slice(1, 3)).toEqual([`${n.depot},${n.psu},7,0,7,0`, `${n.office},${n.psu},6,5,1,0`]);
    expect(lines).toContain(`${n.van},P-BULK-1099,5,0,5,0`);
    const keys = lines.slice(1).map((line) => line.split(',').slice(0, 2).join(','));
    const ordered = await t
      .db('stock_balances')
      .orderBy(['location_id', 'sku_id'])
      .select('location_id', 'sku_id');
    expect(keys).toEqual(ordered.map((row) => `${row.location_id},${row.sku_id}`));
    expect(lines.some((line) => line.includes('P-UNSTOCKED'))).toBe(false);
  });
});
