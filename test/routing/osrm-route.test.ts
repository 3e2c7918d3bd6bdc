import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createRouting } from '../../src/routing/index.ts';
import { captureLogger } from './capture-logger.ts';
import { startFakeOsrm, type FakeOsrm } from './fake-osrm.ts';
import { chengduStops } from './osrm-route.fixture.ts';

let osrm: FakeOsrm;
beforeAll(async () => {
  osrm = await startFakeOsrm();
});
afterAll(() => osrm.close());
beforeEach(() => {
  osrm.requests.length = 0;
  osrm.answer(undefined);
});

const silent = createLogger('silent');
const routing = () =>
  createRouting({ config: { OSRM_URL: osrm.url, OSRM_TIMEOUT_MS: 2000 }, logger: silent });
const stopNames = ['南区仓库', '华西医院', '四川省人民医院'];

describe('OSRM route service', () => {
  it('asks for steps, GeoJSON geometry and the full overview, through the stops in order', async () => {
    const route = await routing().route(chengduStops, { language: 'en' });
    expect(route.source).toBe('osrm');
    expect(osrm.requests).toHaveLength(1);
    const [request] = osrm.requests;
    expect(request!.service).toBe('route');
    expect(request!.coordinates).toEqual(chengduStops.map((stop) => [stop.lon, stop.lat]));
  });

  it('turns each leg into geometry, distance, duration and English turn-by-turn text', async () => {
    const route = await routing().route(chengduStops, { language: 'en', stopNames });
    expect(route.legs).toHaveLength(2);
    const [first, second] = route.legs;
    expect(first!.steps.map((step) => step.instruction)).toEqual([
      'Head north on 天府大道北段',
      'Turn left onto 人民南路',
      'You have arrived at 华西医院, on the right',
    ]);
    expect(second!.steps.map((step) => step.instruction)).toEqual([
      'Head west on 人民南路',
      'Enter the roundabout and take the 2nd exit onto 一环路南四段',
      'You have arrived at 四川省人民医院',
    ]);
    // Metres and seconds as OSRM gave them, in kilometres and minutes.
    expect(first!.distanceKm).toBeCloseTo(2.4731, 6);
    expect(first!.durationMinutes).toBeCloseTo(233.4 / 60, 9);
    expect(first!.steps.map((step) => [step.distanceKm, step.location])).toEqual([
      [1.8304, [104.069, 30.61]],
      [0.6427, [104.0686, 30.6264]],
      [0, [104.062, 30.6267]],
    ]);
    // The steps' lines joined, each shared end point once.
    expect(first!.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [104.069, 30.61],
        [104.0688, 30.619],
        [104.0686, 30.6264],
        [104.064, 30.6266],
        [104.062, 30.6267],
      ],
    });
    expect(second!.geometry.coordinates).toHaveLength(4);
  });

  it('says the same in Simplified Chinese', async () => {
    const route = await routing().route(chengduStops, { language: 'zh-Hans', stopNames });
    expect(route.legs.map((leg) => leg.steps.map((step) => step.instruction))).toEqual([
      ['出发向北，驶入天府大道北段', '左转，驶入人民南路', '您已到达华西医院，目的地在您右边。'],
      ['出发向西，驶入人民南路', '进入环岛后从第二出口驶出前往一环路南四段', '您已到达四川省人民医院'],
    ]);
  });

  it('names unnamed stops by number in both languages', async () => {
    const en = await routing().route(chengduStops, { language: 'en' });
    const zh = await routing().route(chengduStops, { language: 'zh-Hans' });
    expect(en.legs.map((leg) => leg.steps.at(-1)!.instruction)).toEqual([
      'You have arrived at stop 1, on the right',
      'You have arrived at stop 2',
    ]);
    expect(zh.legs.map((leg) => leg.steps.at(-1)!.instruction)).toEqual([
      '您已到达第1站，目的地在您右边。',
      '您已到达第2站',
    ]);
  });

  it('falls back to straight legs on an OSRM error, logged and with the reason', async () => {
    osrm.answer(() => ({
      status: 400,
      body: { code: 'NoRoute', message: 'Impossible route between points' },
    }));
    const { logger, lines } = captureLogger();
    const route = await createRouting({
      config: { OSRM_URL: osrm.url, OSRM_TIMEOUT_MS: 2000 },
      logger,
    }).route(chengduStops, { language: 'en', stopNames });
    expect(route.source).toBe('great-circle');
    expect(route.fallbackReason).toBe(
      'OSRM route failed (route: HTTP 400 NoRoute: Impossible route between points); straight-line estimate used',
    );
    expect(route.legs.map((leg) => leg.geometry.coordinates)).toEqual([
      [
        [104.069, 30.61],
        [104.062, 30.6267],
      ],
      [
        [104.062, 30.6267],
        [104.051, 30.633],
      ],
    ]);
    expect(route.legs[0]!.steps.at(-1)!.instruction).toBe('Arrive at 华西医院');
    expect(lines.filter((line) => line.level === 40)).toMatchObject([
      { msg: 'routing fell back to great-circle', fallbackReason: route.fallbackReason },
    ]);
  });

  it('falls back when OSRM does not answer in time', async () => {
    osrm.answer(() => 'hang');
    const route = await createRouting({
      config: { OSRM_URL: osrm.url, OSRM_TIMEOUT_MS: 150 },
      logger: silent,
    }).route(chengduStops, { language: 'zh-Hans' });
    expect(route.source).toBe('great-circle');
    expect(route.fallbackReason).toContain('route: no answer within 150 ms');
    expect(route.legs[1]!.steps.map((step) => step.instruction)[1]).toBe('到达第2站');
  });

  it('falls back when the answer has fewer legs than the stops need', async () => {
    const route = await routing().route([...chengduStops, { lon: 104.08, lat: 30.65 }], { language: 'en' });
    // The fake answers NoRoute for a route of four stops.
    expect(route.source).toBe('great-circle');
    expect(route.legs).toHaveLength(3);
  });
});
