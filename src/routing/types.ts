/**
 * The routing edge of the service: travel matrices for the problem builder and turn-by-turn
 * routes for a plan's engineers. Either from an OSRM server (OSRM_URL) or from the embedded
 * great-circle model that the solver itself uses (solver/travel.ts), so the two always agree
 * when no road network is configured.
 */

export interface LonLat {
  lon: number;
  lat: number;
}

/** Where numbers came from: a road network (OSRM) or the embedded great-circle estimate. */
export type RoutingSource = 'osrm' | 'great-circle';

export interface TravelMatrix {
  /** durationsMinutes[i][j]: driving minutes from points[i] to points[j]; 0 on the diagonal. */
  durationsMinutes: number[][];
  /** distancesKm[i][j]: road kilometres (great-circle: straight line × circuity). */
  distancesKm: number[][];
  source: RoutingSource;
  /**
   * Why the numbers are not (all) from OSRM although OSRM_URL is set: with source 'great-circle'
   * the whole matrix fell back (timeout, HTTP error, OSRM error code); with source 'osrm' some
   * pairs had no road route and were estimated. Absent when nothing was estimated.
   */
  fallbackReason?: string;
}

export type RouteLanguage = 'en' | 'zh-Hans';
export const routeLanguages: readonly RouteLanguage[] = ['en', 'zh-Hans'];

/** A GeoJSON LineString (RFC 7946), positions as [lon, lat]. */
export interface LineString {
  type: 'LineString';
  coordinates: [number, number][];
}

export interface RouteStep {
  /** Human-readable instruction in the requested language. */
  instruction: string;
  distanceKm: number;
  durationMinutes: number;
  /** Where the maneuver happens, [lon, lat]. */
  location: [number, number];
}

/** The way from one stop to the next. */
export interface RouteLeg {
  geometry: LineString;
  distanceKm: number;
  durationMinutes: number;
  steps: RouteStep[];
}

export interface RouteOptions {
  language: RouteLanguage;
  /** Names of the stops, one per point (index 0: the start); used in "… to <name>" / arrival text. */
  stopNames?: string[];
}

export interface Route {
  /** points.length - 1 legs, in order. */
  legs: RouteLeg[];
  source: RoutingSource;
  /** Why the route is a great-circle estimate although OSRM_URL is set. */
  fallbackReason?: string;
}

/** The great-circle model of solver/travel.ts: road km = straight km × circuity, at speedKmh. */
export interface GreatCircleParameters {
  speedKmh: number;
  circuity: number;
}

export interface Routing {
  /** Which source is configured; results say which one actually answered. */
  readonly configured: RoutingSource;
  /** The great-circle model used without OSRM and on every fallback. */
  readonly greatCircle: GreatCircleParameters;
  /** The full n × n matrix between the points. */
  matrix(points: readonly LonLat[]): Promise<TravelMatrix>;
  /** A route through the points in the given order (at least two points). */
  route(points: readonly LonLat[], options: RouteOptions): Promise<Route>;
}
