import { TIME_UNITS_PER_MINUTE } from '../units.ts';
import type { Model } from './model.ts';

const EARTH_RADIUS_KM = 6371.0088;

/**
 * A cheap estimate of travel units between two locations, for ordering and pre-filtering only
 * (which engineers are nearest, which holders to measure exactly, which sites are clearly out of
 * reach). In greatCircle mode it is the flat-earth (equirectangular) distance, within a fraction
 * of a percent of the great circle at regional scales and with no trigonometry per call beyond a
 * cosine; in matrix mode it is the matrix itself.
 */
export type ApproxTravel = (from: number, to: number) => number;

export function createApproxTravel(model: Pick<Model, 'problem' | 'legs'>): ApproxTravel {
  const { problem } = model;
  if (problem.travel.mode === 'matrix') return (from, to) => model.legs.units(from, to);
  const rad = Math.PI / 180;
  const count = problem.locations.length;
  const lat = new Float64Array(count);
  const lon = new Float64Array(count);
  problem.locations.forEach((location, i) => {
    lat[i] = (location.lat ?? 0) * rad;
    lon[i] = (location.lon ?? 0) * rad;
  });
  const unitsPerRadian = approxUnitsPerRadian(problem.travel);
  return (from, to) => {
    let dLon = Math.abs(lon[from]! - lon[to]!);
    if (dLon > Math.PI) dLon = 2 * Math.PI - dLon;
    const x = dLon * Math.cos((lat[from]! + lat[to]!) / 2);
    const y = lat[from]! - lat[to]!;
    return Math.sqrt(x * x + y * y) * unitsPerRadian;
  };
}

/** Travel units per radian of flat-earth distance: the estimate's scale, for bounds built on it. */
export function approxUnitsPerRadian(travel: {
  readonly circuity: number;
  readonly speedKmh: number;
}): number {
  return EARTH_RADIUS_KM * (travel.circuity / travel.speedKmh) * 60 * TIME_UNITS_PER_MINUTE;
}
