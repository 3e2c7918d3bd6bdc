import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createRouting } from '../../src/routing/index.ts';
import { startFakeOsrm, type FakeOsrm } from './fake-osrm.ts';

let osrm: FakeOsrm;
beforeAll(async () => {
  osrm = await startFakeOsrm({ maxTableSize: 30 });
});
afterAll(() => osrm.close());

describe('routing configuration', () => {
  it('defaults: no OSRM, 5 s per request, tables of 100', () => {
    const config = parseConfig({});
    expect(config.OSRM_URL).toBeUndefined();
    expect(config.OSRM_TIMEOUT_MS).toBe(5000);
    expect(config.OSRM_MAX_TABLE_SIZE).toBe(100);
    expect(createRouting({ config, logger: createLogger('silent') }).configured).toBe('great-circle');
  });

  it('an empty OSRM_URL means none; a malformed one is refused at boot', () => {
    expect(parseConfig({ OSRM_URL: '' }).OSRM_URL).toBeUndefined();
    expect(() => parseConfig({ OSRM_URL: 'osrm:5000' })).toThrow(/OSRM_URL/);
  });

  it('OSRM_MAX_TABLE_SIZE sets the block size of table requests', async () => {
    const config = parseConfig({ OSRM_URL: osrm.url, OSRM_MAX_TABLE_SIZE: '30' });
    const routing = createRouting({ config, logger: createLogger('silent') });
    expect(routing.configured).toBe('osrm');
    const points = Array.from({ length: 40 }, (_, i) => ({ lon: 104 + i * 0.01, lat: 30.6 }));
    const matrix = await routing.matrix(points);
    expect(matrix.source).toBe('osrm');
    // 40 places in blocks of 30: 30 + 10 each way, 2 × 2 requests, none above the server's limit.
    expect(osrm.requests.map((r) => `${r.sources.length}x${r.destinations.length}`).sort()).toEqual([
      '10x10',
      '10x30',
      '30x10',
      '30x30',
    ]);
  });
});
