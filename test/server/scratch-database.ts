import knexFactory from 'knex';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createDatabase, knexConfig, type Database } from '../../src/db/connection.ts';

/**
 * A PostgreSQL database of a test's own beside `DATABASE_URL`'s, for tests that run the real
 * server as a child process and kill it: `url` is for the child, `db` reads what it wrote, `admin`
 * watches its backends from outside.
 */
export interface ScratchDatabase {
  name: string;
  url: string;
  db: Database;
  admin: Database;
  drop(): Promise<void>;
}

export async function aScratchDatabase(databaseUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = knexFactory(knexConfig({ url: databaseUrl, poolMax: 2 }));
  await admin.raw(`create database "${name}"`);
  const target = new URL(databaseUrl);
  target.pathname = `/${name}`;
  const url = target.toString();
  const db = createDatabase({ url, poolMax: 2 });
  return {
    name,
    url,
    db,
    admin,
    async drop() {
      await db.destroy();
      await admin.raw(`drop database if exists "${name}" with (force)`);
      await admin.destroy();
    },
  };
}

/** Whether a backend of the database is inside a transaction that has written something. */
export async function writingTransactionOpen(scratch: ScratchDatabase): Promise<boolean> {
  const result = await scratch.admin.raw(
    `select count(*)::int as n from pg_stat_activity
     where datname = ? and xact_start is not null and backend_xid is not null and pid <> pg_backend_pid()`,
    [scratch.name],
  );
  return (result.rows[0] as { n: number }).n > 0;
}

/** Waits (up to 10 s) until PostgreSQL has rolled back what a killed client left open. */
export async function openTransactionsGone(scratch: ScratchDatabase): Promise<void> {
  for (let attempt = 0; attempt < 100 && (await writingTransactionOpen(scratch)); attempt += 1)
    await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * Polls up to `attempts` times and SIGKILLs the child as soon as one of its transactions has
 * written; kills it anyway at the end. Says whether the kill came mid-transaction.
 */
export async function killWhileWriting(
  scratch: ScratchDatabase,
  child: ChildProcess,
  attempts: number,
): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await writingTransactionOpen(scratch)) {
      child.kill('SIGKILL');
      return true;
    }
  }
  child.kill('SIGKILL');
  return false;
}
