import type { Travel } from '../../solver/index.ts';
import type { Routing, RoutingSource } from './types.ts';

export interface ProblemTravel {
  /** problem.travel for the solver. */
  travel: Travel;
  source: RoutingSource;
  /** Set when OSRM is configured but (some) times are great-circle estimates; show it with the plan. */
  fallbackReason?: string;
}

/**
 * The travel section of a dispatch problem. Without OSRM, and when OSRM fails, the solver's own
 * great-circle mode with the routing's parameters: the same minutes as a matrix would hold, without
 * an n × n matrix in the problem. With OSRM, a matrix over the locations' ids.
 */
export async function travelForProblem(
  routing: Routing,
  locations: readonly { id: string; lon?: number; lat?: number }[],
): Promise<ProblemTravel> {
  const greatCircle: ProblemTravel['travel'] = { mode: 'greatCircle', ...routing.greatCircle };
  if (routing.configured === 'great-circle' || locations.length === 0) {
    return { travel: greatCircle, source: 'great-circle' };
  }
  const points = locations.map((location) => {
    if (location.lon === undefined || location.lat === undefined) {
      throw new RangeError(`location ${location.id} has no coordinates to route from`);
    }
    return { lon: location.lon, lat: location.lat };
  });
  const matrix = await routing.matrix(points);
  const fallback = matrix.fallbackReason ? { fallbackReason: matrix.fallbackReason } : {};
  if (matrix.source === 'great-circle') return { travel: greatCircle, source: 'great-circle', ...fallback };
  return {
    travel: {
      mode: 'matrix',
      ids: locations.map((location) => location.id),
      minutes: matrix.durationsMinutes,
    },
    source: 'osrm',
    ...fallback,
  };
}
