import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoNetwork, type DemoLoadResult } from '../../src/demo/load-demo.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

const demoDir = path.join(import.meta.dirname, '../../data/demo');

describe('loading the demo network into an empty database', () => {
  let t: TestApp;
  let result: DemoLoadResult;
  const now = new Date('2026-12-14T09:30:00+08:00');
  beforeAll(async () => {
    t = await createTestApp(now.toISOString());
    result = await loadDemoNetwork(
      { db: t.db, services: t.services, logger: createLogger('silent'), now: () => now },
      demoDir,
    );
  }, 300_000);
  afterAll(() => t.destroy());

  it('loads every part of the network and moves it to today', async () => {
    expect(result.loaded).toBe(true);
    expect(result.shiftedDays).toBe(14);
    const count = async (table: string) => Number((await t.db(table).count({ n: '*' }))[0]!.n);
    expect(await count('locations')).toBe(476);
    expect(await count('engineers')).toBe(60);
    expect(await count('contracts')).toBe(334);
    expect(await count('demand_history')).toBe(1261 * 24);
    expect(await count('tickets')).toBe(43);
  });

  it("serves today's open tickets with their clocks over the API", async () => {
    const res = await request(t.app).get('/api/v1/tickets?open=true&limit=100');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(30);
    const reported = res.body.items.map((ticket: { reportedAt: string }) => Date.parse(ticket.reportedAt));
    expect(Math.max(...reported)).toBeLessThanOrEqual(now.getTime());
    expect(Math.min(...reported)).toBeGreaterThan(now.getTime() - 3 * 86_400_000);
    const critical = res.body.items.find((ticket: { level: number }) => ticket.level === 1);
    expect(critical.clocks.map((clock: { clock: string }) => clock.clock)).toContain('onsite');
  });

  it('keeps the stock ledger and balances in agreement', async () => {
    const mismatches = await t.db.raw(`
      select b.location_id, b.sku_id from stock_balances b
      left join (select location_id, sku_id, sum(on_hand_delta) as s from stock_movements group by 1, 2) m
        using (location_id, sku_id)
      where b.on_hand <> coalesce(m.s, 0)`);
    expect(mismatches.rows).toEqual([]);
  });

  it('applies three strikes to the device repaired three times', async () => {
    const replacement = await t.db('tickets').where({ requires_replacement: true });
    expect(replacement).toHaveLength(1);
  });

  it('leaves a database that already has a network alone', async () => {
    const again = await loadDemoNetwork(
      { db: t.db, services: t.services, logger: createLogger('silent'), now: () => now },
      demoDir,
    );
    expect(again.loaded).toBe(false);
  });
});
