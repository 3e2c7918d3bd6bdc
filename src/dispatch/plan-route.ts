import type { Plan, Problem } from '../../solver/index.ts';
import type { LonLat, RouteLanguage, Routing, RouteStep } from '../routing/index.ts';

/** One engineer's day as GeoJSON (RFC 7946): the legs as LineStrings, the stops as Points. */
export interface RouteFeatureCollection {
  type: 'FeatureCollection';
  features: Array<
    | {
        type: 'Feature';
        geometry: { type: 'Point'; coordinates: [number, number] };
        properties: Record<string, unknown>;
      }
    | {
        type: 'Feature';
        geometry: { type: 'LineString'; coordinates: [number, number][] };
        properties: Record<string, unknown> & { instructions: RouteStep[] };
      }
  >;
  /** Foreign members (RFC 7946 §6.1): which plan, engineer and language, and where the roads came from. */
  planId: string;
  engineer: string;
  language: RouteLanguage;
  source: 'osrm' | 'great-circle' | null;
  fallbackReason?: string;
  distanceKm: number;
  durationMinutes: number;
}

interface Waypoint {
  location: string;
  point: LonLat;
  properties: Record<string, unknown>;
}

/**
 * The stops of the engineer's route in the plan, from where they start to where they end, each
 * with the plan's times. Returns undefined when the plan has no route for the engineer.
 */
export function routeWaypoints(problem: Problem, plan: Plan, engineerId: string): Waypoint[] | undefined {
  const engineer = problem.engineers.find((e) => e.id === engineerId);
  const route = plan.routes.find((r) => r.engineer === engineerId);
  if (!engineer || !route) return undefined;
  const locations = new Map(problem.locations.map((l) => [l.id, l]));
  const at = (id: string): LonLat => {
    const location = locations.get(id);
    // The service builds problems with coordinates; a location without them cannot be drawn.
    if (location?.lon === undefined || location.lat === undefined)
      throw new Error(`location ${id} of the plan has no coordinates`);
    return { lon: location.lon, lat: location.lat };
  };
  const waypoints: Waypoint[] = [
    {
      location: engineer.start,
      point: at(engineer.start),
      properties: { type: 'start', depart: engineer.availableFrom },
    },
  ];
  for (const stop of route.stops) {
    const properties =
      stop.type === 'ticket'
        ? { type: 'ticket', ticket: stop.ticket, arrive: stop.arrive, depart: stop.depart }
        : { type: 'pickup', skus: stop.skus, arrive: stop.arrive, depart: stop.depart };
    waypoints.push({ location: stop.location, point: at(stop.location), properties });
  }
  if (engineer.end)
    waypoints.push({
      location: engineer.end,
      point: at(engineer.end),
      properties: { type: 'end', arrive: route.finish ?? null },
    });
  return waypoints;
}

/**
 * The route as GeoJSON with turn-by-turn instructions from the routing edge (OSRM's roads and
 * osrm-text-instructions when configured, straight great-circle legs otherwise).
 */
export async function routeGeoJson(options: {
  planId: string;
  engineerId: string;
  waypoints: Waypoint[];
  names: ReadonlyMap<string, string>;
  routing: Routing;
  language: RouteLanguage;
}): Promise<RouteFeatureCollection> {
  const { waypoints, language } = options;
  const stops = waypoints.map((w, i) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [w.point.lon, w.point.lat] as [number, number] },
    properties: {
      sequence: i,
      location: w.location,
      name: options.names.get(w.location) ?? w.location,
      ...w.properties,
    },
  }));
  const base = {
    type: 'FeatureCollection' as const,
    planId: options.planId,
    engineer: options.engineerId,
    language,
  };
  if (waypoints.length < 2)
    return { ...base, features: stops, source: null, distanceKm: 0, durationMinutes: 0 };

  const route = await options.routing.route(
    waypoints.map((w) => w.point),
    { language, stopNames: stops.map((s) => s.properties.name) },
  );
  const legs = route.legs.map((leg, i) => ({
    type: 'Feature' as const,
    geometry: leg.geometry,
    properties: {
      leg: i,
      from: waypoints[i]!.location,
      to: waypoints[i + 1]!.location,
      distanceKm: leg.distanceKm,
      durationMinutes: leg.durationMinutes,
      instructions: leg.steps,
    },
  }));
  const sum = (pick: (leg: (typeof route.legs)[number]) => number) =>
    Math.round(route.legs.reduce((total, leg) => total + pick(leg), 0) * 100) / 100;
  return {
    ...base,
    features: [...legs, ...stops],
    source: route.source,
    ...(route.fallbackReason ? { fallbackReason: route.fallbackReason } : {}),
    distanceKm: sum((leg) => leg.distanceKm),
    durationMinutes: sum((leg) => leg.durationMinutes),
  };
}
