import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import express, { type Express } from 'express';
import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import { registerAccessRoutes } from './auth/access-token.routes.ts';
import { createAuthorizer } from './auth/authorize.ts';
import type { Config } from './config.ts';
import type { Database } from './db/connection.ts';
import { migrationState } from './db/migrate.ts';
import { createApi } from './http/api.ts';
import { CSV_LIMIT_SETTING } from './http/csv.ts';
import { createErrorHandler, notFoundHandler } from './http/error-handler.ts';
import { rejectDeepJson } from './http/json-depth.ts';
import { rejectNulCharacters } from './http/nul-characters.ts';
import { corsFromConfig, rateLimitFromConfig, securityHeaders } from './http/security.ts';
import type { Logger } from './logger.ts';
import { httpMetrics, rememberMountPath, routePattern } from './metrics/http-metrics.ts';
import { registerApiRoutes } from './routes.ts';
import { mountConsole } from './console/console.routes.ts';
import { createDemandHistoryReader, registerDemandHistoryRoutes } from './reorder/demand-history.routes.ts';
import type { Services } from './services.ts';

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  services: Services;
}

/** Set by server.ts on SIGTERM: readiness fails and responses close their connections. */
export function startDraining(app: Express): void {
  app.locals.draining = true;
}

/**
 * Builds the HTTP application from its collaborators; listening is server.ts's job, so tests
 * drive the app in-process with supertest.
 */
export function createApp(deps: AppDeps): Express {
  const { config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (config.TRUST_PROXY_HOPS > 0) app.set('trust proxy', config.TRUST_PROXY_HOPS);
  app.set(CSV_LIMIT_SETTING, config.CSV_BODY_LIMIT);
  app.locals.draining = false;
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
      // The matched route pattern beside status and responseTime, so logs group by endpoint.
      customProps: (req) => {
        const route = routePattern(req as express.Request);
        return route === 'unmatched' ? {} : { route };
      },
    }),
  );
  app.use(httpMetrics(deps.services.metrics));
  app.use((_req, res, next) => {
    if (app.locals.draining) res.setHeader('Connection', 'close');
    next();
  });
  app.use(securityHeaders(config));
  const cors = corsFromConfig(config);
  if (cors) app.use(cors);
  app.use(express.json({ limit: config.JSON_BODY_LIMIT }), rejectDeepJson, rejectNulCharacters);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (app.locals.draining) {
      res.status(503).set('Retry-After', '5').json({ status: 'shutting down' });
      return;
    }
    try {
      await deps.db.raw('select 1');
      const migrations = await migrationState(deps.db);
      if (!migrations.current) {
        res
          .status(503)
          .set('Retry-After', '5')
          .json({ status: 'migrations pending', pending: migrations.pending });
        return;
      }
      res.json({
        status: 'ready',
        database: deps.db.client.config.client === 'pg' ? 'postgresql' : 'pglite',
      });
    } catch (error) {
      deps.logger.warn({ err: error }, 'readiness check failed');
      res.status(503).set('Retry-After', '5').json({ status: 'database unreachable' });
    }
  });

  // Every route is guarded by the permission it declares (src/auth/roles.ts says who holds it).
  const authorize = createAuthorizer(deps.services.accessTokens);
  const api = createApi('/api/v1', authorize);
  registerApiRoutes(api, deps.services);
  registerAccessRoutes(api, deps.services.accessTokens);
  registerDemandHistoryRoutes(api, createDemandHistoryReader(deps.db));
  const openApiDocument = new OpenApiGeneratorV31(api.registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Spares dispatch API',
      version: '1',
      description:
        'Spare-parts logistics and dispatch: network, stock ledger, tickets and commitment clocks.',
    },
    servers: [{ url: '/' }],
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  if (config.METRICS_ENABLED)
    app.get('/metrics', async (_req, res) => {
      const { registry } = deps.services.metrics;
      res.type(registry.contentType).send(await registry.metrics());
    });
  const rateLimit = rateLimitFromConfig(config);
  if (rateLimit) app.use('/api', rateLimit);
  app.use('/api/v1', rememberMountPath, api.router);
  // Without a token, a path that is not a route is a 401 like any other: no probing for routes.
  app.use('/api', authorize('authenticated'), notFoundHandler);
  mountConsole(app, deps.config);
  app.use(createErrorHandler(deps.logger));
  return app;
}
