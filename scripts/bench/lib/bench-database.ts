import { createDatabase, type Database } from '../../../src/db/connection.ts';

export interface BenchDatabase {
  db: Database;
  /** Drops the benchmark's own schema (PostgreSQL) and closes the connections. */
  close: () => Promise<void>;
}

/**
 * A migrated, empty database for one benchmark run: PGlite in memory, or (`postgres`, with
 * DATABASE_URL) a schema of its own on that server, so a run never touches other data.
 */
export async function openBenchDatabase(
  kind: string | undefined,
  schemaPrefix: string,
): Promise<BenchDatabase> {
  if (kind !== 'pglite' && kind !== 'postgres') throw new Error('--database must be pglite or postgres');
  const url = process.env.DATABASE_URL;
  if (kind === 'postgres' && !url) throw new Error('--database postgres needs DATABASE_URL');
  const schema = `${schemaPrefix}_${process.pid}`;
  const db =
    kind === 'postgres'
      ? createDatabase({ url, schema, poolMax: 10 })
      : createDatabase({ dataDir: 'memory://' });
  if (kind === 'postgres') await db.raw(`create schema "${schema}"`);
  await db.migrate.latest();
  return {
    db,
    close: async () => {
      if (kind === 'postgres') await db.raw(`drop schema if exists "${schema}" cascade`);
      await db.destroy();
    },
  };
}
