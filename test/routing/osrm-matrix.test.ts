import { distance } from '@turf/distance';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createRouting, type LonLat } from '../../src/routing/index.ts';
import { captureLogger } from './capture-logger.ts';
import { FAKE_ROAD_FACTOR, FAKE_SPEED_MPS, startFakeOsrm, type FakeOsrm } from './fake-osrm.ts';

const island: [number, number] = [109.5, 18.25]; // no road to the mainland in the fake network

let osrm: FakeOsrm;
beforeAll(async () => {
  osrm = await startFakeOsrm({ maxTableSize: 100, unroutable: [island] });
});
afterAll(() => osrm.close());
beforeEach(() => {
  osrm.requests.length = 0;
  osrm.answer(undefined);
});

const silent = createLogger('silent');
const withOsrm = (extra: Partial<Parameters<typeof createRouting>[0]> = {}) =>
  createRouting({ config: { OSRM_URL: osrm.url, OSRM_TIMEOUT_MS: 2000 }, logger: silent, ...extra });
const greatCircle = createRouting({ config: { OSRM_TIMEOUT_MS: 2000 }, logger: silent });

/** 250 distinct places on a grid over Sichuan, coordinates with five decimals. */
function grid(count: number): LonLat[] {
  return Array.from({ length: count }, (_, i) => ({
    lon: Math.round((102 + (i % 25) * 0.13 + i * 0.00001) * 1e5) / 1e5,
    lat: Math.round((28.5 + Math.floor(i / 25) * 0.21) * 1e5) / 1e5,
  }));
}

/** What the fake road network answers, computed here from the original points. */
function expectedMinutes(a: LonLat, b: LonLat): number {
  return (
    (distance([a.lon, a.lat], [b.lon, b.lat], { units: 'meters' }) * FAKE_ROAD_FACTOR) / FAKE_SPEED_MPS / 60
  );
}

function pairsAsked(requests: FakeOsrm['requests']): number {
  return requests.reduce((sum, request) => sum + request.sources.length * request.destinations.length, 0);
}

describe('OSRM table service: chunking and assembly', () => {
  it('asks for a 250-point matrix in 3 × 3 blocks of at most 100 × 100 and assembles every pair in place', async () => {
    const points = grid(250);
    const matrix = await withOsrm().matrix(points);

    expect(matrix.source).toBe('osrm');
    expect(matrix.fallbackReason).toBeUndefined();
    expect(osrm.requests).toHaveLength(9);
    const shapes = osrm.requests.map((r) => `${r.sources.length}x${r.destinations.length}`).sort();
    expect(shapes).toEqual([
      '100x100',
      '100x100',
      '100x100',
      '100x100',
      '100x50',
      '100x50',
      '50x100',
      '50x100',
      '50x50',
    ]);
    expect(pairsAsked(osrm.requests)).toBe(250 * 250);
    for (const request of osrm.requests) {
      expect(request.query.get('annotations')).toBe('duration,distance');
    }

    // Every entry against the fake's road network computed here from the original points (the
    // fake rounds seconds and metres to one decimal); one assertion, not 62,500.
    let worstMinutes = 0;
    let worstKm = 0;
    for (let i = 0; i < 250; i++) {
      for (let j = 0; j < 250; j++) {
        const a = points[i]!;
        const b = points[j]!;
        const km = distance([a.lon, a.lat], [b.lon, b.lat]) * FAKE_ROAD_FACTOR;
        worstMinutes = Math.max(
          worstMinutes,
          Math.abs(matrix.durationsMinutes[i]![j]! - expectedMinutes(a, b)),
        );
        worstKm = Math.max(worstKm, Math.abs(matrix.distancesKm[i]![j]! - km));
      }
    }
    expect(matrix.durationsMinutes.map((row) => row.length)).toEqual(Array(250).fill(250));
    expect(worstMinutes).toBeLessThan(0.002);
    expect(worstKm).toBeLessThan(0.0001);
  });

  it('an OSRM that refuses the block size (TooBig) falls back, with the reason', async () => {
    const matrix = await withOsrm({ maxTableSize: 150 }).matrix(grid(160));
    expect(matrix.source).toBe('great-circle');
    expect(matrix.fallbackReason).toContain('HTTP 400 TooBig: Too many table coordinates');
  });

  it('answers no places and one place without asking', async () => {
    const routing = withOsrm();
    expect(await routing.matrix([])).toEqual({ durationsMinutes: [], distancesKm: [], source: 'osrm' });
    expect((await routing.matrix(grid(1))).durationsMinutes).toEqual([[0]]);
    expect(osrm.requests).toHaveLength(0);
  });

  it('asks once for places that share coordinates', async () => {
    const [a, b] = grid(2);
    const matrix = await withOsrm().matrix([a!, b!, { ...a! }]);
    expect(osrm.requests).toHaveLength(1);
    expect(osrm.requests[0]!.sources).toHaveLength(2);
    expect(matrix.durationsMinutes[0]![2]).toBe(0);
    expect(matrix.durationsMinutes[2]![1]).toBe(matrix.durationsMinutes[0]![1]);
  });

  it('estimates pairs OSRM has no route for and says so, keeping source osrm', async () => {
    const [a, b] = grid(2);
    const points = [a!, b!, { lon: island[0], lat: island[1] }];
    const matrix = await withOsrm().matrix(points);
    const estimate = await greatCircle.matrix(points);
    expect(matrix.source).toBe('osrm');
    expect(matrix.fallbackReason).toMatch(/no road route for 4 of 6 pairs/);
    expect(matrix.durationsMinutes[0]![2]).toBe(estimate.durationsMinutes[0]![2]);
    expect(matrix.distancesKm[2]![1]).toBe(estimate.distancesKm[2]![1]);
    expect(matrix.durationsMinutes[0]![1]).toBeCloseTo(expectedMinutes(a!, b!), 2);
  });
});

