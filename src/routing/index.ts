import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createGreatCircle, defaultGreatCircle, type GreatCircleParameters } from './great-circle.ts';
import { createOsrmClient, describeFailure } from './osrm-client.ts';
import { createOsrmMatrix } from './osrm-matrix.ts';
import { osrmRouteToLegs } from './osrm-route.ts';
import type { LonLat, Route, RouteOptions, Routing, TravelMatrix } from './types.ts';

export * from './types.ts';
export { defaultGreatCircle, type GreatCircleParameters } from './great-circle.ts';

export interface RoutingDeps {
  config: Pick<Config, 'OSRM_URL' | 'OSRM_TIMEOUT_MS'> & Partial<Pick<Config, 'OSRM_MAX_TABLE_SIZE'>>;
  logger: Logger;
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
  /** The great-circle model's speed and circuity; default the solver's own defaults. */
  greatCircle?: GreatCircleParameters;
  /** Most sources (and destinations) in one OSRM table request; default config.OSRM_MAX_TABLE_SIZE, else 100. */
  maxTableSize?: number;
  /** Most point pairs kept in the matrix cache. */
  cachePairs?: number;
  /** OSRM table requests in flight at once. */
  concurrency?: number;
}

/**
 * Routing for the service. Without OSRM_URL: the embedded great-circle model. With it: OSRM's
 * table and route services, each request bounded by OSRM_TIMEOUT_MS; any failure falls back to
 * the great-circle model, logged as a warning and reported in the result's fallbackReason.
 */
export function createRouting(deps: RoutingDeps): Routing {
  const greatCircle = createGreatCircle(deps.greatCircle ?? defaultGreatCircle);
  const baseUrl = deps.config.OSRM_URL;
  if (!baseUrl) {
    return {
      configured: 'great-circle',
      matrix: async (points) => greatCircle.matrix(points),
      route: async (points, options) => {
        requireTwoPoints(points);
        return { ...greatCircle.route(points, options), source: 'great-circle' };
      },
    };
  }

  const client = createOsrmClient({
    baseUrl,
    timeoutMs: deps.config.OSRM_TIMEOUT_MS,
    fetch: deps.fetch ?? globalThis.fetch,
  });
  const osrmMatrix = createOsrmMatrix({
    client,
    maxTableSize: deps.maxTableSize ?? deps.config.OSRM_MAX_TABLE_SIZE ?? 100,
    cachePairs: deps.cachePairs ?? 1_000_000,
    concurrency: deps.concurrency ?? 4,
    estimate: greatCircle.matrix,
  });
  const logger = deps.logger.child({ component: 'routing' });

  async function matrix(points: readonly LonLat[]): Promise<TravelMatrix> {
    try {
      return await osrmMatrix.matrix(points);
    } catch (error) {
      const fallbackReason = `OSRM table failed (${describeFailure(error)}); great-circle estimate used`;
      logger.warn({ err: error, points: points.length, fallbackReason }, 'routing fell back to great-circle');
      return { ...greatCircle.matrix(points), fallbackReason };
    }
  }

  async function route(points: readonly LonLat[], options: RouteOptions): Promise<Route> {
    requireTwoPoints(points);
    try {
      const response = await client.route(points);
      return { legs: osrmRouteToLegs(response, options), source: 'osrm' };
    } catch (error) {
      const fallbackReason = `OSRM route failed (${describeFailure(error)}); straight-line estimate used`;
      logger.warn({ err: error, points: points.length, fallbackReason }, 'routing fell back to great-circle');
      return { ...greatCircle.route(points, options), source: 'great-circle', fallbackReason };
    }
  }

  return { configured: 'osrm', matrix, route };
}

function requireTwoPoints(points: readonly LonLat[]): void {
  if (points.length < 2) throw new RangeError(`a route needs at least two points, got ${points.length}`);
}
