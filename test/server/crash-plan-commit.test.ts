import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { ledgerInconsistencies } from '../api/dispatch-fixtures.ts';
import { startServer, TEST_ADMIN_TOKEN, type ChildServer } from './child-server.ts';
import {
  aScratchDatabase,
  killWhileWriting,
  openTransactionsGone,
  type ScratchDatabase,
} from './scratch-database.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const headers = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };

async function solvedPlan(server: ChildServer): Promise<{ id: string; assignments: number }> {
  const accepted = await fetch(`${server.baseUrl}/api/v1/dispatch/plans`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ timeLimitMs: 1000, seed: 1 }),
  });
  expect(accepted.status).toBe(202);
  const { id } = (await accepted.json()) as { id: string };
  for (let waited = 0; waited < 600; waited += 1) {
    const plan = (await (
      await fetch(`${server.baseUrl}/api/v1/dispatch/plans/${id}`, { headers })
    ).json()) as {
      status: string;
      plan?: { assignments: unknown[] };
    };
    if (plan.status === 'solved') return { id, assignments: plan.plan!.assignments.length };
    if (plan.status !== 'solving') throw new Error(`plan ${id} ended ${plan.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`plan ${id} was not solved in time`);
}

/** What a plan commit writes, for one plan: after a crash all of it or none of it may exist. */
async function committedFootprint(db: Database, planId: string) {
  const plan = await db('dispatch_plans').where({ id: planId }).first();
  const assignments = await db('dispatch_assignments').where({ plan_id: planId }).count('* as n').first();
  const audit = await db('audit_events')
    .where({ entity: 'dispatch_plan', entity_id: planId })
    .count('* as n')
    .first();
  return { status: plan.status as string, assignments: Number(assignments!.n), audit: Number(audit!.n) };
}

/** Every ticket's status and version, and the ledger's length: what a commit changes elsewhere. */
async function worldState(db: Database) {
  return {
    tickets: await db('tickets').orderBy('id').select('id', 'status', 'version', 'assigned_engineer_id'),
    movements: Number((await db('stock_movements').count('* as n').first())!.n),
  };
}

describe.skipIf(!DATABASE_URL)('SIGKILL in the middle of a plan commit (PostgreSQL)', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let url: string;

  beforeAll(async () => {
    scratch = await aScratchDatabase(DATABASE_URL!, 'spares_crash_plan');
    ({ db, url } = scratch);
  });
  afterAll(() => scratch?.drop());

  it('leaves the plan wholly committed or not at all, the ledger whole, and commits after a restart', async () => {
    // The demo day: tens of tickets, so one commit writes assignments, transitions and reservations.
    const server = await startServer({ DATABASE_URL: url, DEMO_DATA: 'true' });
    let restarted: ChildServer | null = null;
    try {
      const plan = await solvedPlan(server);
      expect(plan.assignments).toBeGreaterThan(1);
      const before = await worldState(db);

      const commit = fetch(`${server.baseUrl}/api/v1/dispatch/plans/${plan.id}/commit`, {
        method: 'POST',
        headers,
      }).catch(() => null);
      const killedMidTransaction = await killWhileWriting(scratch, server.child, 2000);
      expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
      await commit;
      expect(killedMidTransaction).toBe(true);
      await openTransactionsGone(scratch);

      // All or nothing: a plan is committed with every assignment, or nothing of it is there.
      const footprint = await committedFootprint(db, plan.id);
      if (footprint.status === 'committed') {
        expect(footprint).toEqual({ status: 'committed', assignments: plan.assignments, audit: 1 });
      } else {
        expect(footprint).toEqual({ status: 'solved', assignments: 0, audit: 0 });
        expect(await worldState(db)).toEqual(before);
      }
      expect(await ledgerInconsistencies(db)).toEqual([]);

      // The restarted service commits the plan that the crash left uncommitted, once and whole.
      restarted = await startServer({ DATABASE_URL: url });
      const again = await fetch(`${restarted.baseUrl}/api/v1/dispatch/plans/${plan.id}/commit`, {
        method: 'POST',
        headers,
      });
      if (footprint.status === 'committed') expect(again.status).toBe(409);
      else expect(again.status).toBe(200);
      expect(await committedFootprint(db, plan.id)).toMatchObject({
        status: 'committed',
        assignments: plan.assignments,
        audit: 1,
      });
      expect(await ledgerInconsistencies(db)).toEqual([]);
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toEqual({ code: 0, signal: null });
    } finally {
      for (const child of [server.child, restarted?.child])
        if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
