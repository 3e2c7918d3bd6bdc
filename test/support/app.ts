import type { Express } from 'express';
import { createApp } from '../../src/app.ts';
import { parseConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestApp extends TestDatabase {
  app: Express;
  services: Services;
  config: Config;
  /** The fixed clock the services see; tests move it with `setNow`. */
  setNow: (iso: string) => void;
}

/** The real application on a fresh test database, with a controllable clock. */
export async function createTestApp(now = '2026-11-30T08:00:00+08:00'): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'false' });
  const logger = createLogger('silent');
  let current = new Date(now);
  const services = createServices({ db: database.db, config, logger, now: () => current });
  const app = createApp({ config, db: database.db, logger, services });
  return { ...database, app, services, config, setNow: (iso) => (current = new Date(iso)) };
}
