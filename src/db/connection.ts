import { mkdirSync } from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import ClientPGLite from 'knex-pglite';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { migrationSource } from './migration-source.ts';

// PostgreSQL's int8 and numeric arrive as strings by default; our counts and quantities fit a
// double exactly, and PGlite already returns numbers, so both backends answer alike.
// Dates (no time of day) stay 'YYYY-MM-DD' strings: a Date object would shift them by time zone.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
pg.types.setTypeParser(INT8, Number);
pg.types.setTypeParser(NUMERIC, Number);
pg.types.setTypeParser(DATE, (value: string) => value);
const pgliteParsers = { [INT8]: Number, [NUMERIC]: Number, [DATE]: (value: string) => value };

export type Database = Knex;

interface QueryObject {
  method?: string;
  returning?: unknown;
  output?: unknown;
  response: { affectedRows?: number };
}

/**
 * knex-pglite names a delete's command 'DEL', so knex's PostgreSQL dialect does not recognise it
 * and `delete()` answers a raw result instead of the row count that it answers on pg. This makes
 * both backends answer alike.
 */
class PGliteClient extends (ClientPGLite as unknown as new (config: Knex.Config) => {
  processResponse(obj: QueryObject, runner: unknown): unknown;
}) {
  override processResponse(obj: QueryObject, runner: unknown): unknown {
    if (obj.method === 'del' && !obj.returning && !obj.output) return obj.response.affectedRows ?? 0;
    return super.processResponse(obj, runner);
  }
}

export interface DatabaseOptions {
  /** postgres://… for a server; absent: embedded PGlite. */
  url?: string;
  /** PGlite data folder, or 'memory://' for a throwaway in-memory database. */
  dataDir?: string;
  /** PostgreSQL schema to work in (tests isolate themselves this way). */
  schema?: string;
  poolMax?: number;
}

/**
 * PostgreSQL compiles a statement whose estimated cost passes jit_above_cost, which takes
 * 10–30 ms: for the service's short statements (an intake batch's read runs in under a
 * millisecond) a cost estimate from stale statistics made every intake batch pay that
 * compilation. The service's connections run without JIT; the nightly run measured no
 * difference without it (docs/hardening.md).
 */
function withoutJit(connection: pg.Client, done: (error: Error | null, connection: pg.Client) => void): void {
  connection.query('set jit = off').then(
    () => done(null, connection),
    (error: Error) => done(error, connection),
  );
}

/** knex settings shared by the service, the CLI tools and knexfile.ts. */
export function knexConfig(options: DatabaseOptions): Knex.Config {
  const migrations: Knex.MigratorConfig = {
    migrationSource,
    tableName: 'knex_migrations',
    ...(options.schema ? { schemaName: options.schema } : {}),
  };
  if (options.url) {
    return {
      client: 'pg',
      connection: options.url,
      pool: { min: 0, max: options.poolMax ?? 10, afterCreate: withoutJit },
      searchPath: options.schema ? [options.schema, 'public'] : undefined,
      migrations,
    };
  }
  const dataDir = options.dataDir ?? './.data';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return {
    client: PGliteClient as unknown as typeof knexFactory.Client,
    // knex-pglite accepts a ready PGlite instance; ours parses types the way pg does above.
    connection: {
      pglite: new PGlite(dataDir, { parsers: pgliteParsers }),
    } as unknown as Knex.StaticConnectionConfig,
    searchPath: options.schema ? [options.schema, 'public'] : undefined,
    migrations,
  };
}

export function createDatabase(options: DatabaseOptions): Database {
  return knexFactory(knexConfig(options));
}
