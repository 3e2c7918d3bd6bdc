import type { Database } from './connection.ts';

export interface MigrationState {
  current: boolean;
  pending: string[];
}

/** Brings the schema to the latest migration. */
export async function migrateToLatest(db: Database): Promise<void> {
  await db.migrate.latest();
}

/** Whether every migration on disk has run (readiness depends on it). */
export async function migrationState(db: Database): Promise<MigrationState> {
  const [, pending] = (await db.migrate.list()) as [unknown[], Array<{ file: string } | string>];
  const names = pending.map((entry) => (typeof entry === 'string' ? entry : entry.file));
  return { current: names.length === 0, pending: names };
}
