import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aDispatchDay, aFaultNeedingThePart, aSolvedPlan } from './dispatch-fixtures.ts';

const NOW = '2026-11-30T08:30:00+08:00';

/** The value of one sample line `name{labels} value` of a Prometheus text exposition. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('/metrics: Prometheus metrics of this instance and of the shared database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(NOW);
    await aDispatchDay(t.db);
    await aFaultNeedingThePart(t);
  });
  afterAll(async () => {
    await t.services.dispatchPlans.close();
    await t.destroy();
  });

  it('serves process metrics and the request histogram by route pattern, never by raw URL', async () => {
    await request(t.app).get('/api/v1/regions/R-SC').expect(200);
    await request(t.app).get('/api/v1/regions/NOPE-1').expect(404);
    const res = await request(t.app).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(res.text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(
      sample(
        res.text,
        'http_request_duration_seconds_count',
        'method="GET",route="/api/v1/regions/:id",status="200"',
      ),
    ).toBe(1);
    expect(
      sample(
        res.text,
        'http_request_duration_seconds_count',
        'method="GET",route="/api/v1/regions/:id",status="404"',
      ),
    ).toBe(1);
    expect(res.text).not.toMatch(/R-SC|NOPE-1/);
    expect(sample(res.text, 'metrics_database_up')).toBe(1);
  });

  it('times solves and reports the last plan’s KPIs', async () => {
    await aSolvedPlan(t);
    const text = (await request(t.app).get('/metrics').expect(200)).text;
    expect(sample(text, 'dispatch_solve_duration_seconds_count', 'outcome="solved"')).toBe(1);
    expect(sample(text, 'dispatch_last_plan', 'kpi="assigned"')).toBe(1);
    expect(sample(text, 'dispatch_last_plan', 'kpi="unassigned"')).toBe(0);
    expect(sample(text, 'dispatch_last_plan', 'kpi="commitmentsMet"')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'dispatch_last_plan', 'kpi="commitmentsMissed"')).toBeGreaterThanOrEqual(0);
  });

  it('counts reorder runs by trigger and outcome with the last run’s duration', async () => {
    const startedAt = new Date('2026-11-30T02:00:00+08:00');
    await t.db('reorder_runs').insert([
      {
        run_key: '2026-11-29',
        trigger: 'schedule',
        status: 'succeeded',
        actor: 'scheduler',
        started_at: new Date('2026-11-29T02:00:00+08:00'),
        duration_ms: 9000,
      },
      {
        run_key: '2026-11-30',
        trigger: 'schedule',
        status: 'failed',
        actor: 'scheduler',
        started_at: startedAt,
        duration_ms: 1500,
      },
    ]);
    const text = (await request(t.app).get('/metrics').expect(200)).text;
    expect(sample(text, 'reorder_runs', 'trigger="schedule",status="succeeded"')).toBe(1);
    expect(sample(text, 'reorder_runs', 'trigger="schedule",status="failed"')).toBe(1);
    expect(sample(text, 'reorder_last_run_duration_seconds', 'trigger="schedule",status="failed"')).toBe(1.5);
    expect(sample(text, 'reorder_last_run_started_timestamp_seconds', 'trigger="schedule"')).toBe(
      startedAt.getTime() / 1000,
    );
  });

  it('counts open tickets with a breached clock at the service clock’s now', async () => {
    const before = (await request(t.app).get('/metrics').expect(200)).text;
    expect(sample(before, 'tickets_with_breached_clock')).toBe(0);
    t.setNow('2026-12-09T08:30:00+08:00');
    const after = (await request(t.app).get('/metrics').expect(200)).text;
    expect(sample(after, 'tickets_with_breached_clock')).toBe(1);
    t.setNow(NOW);
  });

  it('keeps one registry per app: a second app starts from zero', async () => {
    const other = await createTestApp(NOW);
    try {
      const text = (await request(other.app).get('/metrics').expect(200)).text;
      expect(text).not.toMatch(/^http_request_duration_seconds_count\{.*route="\/api\/v1\/regions\/:id"/m);
    } finally {
      await other.services.dispatchPlans.close();
      await other.destroy();
    }
  });
});