describe('OSRM table service: cache', () => {
  it('answers a repeated matrix from the cache without a request', async () => {
    const routing = withOsrm();
    const points = grid(250);
    const first = await routing.matrix(points);
    osrm.requests.length = 0;
    const second = await routing.matrix(points);
    expect(osrm.requests).toHaveLength(0);
    expect(second).toEqual(first);
  });

  it('asks only for the pairs of a new place (its row and its column)', async () => {
    const routing = withOsrm();
    const points = grid(251);
    await routing.matrix(points.slice(0, 250));
    osrm.requests.length = 0;

    const matrix = await routing.matrix(points);
    const added = points[250]!;
    const isAdded = ([lon, lat]: [number, number]) => lon === added.lon && lat === added.lat;
    for (const request of osrm.requests) {
      const sources = request.sources.map((i) => request.coordinates[i]!);
      const destinations = request.destinations.map((i) => request.coordinates[i]!);
      const onlyAdded = (list: [number, number][]) => list.length === 1 && isAdded(list[0]!);
      expect(onlyAdded(sources) || onlyAdded(destinations)).toBe(true);
    }
    expect(pairsAsked(osrm.requests)).toBe(2 * 250);
    expect(matrix.durationsMinutes[250]![3]).toBeCloseTo(expectedMinutes(added, points[3]!), 2);
    expect(matrix.durationsMinutes[17]![250]).toBeCloseTo(expectedMinutes(points[17]!, added), 2);
  });

  it('forgets the least recently used pairs beyond its size', async () => {
    const routing = withOsrm({ cachePairs: 4 });
    const points = grid(3); // 6 pairs of distinct places
    await routing.matrix(points);
    osrm.requests.length = 0;
    await routing.matrix(points);
    expect(osrm.requests.length).toBeGreaterThan(0);
  });

  it('rounds cache keys to about a metre', async () => {
    const routing = withOsrm();
    const points = grid(3);
    await routing.matrix(points);
    osrm.requests.length = 0;
    const moved = points.map((p) => ({ lon: p.lon + 0.000001, lat: p.lat - 0.000001 })); // 10 cm
    await routing.matrix(moved);
    expect(osrm.requests).toHaveLength(0);
  });
});

