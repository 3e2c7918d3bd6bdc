import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aSite, aUnitSku } from '../support/fixtures.ts';
import { aReorderNetwork, history, SPARSE } from './reorder-fixtures.ts';
import {
  createReorderInputs,
  monthIndex,
  monthlyDemand,
} from '../../src/reorder/reorder-inputs.repository.ts';

interface SuggestionBody {
  id: number;
  locationId: string;
  skuId: string;
  action: string;
  quantity: number;
  fromLocationId: string | null;
  inventoryPosition: number;
  reorderPoint: number;
  orderUpTo: number;
  status: string;
  explanation: Record<string, unknown>;
}

describe('the reorder run (real solver/inventory policies)', () => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof aReorderNetwork>>;
  beforeAll(async () => {
    t = await createTestApp();
    n = await aReorderNetwork(t.db);
  });
  afterAll(() => t.destroy());

  const suggestions = async (query = '') =>
    (await request(t.app).get(`/api/v1/reorder/suggestions?limit=500${query}`).expect(200)).body
      .items as SuggestionBody[];
  const find = (items: SuggestionBody[], locationId: string, skuId: string) =>
    items.find((s) => s.locationId === locationId && s.skuId === skuId)!;

  it("reads every pair's monthly history: its first recorded month and its months with demand, in order", async () => {
    const rows = await t
      .db('demand_history')
      .where({ period: 'month' })
      .orderBy(['location_id', 'sku_id', 'period_start'])
      .select('location_id', 'sku_id', 'qty', t.db.raw(`to_char(period_start, 'YYYY-MM-DD') as start`));
    expect(rows.length).toBeGreaterThan(0);
    // The fixture records months without demand too: they must not be listed, yet `since` counts them.
    expect(rows.some((row) => row.qty === 0)).toBe(true);
    const expected = new Map<string, { since: number; months: number[]; qty: number[] }>();
    for (const row of rows) {
      const key = `${row.location_id}/${row.sku_id}`;
      const series = expected.get(key) ?? { since: monthIndex(row.start), months: [], qty: [] };
      if (row.qty > 0) {
        series.months.push(monthIndex(row.start));
        series.qty.push(row.qty);
      }
      expected.set(key, series);
    }
    const read = await createReorderInputs(t.db).demandHistory();
    expect(
      new Map(
        read.map((s) => [`${s.locationId}/${s.skuId}`, { since: s.since, months: s.months, qty: s.qty }]),
      ),
    ).toEqual(expected);
  });

  it('parses the aggregated demand text into months in ascending order', () => {
    expect(monthlyDemand('24290:3,24288:1,24289:12')).toEqual({
      months: [24288, 24289, 24290],
      qty: [1, 12, 3],
    });
    expect(monthlyDemand(null)).toEqual({ months: [], qty: [] });
  });

  it('buys below s, rounded to MOQ and pack, and transfers from the nearest location with excess', async () => {
    const res = await request(t.app)
      .post('/api/v1/reorder/runs')
      .set('X-Actor', 'mgr.li')
      .send({ runKey: 'night-1' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      runKey: 'night-1',
      trigger: 'manual',
      status: 'succeeded',
      actor: 'mgr.li',
    });
    // Four pairs planned; only the two with something to do are stored (the donors are counted).
    expect(res.body.counts).toMatchObject({
      pairs: 4,
      buy: 1,
      transfer: 1,
      none: 2,
      written: 2,
      notStored: 2,
      failures: 0,
    });
    expect(Object.keys(res.body.counts.phases.ms)).toEqual(
      expect.arrayContaining(['readInputs', 'coverage', 'planPairs', 'decide', 'writeSuggestions']),
    );
    expect(res.body.durationMs).toBeGreaterThanOrEqual(0);

    const items = await suggestions(`&runId=${res.body.id}`);
    const fan = find(items, n.yibin, n.fan);
    // The real policy: position 0 is at or below s, so order up to S; S − 0 is raised to MOQ 10 in packs of 5.
    expect(fan.inventoryPosition).toBe(0);
    expect(fan.reorderPoint).toBeGreaterThanOrEqual(0);
    expect(fan.orderUpTo).toBeGreaterThan(0);
    expect(fan.action).toBe('buy');
    expect(fan.quantity).toBe(Math.max(10, Math.ceil(fan.orderUpTo / 5) * 5));

    const psu = find(items, n.yibin, n.psu);
    expect(psu.action).toBe('transfer');
    expect(psu.fromLocationId).toBe(n.chengdu); // 217 km, not Beijing at 1,600 km
    expect(psu.quantity).toBe(psu.orderUpTo - psu.inventoryPosition);
    expect(psu.explanation.transfer).toMatchObject({ fromLocationId: n.chengdu });

    // The donors themselves have nothing to do (their position is far above their S): not stored.
    expect(items).toHaveLength(2);
    expect(items.some((s) => s.locationId !== n.yibin)).toBe(false);

    const audit = await t.db('audit_events').where({ entity: 'reorder_run', entity_id: String(res.body.id) });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['run', 'mgr.li']]);
  });

  it('re-running the same key replaces its proposals (no duplicates) and keeps decided ones', async () => {
    const [first] = (await request(t.app).get('/api/v1/reorder/runs').expect(200)).body.items;
    const before = await suggestions(`&runId=${first.id}`);
    const psu = find(before, n.yibin, n.psu);
    await request(t.app)
      .post(`/api/v1/reorder/suggestions/${psu.id}/reject`)
      .send({ reason: 'the depot is moving the PSUs elsewhere' })
      .expect(200);

    const again = await request(t.app).post('/api/v1/reorder/runs').send({ runKey: 'night-1' }).expect(201);
    expect(again.body.id).toBe(first.id);
    expect(again.body.counts).toMatchObject({ replaced: 1, keptDecided: 1, written: 1 });
    const after = await suggestions(`&runId=${first.id}`);
    expect(after).toHaveLength(2);
    const pairs = after.map((s) => `${s.locationId}/${s.skuId}`);
    expect(new Set(pairs).size).toBe(2);
    expect(find(after, n.yibin, n.psu)).toMatchObject({ id: psu.id, status: 'rejected' });
    expect(await t.db('reorder_runs').where({ run_key: 'night-1' })).toHaveLength(1);
    expect(
      (await t.db('audit_events').where({ entity: 'reorder_run' }).orderBy('id')).map((a) => a.action),
    ).toEqual(['run', 'rerun']);
  });

  it('a run under another key supersedes earlier proposals, which can no longer be approved', async () => {
    const older = await suggestions('&status=proposed');
    expect(older.length).toBeGreaterThan(0);
    const run = await request(t.app).post('/api/v1/reorder/runs').send({ runKey: 'night-2' }).expect(201);
    const stale = await request(t.app).get(`/api/v1/reorder/suggestions/${older[0]!.id}`).expect(200);
    expect(stale.body.status).toBe('superseded');
    const refused = await request(t.app).post(`/api/v1/reorder/suggestions/${older[0]!.id}/approve`).send({});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('already-decided');
    expect((await suggestions(`&runId=${run.body.id}`)).every((s) => s.status === 'proposed')).toBe(true);
  });

  it('counts open purchase-order lines as on order, so the next run does not buy again', async () => {
    const [latest] = (await request(t.app).get('/api/v1/reorder/runs?sort=-id').expect(200)).body.items;
    const fan = find(await suggestions(`&runId=${latest.id}`), n.yibin, n.fan);
    await request(t.app).post(`/api/v1/reorder/suggestions/${fan.id}/approve`).send({}).expect(200);
    const run = await request(t.app).post('/api/v1/reorder/runs').send({ runKey: 'night-3' }).expect(201);
    // The order lifts the position to at least S (the quantity was rounded up from S − 0), so the
    // pair has nothing to do and is not stored; without the on-order count it would buy again.
    expect(fan.quantity).toBeGreaterThan(fan.reorderPoint);
    expect(find(await suggestions(`&runId=${run.body.id}`), n.yibin, n.fan)).toBeUndefined();
    expect(run.body.counts).toMatchObject({ buy: 0 });
  });

  it('lists and filters runs and suggestions with keyset pages, and names bad query fields', async () => {
    const page1 = await request(t.app).get('/api/v1/reorder/runs?limit=2&sort=-id').expect(200);
    expect(page1.body.items.map((r: { runKey: string }) => r.runKey)).toEqual(['night-3', 'night-2']);
    const page2 = await request(t.app)
      .get(`/api/v1/reorder/runs?limit=2&sort=-id&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body.items.map((r: { runKey: string }) => r.runKey)).toEqual(['night-1']);
    expect(page2.body.nextCursor).toBeNull();

    const transfers = await suggestions('&action=transfer');
    expect(transfers.length).toBeGreaterThan(0);
    expect(transfers.every((s) => s.action === 'transfer')).toBe(true);
    expect(await suggestions(`&locationId=${n.beijing}&coverageAtRisk=true`)).toEqual([]);

    const bad = await request(t.app).get('/api/v1/reorder/suggestions?action=steal&limit=0');
    expect([400, 422]).toContain(bad.status);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'query.action',
      'query.limit',
    ]);

    expect((await request(t.app).get('/api/v1/reorder/runs/999999')).status).toBe(404);
    const badKey = await request(t.app).post('/api/v1/reorder/runs').send({ runKey: 'no spaces please' });
    expect(badKey.status).toBe(422);
    expect(badKey.body.errors[0].field).toBe('body.runKey');
  });
});

describe('4-hour spare-unit coverage in the run', () => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof aReorderNetwork>>;
  beforeAll(async () => {
    t = await createTestApp();
    n = await aReorderNetwork(t.db);
    // A hospital near Yibin whose tier-A contract promises a spare unit on site within 240 min.
    await t.db('commitment_profiles').insert({ id: 'plan-2', name: 'Plan 2', definition: '{}' });
    await aSite(t.db, 'S-YB-HOSP', { lat: 28.8, lon: 104.6 });
    await t.db('contracts').insert({
      id: 'K-1',
      customer_id: 'C-HOSP-1',
      profile_id: 'plan-2',
      tier: 'A',
      starts_on: '2026-01-01',
    });
    const unit = await aUnitSku(t.db);
    await t.db('equipment').insert(
      [1, 2, 3].map((i) => ({
        id: `EQ-${i}`,
        site_id: 'S-YB-HOSP',
        model_id: 'HIS-R740',
        serial: `SN-${i}`,
        installed_on: '2025-01-01',
      })),
    );
    await history(t.db, n.yibin, unit, SPARSE);
  });
  afterAll(() => t.destroy());

  it('marks the covering location at risk and orders the units the coverage MIP places there', async () => {
    const run = await request(t.app).post('/api/v1/reorder/runs').send({ runKey: 'cover' }).expect(201);
    expect(run.body.counts.coverage).toMatchObject({ sites: 1, models: 1, uncoveredSites: 0 });
    const atRisk = (
      await request(t.app)
        .get(`/api/v1/reorder/suggestions?runId=${run.body.id}&coverageAtRisk=true`)
        .expect(200)
    ).body.items as Array<SuggestionBody & { coverageAtRisk: boolean }>;
    expect(atRisk.map((s) => [s.locationId, s.skuId])).toEqual([[n.yibin, 'U-HIS-R740']]);
    const [unit] = atRisk;
    expect(unit!.explanation.coverage).toMatch(/4-hour coverage needs \d+ unit/);
    // Nobody holds a spare unit of this model: it is bought, at least as many as coverage needs.
    expect(unit!.action).toBe('buy');
    expect(unit!.quantity).toBeGreaterThanOrEqual(unit!.orderUpTo - unit!.inventoryPosition);
    expect(unit!.orderUpTo).toBeGreaterThanOrEqual(1);
  });
});
