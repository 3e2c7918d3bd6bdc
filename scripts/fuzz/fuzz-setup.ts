import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { aDispatchDay, aFaultNeedingThePart, aSolvedPlan } from '../../test/api/dispatch-fixtures.ts';
import type { TestApp } from '../../test/support/app.ts';
import { existingIds, fuzzTargets, runFuzz, type FuzzReport, type OpenApiDocument } from './fuzz-run.ts';

/**
 * Fuzzes the real application of a test app (fresh database, admin token): a small dispatch day
 * with a ticket and a solved plan, so that ids exist and requests reach the services.
 */
export async function fuzzTestApp(
  t: TestApp,
  options: { requests: number; seed: number; onProgress?: (done: number, report: FuzzReport) => void },
): Promise<FuzzReport> {
  await aDispatchDay(t.db, { units: 3 });
  await aFaultNeedingThePart(t);
  await aSolvedPlan(t);
  const document = (await request(t.app).get('/openapi.json').expect(200)).body as OpenApiDocument & {
    components: { schemas: Record<string, never> };
  };
  capTimeLimits(document);
  const server: Server = t.rawApp.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    return await runFuzz({
      baseUrl: `http://127.0.0.1:${port}`,
      db: t.db,
      targets: fuzzTargets(document),
      components: document.components.schemas,
      // Not the fuzzer's own token: revoking it would turn the rest of the run into 401s.
      knownIds: (await existingIds(t.db)).filter((id) => !t.adminToken.includes(`_${id}_`)),
      requests: options.requests,
      seed: options.seed,
      headers: { authorization: `Bearer ${t.adminToken}` },
      settle: async () => {
        await t.services.dispatchPlans.settled();
      },
      onProgress: options.onProgress,
    });
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/**
 * Valid-shaped plans get at most 200 ms of solver time: a fuzzed `timeLimitMs` of minutes is a
 * legitimate request, but the run would spend itself waiting for solves. Hostile values still
 * reach the field (the validator must refuse them).
 */
const FUZZ_SOLVE_MS = 200;

function capTimeLimits(document: unknown): void {
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const schema = node as { properties?: Record<string, { maximum?: number }>; required?: string[] };
    const limit = schema.properties?.timeLimitMs;
    if (limit) {
      limit.maximum = Math.min(limit.maximum ?? FUZZ_SOLVE_MS, FUZZ_SOLVE_MS);
      // Always given: omitted, a plan would take the default of seconds.
      schema.required = [...new Set([...(schema.required ?? []), 'timeLimitMs'])];
    }
    stack.push(...Object.values(node));
  }
}
