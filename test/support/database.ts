import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { parseConfig } from '../../src/config.ts';
import { createDatabase, knexConfig, type Database } from '../../src/db/connection.ts';

/**
 * A fresh, migrated database for one test file. On PGlite it is an in-memory instance; on
 * PostgreSQL (TEST_DATABASE=postgres, DATABASE_URL set) it is a schema of its own, dropped at
 * the end, so test files can run in parallel against one server.
 */
export interface TestDatabase {
  db: Database;
  backend: 'pglite' | 'postgres';
  destroy: () => Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const config = parseConfig(process.env);
  if (process.env.TEST_DATABASE === 'postgres') {
    if (!config.DATABASE_URL) throw new Error('TEST_DATABASE=postgres needs DATABASE_URL');
    const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = knexFactory(knexConfig({ url: config.DATABASE_URL, poolMax: 1 }));
    await admin.raw(`create schema "${schema}"`);
    await admin.destroy();
    const db = createDatabase({ url: config.DATABASE_URL, schema, poolMax: 20 });
    await db.migrate.latest();
    return {
      db,
      backend: 'postgres',
      destroy: async () => {
        await db.raw(`drop schema "${schema}" cascade`);
        await db.destroy();
      },
    };
  }
  const db = createDatabase({ dataDir: 'memory://' });
  await db.migrate.latest();
  return { db, backend: 'pglite', destroy: () => db.destroy() };
}