describe('OSRM table service: failures fall back to the great-circle model, logged and visible', () => {
  it('a server that does not answer in time: timeout, reason, warning', async () => {
    osrm.answer(() => 'hang');
    const { logger, lines } = captureLogger();
    const routing = createRouting({ config: { OSRM_URL: osrm.url, OSRM_TIMEOUT_MS: 200 }, logger });
    const points = grid(5);
    const matrix = await routing.matrix(points);

    expect(matrix.source).toBe('great-circle');
    expect(matrix.fallbackReason).toBe(
      'OSRM table failed (table: no answer within 200 ms); great-circle estimate used',
    );
    expect(matrix.durationsMinutes).toEqual((await greatCircle.matrix(points)).durationsMinutes);
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      msg: 'routing fell back to great-circle',
      component: 'routing',
      fallbackReason: matrix.fallbackReason,
      points: 5,
    });
  });

  it('an HTTP error without an OSRM body (a proxy answering 502)', async () => {
    osrm.answer(() => ({ status: 502, body: '<html>Bad Gateway</html>' }));
    const matrix = await withOsrm().matrix(grid(3));
    expect(matrix.source).toBe('great-circle');
    expect(matrix.fallbackReason).toBe('OSRM table failed (table: HTTP 502); great-circle estimate used');
  });

  it('a code other than Ok', async () => {
    osrm.answer(() => ({ status: 200, body: { code: 'NoTable', message: 'No table found' } }));
    const matrix = await withOsrm().matrix(grid(3));
    expect(matrix.source).toBe('great-circle');
    expect(matrix.fallbackReason).toContain('table: code NoTable: No table found');
  });

  it('an answer without distances (a server too old for annotations=distance)', async () => {
    osrm.answer((request) => ({
      status: 200,
      body: {
        code: 'Ok',
        durations: request.sources.map(() => request.destinations.map(() => 60)),
        sources: request.sources.map((i) => ({ location: request.coordinates[i], name: '' })),
        destinations: request.destinations.map((i) => ({ location: request.coordinates[i], name: '' })),
      },
    }));
    const matrix = await withOsrm().matrix(grid(3));
    expect(matrix.source).toBe('great-circle');
    expect(matrix.fallbackReason).toMatch(/table: unexpected response at distances/);
  });

  it('a server that is not there', async () => {
    const gone = await startFakeOsrm();
    await gone.close();
    const routing = createRouting({ config: { OSRM_URL: gone.url, OSRM_TIMEOUT_MS: 2000 }, logger: silent });
    const matrix = await routing.matrix(grid(3));
    expect(matrix.source).toBe('great-circle');
    expect(matrix.fallbackReason).toMatch(/^OSRM table failed \(table: fetch failed \(ECONNREFUSED\)\)/);
  });

  it('a connection dropped once is tried again once, and then answers', async () => {
    let dropped = 0;
    osrm.answer(() => (dropped++ === 0 ? 'reset' : undefined));
    const matrix = await withOsrm().matrix(grid(3));
    expect(matrix.source).toBe('osrm');
    expect(osrm.requests).toHaveLength(2);
  });

  it('a connection dropped twice falls back', async () => {
    osrm.answer(() => 'reset');
    const matrix = await withOsrm().matrix(grid(3));
    expect(matrix.source).toBe('great-circle');
    expect(matrix.fallbackReason).toMatch(/table: fetch failed/);
    expect(osrm.requests).toHaveLength(2);
  });

  it('does not cache a failure: the next call asks OSRM again and gets roads', async () => {
    const routing = withOsrm();
    osrm.answer(() => ({ status: 503, body: { code: 'Overloaded', message: 'try later' } }));
    expect((await routing.matrix(grid(4))).source).toBe('great-circle');
    osrm.answer(undefined);
    const matrix = await routing.matrix(grid(4));
    expect(matrix.source).toBe('osrm');
    expect(matrix.fallbackReason).toBeUndefined();
  });
});
