import express, { type Express } from 'express';
import { createApp } from '../../src/app.ts';
import type { Role } from '../../src/auth/roles.ts';
import { parseConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestApp extends TestDatabase {
  /**
   * The application with an admin token added to every request that carries no Authorization
   * header, so tests of what a route does need not think about access; `X-Actor` names who the
   * admin acts for, as it does for any admin token.
   */
  app: Express;
  /** The application as clients see it: no token unless the request sends one. */
  rawApp: Express;
  services: Services;
  config: Config;
  /** The admin token `app` adds (named `api`). */
  adminToken: string;
  /** A token of this role (one per role and test app, named `test-<role>`), for access tests. */
  tokenFor: (role: Role) => Promise<string>;
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
  const rawApp = createApp({ config, db: database.db, logger, services });
  const tokens = new Map<Role, Promise<string>>();
  const tokenFor = (role: Role): Promise<string> => {
    if (!tokens.has(role))
      tokens.set(
        role,
        services.accessTokens.issue({ name: `test-${role}`, role }, 'test').then((issued) => issued.token),
      );
    return tokens.get(role)!;
  };
  // Named `api`, the actor tests have always seen recorded when they send no X-Actor.
  const adminToken = (await services.accessTokens.issue({ name: 'api', role: 'admin' }, 'test')).token;
  const app = express();
  app.disable('x-powered-by');
  // The same locals, so helpers that flag the app (startDraining) reach the real one.
  app.locals = rawApp.locals;
  app.use((req, _res, next) => {
    req.headers.authorization ??= `Bearer ${adminToken}`;
    next();
  });
  app.use(rawApp);
  return {
    ...database,
    app,
    rawApp,
    services,
    config,
    adminToken,
    tokenFor,
    setNow: (iso) => (current = new Date(iso)),
  };
}
