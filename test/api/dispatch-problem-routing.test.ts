import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solve, validatePlan } from '../../solver/index.ts';
import { createDispatchProblemBuilder } from '../../src/dispatch/problem-builder.ts';
import { createLogger } from '../../src/logger.ts';
import { createRouting } from '../../src/routing/index.ts';
import { startFakeOsrm, type FakeOsrm } from '../routing/fake-osrm.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { aDispatchNetwork, DISPATCH_NOW } from '../support/dispatch-network.ts';

/**
 * The dispatch problem's travel with OSRM configured: road times from the table service (a local
 * server answering in OSRM's documented format, since osrm-routed cannot run here), and the
 * great-circle model with the reason kept in the snapshot when OSRM does not answer.
 */
describe('dispatch problem travel through the routing adapter', () => {
  let database: TestDatabase;
  let osrm: FakeOsrm;
  const now = () => new Date(DISPATCH_NOW);
  const silent = createLogger('silent');

  beforeAll(async () => {
    database = await createTestDatabase();
    await aDispatchNetwork(database.db);
    osrm = await startFakeOsrm();
  });
  afterAll(async () => {
    await osrm.close();
    await database.destroy();
  });

  it('asks OSRM for a matrix over exactly the problem locations, and the plan solves and validates on it', async () => {
    const routing = createRouting({ config: { OSRM_URL: osrm.url, OSRM_TIMEOUT_MS: 2000 }, logger: silent });
    const { problem, snapshot } = await createDispatchProblemBuilder({
      db: database.db,
      now,
      routing,
    }).build();
    expect(snapshot.travel).toEqual({ source: 'osrm' });
    expect(problem.travel.mode).toBe('matrix');
    if (problem.travel.mode !== 'matrix') return;
    expect([...problem.travel.ids].sort()).toEqual(problem.locations.map((l) => l.id).sort());
    const tables = osrm.requests.filter((r) => r.service === 'table');
    expect(tables.length).toBeGreaterThan(0);
    const plan = solve(problem, { now: () => 0, maxIterations: 200 });
    expect(validatePlan(problem, plan).violations).toEqual([]);
  });

  it('falls back to great-circle when OSRM does not answer, and says why in the snapshot', async () => {
    const gone = await startFakeOsrm();
    await gone.close();
    const routing = createRouting({ config: { OSRM_URL: gone.url, OSRM_TIMEOUT_MS: 500 }, logger: silent });
    const { problem, snapshot } = await createDispatchProblemBuilder({
      db: database.db,
      now,
      routing,
    }).build();
    expect(problem.travel.mode).toBe('greatCircle');
    expect(snapshot.travel?.source).toBe('great-circle');
    expect(snapshot.travel?.fallbackReason).toMatch(/^OSRM table failed/);
  });

  it('uses the great-circle model without OSRM configured', async () => {
    const routing = createRouting({ config: { OSRM_TIMEOUT_MS: 500 }, logger: silent });
    const { problem, snapshot } = await createDispatchProblemBuilder({
      db: database.db,
      now,
      routing,
    }).build();
    expect(problem.travel.mode).toBe('greatCircle');
    expect(snapshot.travel).toEqual({ source: 'great-circle' });
  });
});
