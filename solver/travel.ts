import { distance } from '@turf/distance';
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

  const coordinates = problem.locations.map((location) => [location.lon ?? 0, location.lat ?? 0]);
  const minutesPerKm = (travel.circuity / travel.speedKmh) * 60;
  const minutes = (from: number, to: number): number =>
    from === to ? 0 : distance(coordinates[from]!, coordinates[to]!, { units: 'kilometers' }) * minutesPerKm;
  return {
    size: problem.locations.length,
    indexOf,
    minutes,
    units: (from, to) => minutesToUnits(minutes(from, to)),
  };
}
