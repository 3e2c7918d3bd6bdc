import type { Request, RequestHandler } from 'express';
import type { Metrics } from './metrics.ts';

/**
 * The route pattern a request matched (`/api/v1/tickets/:id`), or `unmatched`: labels must come
 * from a bounded set, so the raw URL (ids, query strings, a fuzzer's garbage) never becomes one.
 */
export function routePattern(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (!route || typeof route.path !== 'string') return 'unmatched';
  // A router resets req.baseUrl when an error leaves it; the mount path was kept on the way in.
  const base = (req.res?.locals[MOUNT_PATH] as string | undefined) ?? req.baseUrl;
  return `${base}${route.path}`;
}

const MOUNT_PATH = 'metricsMountPath';

/** Put in front of a mounted router, so requests that end in the error handler keep their route. */
export const rememberMountPath: RequestHandler = (req, res, next) => {
  res.locals[MOUNT_PATH] = req.baseUrl;
  next();
};

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
