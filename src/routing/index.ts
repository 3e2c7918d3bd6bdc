import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { createGreatCircle, defaultGreatCircle } from './great-circle.ts';
import { createOsrmClient, describeFailure } from './osrm-client.ts';
import { createOsrmMatrix } from './osrm-matrix.ts';
import { osrmRouteToLegs } from './osrm-route.ts';
import type { GreatCircleParameters, LonLat, Route, RouteOptions, Routing, TravelMatrix } from './types.ts';

export * from './types.ts';
export { defaultGreatCircle } from './great-circle.ts';
export { travelForProblem, type ProblemTravel } from './solver-travel.ts';

export interface RoutingDeps {
  config: Pick<Config, 'OSRM_URL' | 'OSRM_TIMEOUT_MS'> & Partial<Pick<Config, 'OSRM_MAX_TABLE_SIZE'>>;
  logger: Logger;
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
  /** The great-circle model's speed and circuity; default the solver's own defaults. */
  greatCircle?: GreatCircleParameters;
  /** Most sources (and destinations) in one OSRM table request; default config.OSRM_MAX_TABLE_SIZE, else 100. */
  maxTableSize?: number;
  /** Most point pairs kept in the matrix cache; default 250,000 (about 70 MB, a 500-place matrix). */
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
  const parameters = deps.greatCircle ?? defaultGreatCircle;
  const greatCircle = createGreatCircle(parameters);
  const baseUrl = deps.config.OSRM_URL;
  if (!baseUrl) {
    return {
      configured: 'great-circle',
      greatCircle: parameters,
      matrix: async (points) => greatCircle.matrix(checkPoints(points)),
      route: async (points, options) => {
        requireTwoPoints(checkPoints(points));
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
    cachePairs: deps.cachePairs ?? 250_000,
    concurrency: deps.concurrency ?? 4,
    estimate: greatCircle.matrix,
  });
  const logger = deps.logger.child({ component: 'routing' });

  async function matrix(points: readonly LonLat[]): Promise<TravelMatrix> {
    checkPoints(points);
    try {
      return await osrmMatrix.matrix(points);
    } catch (error) {
      const fallbackReason = `OSRM table failed (${describeFailure(error)}); great-circle estimate used`;
      logger.warn({ err: error, points: points.length, fallbackReason }, 'routing fell back to great-circle');
      return { ...greatCircle.matrix(points), fallbackReason };
    }
  }

  async function route(points: readonly LonLat[], options: RouteOptions): Promise<Route> {
    requireTwoPoints(checkPoints(points));
    try {
      const response = await client.route(points);
      return { legs: osrmRouteToLegs(response, options), source: 'osrm' };
    } catch (error) {
      const fallbackReason = `OSRM route failed (${describeFailure(error)}); straight-line estimate used`;
      logger.warn({ err: error, points: points.length, fallbackReason }, 'routing fell back to great-circle');
      return { ...greatCircle.route(points, options), source: 'great-circle', fallbackReason };
    }
  }

  return { configured: 'osrm', greatCircle: parameters, matrix, route };
}

/** A caller's bug (a site without coordinates), not a routing failure: thrown, never a fallback. */
function checkPoints(points: readonly LonLat[]): readonly LonLat[] {
  points.forEach((point, i) => {
    const valid =
      Number.isFinite(point.lon) &&
      Number.isFinite(point.lat) &&
      Math.abs(point.lon) <= 180 &&
      Math.abs(point.lat) <= 90;
    if (!valid) throw new RangeError(`point ${i} is not a longitude/latitude: ${JSON.stringify(point)}`);
  });
  return points;
}

function requireTwoPoints(points: readonly LonLat[]): void {
  if (points.length < 2) throw new RangeError(`a route needs at least two points, got ${points.length}`);
}
