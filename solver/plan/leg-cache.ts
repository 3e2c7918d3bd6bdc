import type { TravelModel } from '../travel.ts';
import type { TimeUnits } from '../units.ts';

const SLOTS_LOG2 = 18;
const SLOTS = 1 << SLOTS_LOG2;

/**
 * A fixed-size, direct-mapped cache of leg times. A national network has too many location pairs
 * for a full matrix, and a Map of millions of legs is slower than recomputing the great-circle
 * distance, so each slot holds the last leg that hashed to it: bounded memory, a few
 * nanoseconds per hit, and exact values because a miss falls through to the travel model.
 */
export interface LegCache {
  units(from: number, to: number): TimeUnits;
}

export function createLegCache(compute: (from: number, to: number) => TimeUnits): LegCache {
  const fromKey = new Int32Array(SLOTS).fill(-1);
  const toKey = new Int32Array(SLOTS);
  const value = new Float64Array(SLOTS);
  return {
    units(from: number, to: number): TimeUnits {
      if (from === to) return compute(from, to);
      const slot = (Math.imul(from, 0x9e3779b1) ^ Math.imul(to, 0x85ebca6b)) >>> (32 - SLOTS_LOG2);
      if (fromKey[slot] === from && toKey[slot] === to) return value[slot]!;
      const units = compute(from, to);
      fromKey[slot] = from;
      toKey[slot] = to;
      value[slot] = units;
      return units;
    },
  };
}

/** Engineer driving legs, in time units, rounded once per leg as travel.ts does. */
export function createTravelCache(travel: TravelModel): LegCache {
  return createLegCache((from, to) => travel.units(from, to));
}
