import { createServer, type Server } from 'node:http';
import { loadConfig } from './config.ts';
import { createDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createLogger } from './logger.ts';
import { createServices } from './services.ts';

/**
 * A worker process (`npm run worker`): takes dispatch-plan solves and scenario runs from the
 * pg-boss queue and runs them with the same services as the API (solver and simulation worker
 * threads inside it), writing the results to the same rows. It serves no API, only its own
 * Prometheus metrics (solve times are measured where solves run: here); start as many as the
 * solves and simulations need (docs/scale-out.md).
 */
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL).child({ process: 'worker' });
if (config.JOB_RUNNER !== 'pg-boss' || !config.WORK_JOBS) {
  logger.fatal('a worker needs JOB_RUNNER=pg-boss (with DATABASE_URL) and WORK_JOBS not false');
  process.exit(1);
}
const db = createDatabase({
  url: config.DATABASE_URL,
  ...(config.DATABASE_SCHEMA ? { schema: config.DATABASE_SCHEMA } : {}),
});
await migrateToLatest(db);
const services = createServices({ db, config, logger, now: () => new Date() });
await services.dispatchPlans.warm();
await services.jobs.start();
const metricsServer =
  config.METRICS_ENABLED && config.WORKER_METRICS_PORT > 0
    ? serveMetrics(config.WORKER_METRICS_PORT)
    : undefined;
logger.info({ jobsSchema: config.JOBS_SCHEMA }, 'worker ready');

/**
 * GET /metrics (this process's registry: solve durations, process metrics, and the gauges every
 * replica reads from the database) and GET /healthz. A port already taken is logged, not fatal:
 * the jobs matter more than their metrics.
 */
function serveMetrics(port: number): Server {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      const { registry } = services.metrics;
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (error: unknown) => {
          logger.error({ err: error }, 'metrics scrape failed');
          res.writeHead(500).end();
        },
      );
      return;
    }
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    res.writeHead(404).end();
  });
  server.on('error', (error) => logger.error({ err: error, port }, 'worker metrics not served'));
  server.listen(port, config.HOST, () => logger.info({ host: config.HOST, port }, 'worker metrics served'));
  return server;
}

/**
 * SIGTERM or SIGINT: stop taking jobs; solves held finish (for at most SHUTDOWN_TIMEOUT_MS),
 * simulations are aborted and their runs failed; then the threads and the database close.
 */
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) process.exit(1);
  stopping = true;
  logger.info({ signal }, 'worker stopping');
  metricsServer?.close();
  const results = await Promise.allSettled([
    services.jobs.stop(config.SHUTDOWN_TIMEOUT_MS).then(() => services.dispatchPlans.close()),
    services.scenarioRuns.close(),
  ]);
  for (const result of results)
    if (result.status === 'rejected') logger.error({ err: result.reason }, 'a component failed to stop');
  await db.destroy();
  logger.info('worker stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
