import osrmTextInstructions from 'osrm-text-instructions';
import { stopLabel } from './straight-instructions.ts';
import type { OsrmRoute, OsrmStep } from './osrm-client.ts';
import type { LineString, RouteLeg, RouteOptions, RouteStep } from './types.ts';

const instructions = osrmTextInstructions('v5');

/**
 * OSRM's route answer as legs with turn-by-turn text. OSRM gives geometry per step (the
 * overview belongs to the whole route), so a leg's line is its steps' lines joined.
 */
export function osrmRouteToLegs(response: OsrmRoute, options: RouteOptions): RouteLeg[] {
  const legs = response.routes[0]!.legs;
  return legs.map((leg, legIndex) => ({
    geometry: joinLines(leg.steps.map((step) => step.geometry)),
    distanceKm: leg.distance / 1000,
    durationMinutes: leg.duration / 60,
    steps: leg.steps.map((step): RouteStep => ({
      instruction: instructions.compile(options.language, step, {
        legCount: legs.length,
        legIndex,
        // Always named: the library's zh-Hans text for an unnamed last stop lacks its ordinal.
        waypointName: stopLabel(options.language, legIndex + 1, options.stopNames?.[legIndex + 1]),
      }),
      distanceKm: step.distance / 1000,
      durationMinutes: step.duration / 60,
      location: step.maneuver.location,
    })),
  }));
}

/** Consecutive lines share their joining position; it is kept once. */
function joinLines(lines: readonly OsrmStep['geometry'][]): LineString {
  const coordinates: [number, number][] = [];
  for (const line of lines) {
    for (const position of line.coordinates) {
      const last = coordinates[coordinates.length - 1];
      if (last && last[0] === position[0] && last[1] === position[1]) continue;
      coordinates.push(position);
    }
  }
  // A leg between two snapped-together waypoints can be a single point; GeoJSON needs two.
  if (coordinates.length === 1) coordinates.push(coordinates[0]!);
  return { type: 'LineString', coordinates };
}
