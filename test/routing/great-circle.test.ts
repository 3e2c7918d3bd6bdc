import { distance } from '@turf/distance';
import { describe, expect, it } from 'vitest';
import { createTravelModel, Problem } from '../../solver/index.ts';
import { createLogger } from '../../src/logger.ts';
import { createRouting } from '../../src/routing/index.ts';

const logger = createLogger('silent');
const routing = createRouting({ config: { OSRM_TIMEOUT_MS: 5000 }, logger });

const places = [
  { lon: 104.0657, lat: 30.6595 }, // Chengdu
  { lon: 104.0657, lat: 31.6595 }, // one degree north
  { lon: 103.7652, lat: 29.5521 }, // Leshan
  { lon: 106.5516, lat: 29.563 }, // Chongqing
];

describe('routing without OSRM_URL (embedded great-circle model)', () => {
  it('is configured as great-circle and says so in every result', async () => {
    expect(routing.configured).toBe('great-circle');
    const matrix = await routing.matrix(places);
    expect(matrix.source).toBe('great-circle');
    expect(matrix.fallbackReason).toBeUndefined();
  });

  it("agrees with the solver's travel model of a default problem, pair by pair", async () => {
    // The problem the solver sees: default travel, i.e. whatever solver/problem.schema.ts says.
    const problem = Problem.parse({
      now: '2026-11-28T08:00:00+08:00',
      locations: places.map((place, i) => ({ id: `L${i}`, kind: 'site', ...place })),
      engineers: [],
      tickets: [],
    });
    const model = createTravelModel(problem);
    const matrix = await routing.matrix(places);
    for (let i = 0; i < places.length; i++) {
      for (let j = 0; j < places.length; j++) {
        expect(matrix.durationsMinutes[i]![j]).toBe(model.minutes(i, j));
      }
    }
  });

  it('uses 60 km/h over 1.3 × the straight line (checked by hand for one degree of latitude)', async () => {
    const matrix = await routing.matrix(places.slice(0, 2));
    // One degree of latitude on turf's sphere (R = 6371.0088 km) is 111.195 km.
    const roadKm = 111.195 * 1.3;
    expect(matrix.distancesKm[0]![1]).toBeCloseTo(roadKm, 2);
    expect(matrix.durationsMinutes[0]![1]).toBeCloseTo((roadKm / 60) * 60, 2);
    expect(matrix.durationsMinutes[1]![0]).toBe(matrix.durationsMinutes[0]![1]);
    expect(matrix.durationsMinutes[0]![0]).toBe(0);
  });

  it('honours other speed and circuity parameters', async () => {
    const slow = createRouting({
      config: { OSRM_TIMEOUT_MS: 5000 },
      logger,
      greatCircle: { speedKmh: 40, circuity: 1.5 },
    });
    const matrix = await slow.matrix(places.slice(0, 2));
    const straightKm = distance([places[0]!.lon, places[0]!.lat], [places[1]!.lon, places[1]!.lat]);
    expect(matrix.distancesKm[0]![1]).toBeCloseTo(straightKm * 1.5, 9);
    expect(matrix.durationsMinutes[0]![1]).toBeCloseTo(((straightKm * 1.5) / 40) * 60, 9);
  });

  it('routes along straight legs with one heading and one arrival per leg, in English', async () => {
    const route = await routing.route(places.slice(0, 3), {
      language: 'en',
      stopNames: ['Chengdu depot', 'Deyang People’s Hospital'],
    });
    expect(route.source).toBe('great-circle');
    expect(route.legs).toHaveLength(2);
    const [first, second] = route.legs;
    expect(first!.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [104.0657, 30.6595],
        [104.0657, 31.6595],
      ],
    });
    expect(first!.distanceKm).toBeCloseTo(144.55, 1);
    expect(first!.steps.map((step) => step.instruction)).toEqual([
      'Head north for 145 km to Deyang People’s Hospital',
      'Arrive at Deyang People’s Hospital',
    ]);
    // Leshan lies 236.1 km from one degree north of Chengdu, at a bearing of 187° (south).
    expect(second!.steps.map((step) => step.instruction)).toEqual([
      'Head south for 307 km to stop 2',
      'Arrive at stop 2',
    ]);
    expect(second!.steps[1]!.location).toEqual([103.7652, 29.5521]);
  });

  it('says the same in Simplified Chinese, with metres for short legs', async () => {
    // 0.508 km from the first place at 49° (north-east): 660 m by road; Chongqing then 268.2 km at 116°.
    const near = { lon: 104.0697, lat: 30.6625 };
    const route = await routing.route([places[0]!, near, places[3]!], {
      language: 'zh-Hans',
      stopNames: ['仓库', '华西医院'],
    });
    expect(route.legs.map((leg) => leg.steps.map((step) => step.instruction))).toEqual([
      ['向东北行驶660米，前往华西医院', '到达华西医院'],
      ['向东南行驶349公里，前往第2站', '到达第2站'],
    ]);
  });

  it('durations of a route equal the matrix entries for its legs', async () => {
    const route = await routing.route(places, { language: 'en' });
    const matrix = await routing.matrix(places);
    route.legs.forEach((leg, i) => {
      expect(leg.durationMinutes).toBe(matrix.durationsMinutes[i]![i + 1]);
      expect(leg.steps.reduce((sum, step) => sum + step.durationMinutes, 0)).toBe(leg.durationMinutes);
    });
  });

  it('refuses a route of fewer than two points', async () => {
    await expect(routing.route([places[0]!], { language: 'en' })).rejects.toThrow(/at least two points/);
  });
});
