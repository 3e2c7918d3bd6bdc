import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, startDraining } from './app.ts';
import { drainServer } from './http/graceful-shutdown.ts';
import { loadConfig } from './config.ts';
import { createDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createLogger } from './logger.ts';
import { loadDemoNetwork } from './demo/load-demo.ts';
import { ensureDemoTokens } from './demo/demo-tokens.ts';
import { createServices } from './services.ts';

/**
 * The composition root: reads the configuration, opens the database (embedded PGlite unless
 * DATABASE_URL is set), migrates, builds the services and listens.
 */
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const db = createDatabase({
  url: config.DATABASE_URL,
  dataDir: config.DATA_DIR,
  ...(config.DATABASE_SCHEMA ? { schema: config.DATABASE_SCHEMA } : {}),
});
await migrateToLatest(db);
const services = createServices({ db, config, logger, now: () => new Date() });
if (config.DEMO_DATA) {
  const demoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'demo');
  await loadDemoNetwork({ db, services, logger, now: () => new Date() }, demoDir);
}
// Access: the configured admin token, then (demo only) one token per role; docs/access.md.
if (config.ADMIN_TOKEN) {
  const outcome = await services.accessTokens.ensureBootstrapAdmin(config.ADMIN_TOKEN);
  if (outcome === 'revoked') logger.warn('ADMIN_TOKEN was revoked through the API; it stays refused');
  else logger.info({ outcome }, 'ADMIN_TOKEN admin token in force');
}
if (config.DEMO_DATA)
  await ensureDemoTokens({ tokens: services.accessTokens, dataDir: config.DATA_DIR, logger });
if (!(await services.accessTokens.anyActiveOtherThan([])))
  logger.warn(
    'no API token is in force: every /api request will be refused; set ADMIN_TOKEN (docs/access.md)',
  );
// With JOB_RUNNER=pg-boss: connect to the job queue, and take jobs unless WORK_JOBS=false.
await services.jobs.start();
const app = createApp({ config, db, logger, services });
// Every replica schedules the nightly reorder run; the run's advisory lock lets one of them do it.
const reorderScheduler = services.reorder.createScheduler();
reorderScheduler.start();
const server = app.listen(config.PORT, config.HOST, () => {
  logger.info(
    {
      url: `http://${config.HOST}:${config.PORT}`,
      database: config.DATABASE_URL ? 'postgresql' : `pglite ${config.DATA_DIR}`,
    },
    'spares-dispatch listening',
  );
});

// Load the solver into its worker threads now, so the first plan does not wait for it (a pure API
// replica solves nothing).
if (services.jobs.mode !== 'pg-boss sender')
  void services.dispatchPlans
    .warm()
    .catch((error: unknown) => logger.error({ err: error }, 'solver workers failed to start'));

/**
 * Graceful shutdown on SIGTERM or SIGINT: readiness fails and the server stops accepting; requests
 * in flight finish (for at most SHUTDOWN_TIMEOUT_MS); then the scheduler, the worker pools and the
 * database close and the process exits 0 (1 if requests had to be cut). A second signal exits at once.
 */
let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) {
    logger.warn({ signal }, 'second signal: exiting now');
    process.exit(1);
  }
  shuttingDown = true;
  logger.info(
    { signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
    'shutting down: finishing requests in flight',
  );
  startDraining(app);
  const stoppingScheduler = reorderScheduler.stop();
  const { forced } = await drainServer(server, config.SHUTDOWN_TIMEOUT_MS);
  if (forced) logger.warn('requests still in flight after the shutdown timeout were cut');
  const results = await Promise.allSettled([
    stoppingScheduler,
    // Jobs this process holds finish first (simulations are aborted and their runs failed).
    services.jobs.stop(config.SHUTDOWN_TIMEOUT_MS).then(() => services.dispatchPlans.close()),
    services.scenarioRuns.close(),
  ]);
  for (const result of results)
    if (result.status === 'rejected') logger.error({ err: result.reason }, 'a component failed to stop');
  await db.destroy();
  logger.info({ forced }, 'shut down');
  process.exit(forced ? 1 : 0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
