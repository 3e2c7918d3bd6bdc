import type { Request, RequestHandler } from 'express';
import type { Metrics } from './metrics.ts';

/**
 * The route pattern a request matched (`/api/v1/tickets/:id`), or `unmatched`: labels must come
 * from a bounded set, so the raw URL (ids, query strings, a fuzzer's garbage) never becomes one.
 */
export function routePattern(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (!route || typeof route.path !== 'string') return 'unmatched';
  return `${req.baseUrl}${route.path}`;
}

/** Times every request from arrival to the last byte written, into the request-duration histogram. */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeRequest(
        { method: req.method, route: routePattern(req), status: res.statusCode },
        seconds,
      );
    });
    next();
  };
}
