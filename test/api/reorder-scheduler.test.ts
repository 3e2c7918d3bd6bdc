import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createReorderServices } from '../../src/reorder/reorder.services.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aReorderNetwork } from './reorder-fixtures.ts';

/** Replicas of the service: each has its own services and scheduler on the same database. */
function replica(t: TestApp) {
  return createReorderServices({
    db: t.db,
    now: () => new Date('2026-12-01T02:00:00+08:00'),
    logger: createLogger('silent'),
    ledger: t.services.stockLedger,
    timeZone: t.config.TIME_ZONE,
    cronExpression: t.config.REORDER_CRON,
  });
}

describe('the nightly schedule across replicas', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await aReorderNetwork(t.db);
  });
  afterAll(() => t.destroy());

  it('three schedulers firing the same tick make exactly one run and one set of suggestions', async () => {
    const schedulers = [replica(t), replica(t), replica(t)].map((r) => r.createScheduler());
    const tick = new Date('2026-12-01T02:00:00+08:00');
    const outcomes = await Promise.all(schedulers.map((s) => s.tick(tick)));
    expect(outcomes.filter((o) => o?.outcome === 'ran')).toHaveLength(1);
    expect(outcomes.filter((o) => o?.outcome === 'skipped')).toHaveLength(2);

    const runs = await t.db('reorder_runs');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ run_key: '2026-12-01', trigger: 'schedule', status: 'succeeded' });
    const rows = await t.db('reorder_suggestions').where({ run_id: runs[0].id });
    expect(rows).toHaveLength(2); // the buy and the transfer; the two donors have nothing to do
    expect(await t.db('reorder_suggestions').count({ n: '*' })).toEqual([{ n: 2 }]);

    // A replica whose clock fires later the same night finds the run done.
    const late = await schedulers[0]!.tick(new Date('2026-12-01T02:00:30+08:00'));
    expect(late).toEqual({ outcome: 'skipped', reason: 'already-ran', runKey: '2026-12-01' });
    // The next night is a new run.
    const next = await schedulers[1]!.tick(new Date('2026-12-02T02:00:00+08:00'));
    expect(next?.outcome).toBe('ran');
    expect((await t.db('reorder_runs').orderBy('id')).map((r) => r.run_key)).toEqual([
      '2026-12-01',
      '2026-12-02',
    ]);
  });

  // Only PostgreSQL has a second connection to hold the lock from (PGlite is one connection), so
  // the test exists there only, instead of showing as skipped on PGlite.
  if (process.env.TEST_DATABASE === 'postgres')
    it('a tick while another replica holds the run lock is a logged no-op', async () => {
      const scheduler = replica(t).createScheduler();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = t.db.transaction(async (trx) => {
        await trx.raw(`select pg_advisory_xact_lock(hashtext(current_schema() || ':reorder-run'))`);
        locked();
        await held;
      });
      await isLocked;
      const outcome = await scheduler.tick(new Date('2026-12-03T02:00:00+08:00'));
      release();
      await holder;
      expect(outcome).toEqual({ outcome: 'skipped', reason: 'locked', runKey: '2026-12-03' });
      expect(await t.db('reorder_runs').where({ run_key: '2026-12-03' })).toEqual([]);
    });

  it('starts and stops a cron task, and refuses an invalid expression', async () => {
    const scheduler = replica(t).createScheduler();
    scheduler.start();
    await scheduler.stop();
    await scheduler.stop();
    expect(() =>
      createReorderServices({
        db: t.db,
        now: () => new Date(),
        logger: createLogger('silent'),
        ledger: t.services.stockLedger,
        timeZone: 'Asia/Shanghai',
        cronExpression: 'every night',
      }).createScheduler(),
    ).toThrow(/REORDER_CRON/);
  });
});
