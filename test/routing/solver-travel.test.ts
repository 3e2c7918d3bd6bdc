import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTravelModel, Problem } from '../../solver/index.ts';
import { createLogger } from '../../src/logger.ts';
import { createRouting, travelForProblem } from '../../src/routing/index.ts';
import { startFakeOsrm, type FakeOsrm } from './fake-osrm.ts';

let osrm: FakeOsrm;
beforeAll(async () => {
  osrm = await startFakeOsrm();
});
afterAll(() => osrm.close());

const logger = createLogger('silent');
const locations = [
  { id: 'DEPOT-CD', kind: 'depot' as const, lon: 104.069, lat: 30.61 },
  { id: 'SITE-HX', kind: 'site' as const, lon: 104.062, lat: 30.6267 },
  { id: 'SITE-SP', kind: 'site' as const, lon: 104.051, lat: 30.633 },
];
const problemWith = (travel: unknown) =>
  Problem.parse({ now: '2026-11-28T08:00:00+08:00', locations, engineers: [], tickets: [], travel });

describe('travelForProblem: the travel section of a dispatch problem', () => {
  it("without OSRM: the solver's great-circle mode with the routing's parameters", async () => {
    const routing = createRouting({ config: { OSRM_TIMEOUT_MS: 1000 }, logger });
    const result = await travelForProblem(routing, locations);
    expect(result).toEqual({
      travel: { mode: 'greatCircle', speedKmh: 60, circuity: 1.3 },
      source: 'great-circle',
    });
    // The same minutes as the routing's own matrix.
    const model = createTravelModel(problemWith(result.travel));
    const matrix = await routing.matrix(locations);
    expect(model.minutes(0, 2)).toBe(matrix.durationsMinutes[0]![2]);
  });

  it("with OSRM: a matrix over the locations' ids that the solver accepts and reads back", async () => {
    const routing = createRouting({ config: { OSRM_URL: osrm.url, OSRM_TIMEOUT_MS: 2000 }, logger });
    const result = await travelForProblem(routing, locations);
    expect(result.source).toBe('osrm');
    expect(result.fallbackReason).toBeUndefined();
    const model = createTravelModel(problemWith(result.travel));
    const matrix = await routing.matrix(locations);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expect(model.minutes(i, j)).toBe(matrix.durationsMinutes[i]![j]);
    expect(model.indexOf('SITE-SP')).toBe(2);
  });

  it('with OSRM failing: great-circle mode and the reason, for the plan to show', async () => {
    osrm.answer(() => ({
      status: 400,
      body: { code: 'NoSegment', message: 'Could not find a matching segment' },
    }));
    const routing = createRouting({ config: { OSRM_URL: osrm.url, OSRM_TIMEOUT_MS: 2000 }, logger });
    const result = await travelForProblem(routing, locations);
    osrm.answer(undefined);
    expect(result.travel).toEqual({ mode: 'greatCircle', speedKmh: 60, circuity: 1.3 });
    expect(result.source).toBe('great-circle');
    expect(result.fallbackReason).toContain('NoSegment');
  });

  it('refuses a location without coordinates, naming it', async () => {
    const routing = createRouting({ config: { OSRM_URL: osrm.url, OSRM_TIMEOUT_MS: 2000 }, logger });
    await expect(travelForProblem(routing, [...locations, { id: 'SITE-X' }])).rejects.toThrow(/SITE-X/);
  });

  it('refuses points that are not longitude/latitude, in either mode', async () => {
    const bad = [
      { lon: 104, lat: 30 },
      { lon: Number.NaN, lat: 30 },
    ];
    for (const routing of [
      createRouting({ config: { OSRM_TIMEOUT_MS: 1000 }, logger }),
      createRouting({ config: { OSRM_URL: osrm.url, OSRM_TIMEOUT_MS: 1000 }, logger }),
    ]) {
      await expect(routing.matrix(bad)).rejects.toThrow(/point 1 is not a longitude\/latitude/);
      await expect(routing.route([{ lon: 200, lat: 0 }, bad[0]!], { language: 'en' })).rejects.toThrow(
        /point 0/,
      );
    }
  });
});
