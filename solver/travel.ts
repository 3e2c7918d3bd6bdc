import type { Problem } from './problem.schema.ts';
import { minutesToUnits, type TimeUnits } from './units.ts';

/**
 * Travel times between the problem's locations, by index. Great-circle times are computed on
 * demand (a national network has too many sites for a full matrix), matrix times are looked up.
 * Both the solver and the checker use this module, so they agree on every leg to the unit.
 */
export interface TravelModel {
  /** Number of locations; indices run 0..size-1 in the order of `problem.locations`. */
  readonly size: number;
  indexOf(locationId: string): number;
  /** Driving minutes from one location to another (unrounded). */
  minutes(from: number, to: number): number;
  /** Driving time in integer time units, rounded once per leg. */
  units(from: number, to: number): TimeUnits;
}

export function createTravelModel(problem: Pick<Problem, 'locations' | 'travel'>): TravelModel {
  const index = new Map<string, number>();
  problem.locations.forEach((location, i) => index.set(location.id, i));
  const indexOf = (locationId: string): number => {
    const i = index.get(locationId);
    if (i === undefined) throw new Error(`unknown location ${locationId}`);
    return i;
  };
  const travel = problem.travel;

  if (travel.mode === 'matrix') {
    const matrixIndex = new Map<string, number>();
    travel.ids.forEach((locationId, i) => matrixIndex.set(locationId, i));
    const rowOf = problem.locations.map((location) => matrixIndex.get(location.id) ?? -1);
    const minutes = (from: number, to: number): number => travel.minutes[rowOf[from]!]![rowOf[to]!]!;
    return {
      size: problem.locations.length,
      indexOf,
      minutes,
      units: (from, to) => minutesToUnits(minutes(from, to)),
    };
  }

  const minutesPerKm = (travel.circuity / travel.speedKmh) * 60;
  const kilometres = createGreatCircle(problem.locations);
  const minutes = (from: number, to: number): number =>
    from === to ? 0 : kilometres(from, to) * minutesPerKm;
  return {
    size: problem.locations.length,
    indexOf,
    minutes,
    units: (from, to) => minutesToUnits(minutes(from, to)),
  };
}

/** turf's mean earth radius (`@turf/helpers` earthRadius / 1000), in km. */
const EARTH_RADIUS_KM = 63710088e-1 / 1e3;

/** turf's `degreesToRadians`, operation for operation. */
const toRadians = (degrees: number): number => ((degrees % 360) * Math.PI) / 180;

/**
 * Great-circle km between two locations by index: the haversine of `@turf/distance`, the same
 * floating-point operations in the same order (so the same bits, which test/solver/travel tests
 * against turf), with each location's latitude cosine computed once instead of per call. turf's
 * argument checks and unit lookup were a fifth of construction time on large days.
 */
function createGreatCircle(
  locations: readonly { readonly lat?: number | undefined; readonly lon?: number | undefined }[],
): (from: number, to: number) => number {
  const count = locations.length;
  const lat = new Float64Array(count);
  const lon = new Float64Array(count);
  const cosLat = new Float64Array(count);
  locations.forEach((location, i) => {
    lat[i] = location.lat ?? 0;
    lon[i] = location.lon ?? 0;
    cosLat[i] = Math.cos(toRadians(lat[i]!));
  });
  return (from, to) => {
    const dLat = toRadians(lat[to]! - lat[from]!);
    const dLon = toRadians(lon[to]! - lon[from]!);
    const a = Math.pow(Math.sin(dLat / 2), 2) + Math.pow(Math.sin(dLon / 2), 2) * cosLat[from]! * cosLat[to]!;
    return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * EARTH_RADIUS_KM;
  };
}
