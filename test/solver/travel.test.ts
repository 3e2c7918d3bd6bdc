import { distance } from '@turf/distance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTravelModel } from '../../solver/travel.ts';

const coordinate = fc.record({
  lat: fc.double({ min: -89.9, max: 89.9, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
});

describe('great-circle travel', () => {
  it('gives exactly the minutes of @turf/distance (the same bits), so plans do not change', () => {
    fc.assert(
      fc.property(coordinate, coordinate, fc.double({ min: 10, max: 120, noNaN: true }), (a, b, speedKmh) => {
        const travel = createTravelModel({
          locations: [
            { id: 'a', kind: 'site', ...a },
            { id: 'b', kind: 'site', ...b },
          ],
          travel: { mode: 'greatCircle', speedKmh, circuity: 1.3 },
        });
        const km = distance([a.lon, a.lat], [b.lon, b.lat], { units: 'kilometers' });
        expect(travel.minutes(0, 1)).toBe(km * ((1.3 / speedKmh) * 60));
        expect(travel.minutes(1, 0)).toBe(
          distance([b.lon, b.lat], [a.lon, a.lat], { units: 'kilometers' }) * ((1.3 / speedKmh) * 60),
        );
        expect(travel.minutes(0, 0)).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });
});
