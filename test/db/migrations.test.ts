import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migration-source.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

describe('migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  it('lists every migration file, in timestamp order', () => {
    const files = readdirSync(path.join(import.meta.dirname, '../../src/db/migrations'))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(migrations.map(([name]) => name)).toEqual(files);
  });

  it('rolls all the way back and forward again', async () => {
    const [, rolledBack] = await t.db.migrate.rollback(undefined, true);
    expect(rolledBack).toHaveLength(migrations.length);
    const tables = await t.db.raw(
      `select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_name not like 'knex_%'`,
    );
    expect(tables.rows[0].n).toBe(0);
    const [, applied] = await t.db.migrate.latest();
    expect(applied).toHaveLength(migrations.length);
  });
});
