import type { TravelModel } from '../travel.ts';
import type { TimeUnits } from '../units.ts';

/** The cache never grows past 2^18 slots (4 MiB) and starts from 2^10 for tiny problems. */
const MAX_SLOTS_LOG2 = 18;
const MIN_SLOTS_LOG2 = 10;
/** Up to this many locations every leg gets its own cell (at most 8 MiB), filled on first use. */
const MAX_DENSE_LOCATIONS = 1024;

/**
 * A fixed-size, direct-mapped cache of leg times. A national network has too many location pairs
 * for a full matrix, and a Map of millions of legs is slower than recomputing the great-circle
 * distance, so each slot holds the last leg that hashed to it: bounded memory, a few
 * nanoseconds per hit, and exact values because a miss falls through to the travel model.
 */
export interface LegCache {
  units(from: number, to: number): TimeUnits;
}

export function createLegCache(
  compute: (from: number, to: number) => TimeUnits,
  locations: number,
): LegCache {
  if (locations <= MAX_DENSE_LOCATIONS) return createDenseCache(compute, locations);
  // About sixteen slots per location: a route's legs, its neighbours' and its depots' fit.
  const wanted = Math.ceil(Math.log2(Math.max(2, locations * 16)));
  const bits = Math.min(MAX_SLOTS_LOG2, Math.max(MIN_SLOTS_LOG2, wanted));
  const slots = 1 << bits;
  const fromKey = new Int32Array(slots).fill(-1);
  const toKey = new Int32Array(slots);
  const value = new Float64Array(slots);
  return {
    units(from: number, to: number): TimeUnits {
      if (from === to) return compute(from, to);
      const slot = (Math.imul(from, 0x9e3779b1) ^ Math.imul(to, 0x85ebca6b)) >>> (32 - bits);
      if (fromKey[slot] === from && toKey[slot] === to) return value[slot]!;
      const units = compute(from, to);
      fromKey[slot] = from;
      toKey[slot] = to;
      value[slot] = units;
      return units;
    },
  };
}

/**
 * A full matrix for small networks (Solomon, the random test problems, a city's day): one array
 * read per leg, which is what the search's inner loop does most, and no hashing.
 */
function createDenseCache(compute: (from: number, to: number) => TimeUnits, locations: number): LegCache {
  const value = new Float64Array(locations * locations).fill(Number.NaN);
  return {
    units(from: number, to: number): TimeUnits {
      const cell = from * locations + to;
      const known = value[cell]!;
      if (!Number.isNaN(known)) return known;
      const units = compute(from, to);
      value[cell] = units;
      return units;
    },
  };
}

/** Engineer driving legs, in time units, rounded once per leg as travel.ts does. */
export function createTravelCache(travel: TravelModel): LegCache {
  return createLegCache((from, to) => travel.units(from, to), travel.size);
}
