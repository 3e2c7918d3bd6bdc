import { bearing } from '@turf/bearing';
import { distance } from '@turf/distance';
import { createTravelModel, Travel } from '../../solver/index.ts';
import { straightLegInstructions } from './straight-instructions.ts';
import type { GreatCircleParameters, LonLat, Route, RouteLeg, RouteOptions, TravelMatrix } from './types.ts';

/** The solver's own defaults (problem.travel when a problem leaves it out). */
export const defaultGreatCircle: GreatCircleParameters = (() => {
  const travel = Travel.parse({ mode: 'greatCircle' });
  if (travel.mode !== 'greatCircle') throw new Error('unreachable');
  return { speedKmh: travel.speedKmh, circuity: travel.circuity };
})();

/**
 * Estimates from straight lines. Durations come from the solver's travel model itself, so a plan
 * solved on great-circle travel and a matrix built here agree to the minute.
 */
export function createGreatCircle(parameters: GreatCircleParameters = defaultGreatCircle) {
  const roadKm = (a: LonLat, b: LonLat): number =>
    distance([a.lon, a.lat], [b.lon, b.lat], { units: 'kilometers' }) * parameters.circuity;

  function matrix(points: readonly LonLat[]): TravelMatrix {
    const model = createTravelModel({
      locations: points.map((point, i) => ({ id: String(i), lon: point.lon, lat: point.lat, kind: 'site' })),
      travel: { mode: 'greatCircle', ...parameters },
    });
    const durationsMinutes = points.map((_, i) => points.map((_, j) => model.minutes(i, j)));
    const distancesKm = points.map((a, i) => points.map((b, j) => (i === j ? 0 : roadKm(a, b))));
    return { durationsMinutes, distancesKm, source: 'great-circle' };
  }

  function route(points: readonly LonLat[], options: RouteOptions): Omit<Route, 'source'> {
    const durations = matrix(points).durationsMinutes;
    const legs: RouteLeg[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const from = points[i]!;
      const to = points[i + 1]!;
      const distanceKm = roadKm(from, to);
      const durationMinutes = durations[i]![i + 1]!;
      const heading = bearing([from.lon, from.lat], [to.lon, to.lat]);
      const text = straightLegInstructions(options.language, {
        bearing: heading,
        distanceKm,
        stopName: options.stopNames?.[i + 1],
        stopNumber: i + 1,
      });
      legs.push({
        geometry: {
          type: 'LineString',
          coordinates: [
            [from.lon, from.lat],
            [to.lon, to.lat],
          ],
        },
        distanceKm,
        durationMinutes,
        steps: [
          { instruction: text.depart, distanceKm, durationMinutes, location: [from.lon, from.lat] },
          { instruction: text.arrive, distanceKm: 0, durationMinutes: 0, location: [to.lon, to.lat] },
        ],
      });
    }
    return { legs };
  }

  return { matrix, route };
}
