import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { ledgerInconsistencies } from '../api/dispatch-fixtures.ts';
import { anOffice, aPart } from '../support/fixtures.ts';
import { startServer, TEST_ADMIN_TOKEN, type ChildServer } from './child-server.ts';
import {
  aScratchDatabase,
  killWhileWriting,
  openTransactionsGone,
  type ScratchDatabase,
} from './scratch-database.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const SKUS = Array.from({ length: 50 }, (_, i) => `P-CRASH-${String(i).padStart(2, '0')}`);
const DEPOTS = ['D-CRASH-1', 'D-CRASH-2'];
/** Every receipt posts one line per depot × SKU: 100 movements, all or none. */
const LINES_PER_RECEIPT = SKUS.length * DEPOTS.length;

/** Posts multi-line receipts and transfers in a loop until the server stops answering. */
const statuses: Record<string, number> = {};
async function keepWriting(server: ChildServer, worker: number): Promise<void> {
  const headers = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };
  for (let n = 0; ; n += 1) {
    const receipt = {
      reference: { type: 'purchase_order', id: `PO-${worker}-${n}` },
      lines: DEPOTS.flatMap((locationId) => SKUS.map((skuId) => ({ locationId, skuId, qty: 1 + (n % 3) }))),
    };
    const transfer = {
      fromLocationId: DEPOTS[0],
      toLocationId: DEPOTS[1],
      skuId: SKUS[n % SKUS.length],
      qty: 1,
    };
    try {
      await fetch(`${server.baseUrl}/api/v1/stock/receipts`, {
        method: 'POST',
        headers,
        body: JSON.stringify(receipt),
      });
      await fetch(`${server.baseUrl}/api/v1/stock/transfers`, {
        method: 'POST',
        headers,
        body: JSON.stringify(transfer),
      });
    } catch {
      return; // the server is gone
    }
  }
}

describe.skipIf(!DATABASE_URL)('SIGKILL in the middle of multi-row ledger transactions (PostgreSQL)', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  let url: string;

  beforeAll(async () => {
    scratch = await aScratchDatabase(DATABASE_URL!, 'spares_crash');
    ({ db, url } = scratch);
    await db.migrate.latest();
    for (const depot of DEPOTS) await anOffice(db, depot, { kind: 'depot' });
    for (const sku of SKUS) await aPart(db, sku);
  });
  afterAll(() => scratch?.drop());

  it('leaves every receipt whole or absent and the balances equal to the ledger, and restarts', async () => {
    const server = await startServer({ DATABASE_URL: url });
    const writers = Array.from({ length: 4 }, (_, worker) => keepWriting(server, worker));
    // Let some receipts commit, then kill at a random moment while a writing transaction is open.
    for (let waited = 0; waited < 600; waited += 1) {
      const [{ n }] = (await db('stock_movements')
        .where({ reference_type: 'purchase_order' })
        .count('* as n')) as [{ n: number }];
      if (Number(n) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000));
    const killedMidTransaction = await killWhileWriting(scratch, server.child, 500);
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
    await Promise.all(writers);
    expect(killedMidTransaction).toBe(true);

    // PostgreSQL rolls back what the dead process left open once it notices the connection is gone.
    await openTransactionsGone(scratch);

    const receipts = (await db('stock_movements')
      .where({ reference_type: 'purchase_order' })
      .select('reference_id')
      .count('* as lines')
      .groupBy('reference_id')) as Array<{ reference_id: string; lines: number }>;
    expect(receipts.length, JSON.stringify(statuses)).toBeGreaterThan(0);
    expect(receipts.filter((receipt) => Number(receipt.lines) !== LINES_PER_RECEIPT)).toEqual([]);
    expect(await ledgerInconsistencies(db)).toEqual([]);
    const transfers = await db('stock_movements')
      .whereIn('kind', ['transfer_out', 'transfer_in'])
      .select('kind')
      .count('* as n')
      .groupBy('kind');
    const byKind = Object.fromEntries(transfers.map((row) => [row.kind, Number(row.n)]));
    expect(byKind.transfer_out ?? 0).toBe(byKind.transfer_in ?? 0);

    // The restarted service serves and writes again.
    const restarted = await startServer({ DATABASE_URL: url });
    try {
      expect((await fetch(`${restarted.baseUrl}/readyz`)).status).toBe(200);
      const res = await fetch(`${restarted.baseUrl}/api/v1/stock/receipts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ lines: [{ locationId: DEPOTS[0], skuId: SKUS[0], qty: 1 }] }),
      });
      expect(res.status).toBe(201);
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toEqual({ code: 0, signal: null });
    } finally {
      if (restarted.child.exitCode === null) restarted.child.kill('SIGKILL');
    }
  });
});
