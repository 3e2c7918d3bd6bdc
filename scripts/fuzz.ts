import { parseArgs } from 'node:util';
import os from 'node:os';
import { createTestApp } from '../test/support/app.ts';
import { fuzzTestApp } from './fuzz/fuzz-setup.ts';

/**
 * Fuzzes every endpoint of the API (from its OpenAPI document) with valid-shaped and hostile
 * paths, queries and bodies, and prints how many answers were 5xx, not problem+json, or left a
 * partial write. On PostgreSQL with TEST_DATABASE=postgres and DATABASE_URL (a schema of its own).
 *
 *   npx tsx scripts/fuzz.ts --requests 10000 [--seed 1]
 */
const { values } = parseArgs({
  options: { requests: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' } },
});
const requests = Number(values.requests);
const seed = Number(values.seed);
const t = await createTestApp();
const loadAverage = os.loadavg()[0]!.toFixed(2);
let lastPrint = Date.now();
let reported = 0;
const report = await fuzzTestApp(t, {
  requests,
  seed,
  onProgress: (done, partial) => {
    for (const finding of [...partial.serverErrors, ...partial.partialWrites].slice(reported)) {
      console.error(
        `finding: ${finding.status} ${finding.request.method} ${finding.request.url.slice(0, 300)} ${finding.request.body?.slice(0, 300) ?? ''}\n  ${finding.problem.slice(0, 500)}`,
      );
    }
    reported = partial.serverErrors.length + partial.partialWrites.length;
    if (Date.now() - lastPrint < 10_000) return;
    lastPrint = Date.now();
    console.error(
      `${done}/${requests} sent, 5xx ${partial.serverErrors.length}, partial writes ${partial.partialWrites.length}`,
    );
  },
});
await t.services.dispatchPlans.close();
await t.services.scenarioRuns.close();
await t.destroy();
const show = (findings: typeof report.serverErrors) =>
  findings
    .slice(0, 10)
    .map(
      (f) =>
        `  ${f.status} ${f.request.method} ${f.request.url.slice(0, 200)} ${f.request.body?.slice(0, 200) ?? ''}\n    ${f.problem.slice(0, 300)}`,
    );
console.log(
  [
    `database: ${t.backend}, requests: ${report.requests}, seed: ${seed}, targets: ${report.targetsHit}/${report.targets}, ${(report.ms / 1000).toFixed(1)} s, load average at start ${loadAverage}`,
    `by status: ${JSON.stringify(report.byStatus)}`,
    `5xx: ${report.serverErrors.length}`,
    ...show(report.serverErrors),
    `partial writes: ${report.partialWrites.length}`,
    ...show(report.partialWrites),
    `4xx not problem+json: ${report.notProblemJson.length}`,
    ...show(report.notProblemJson),
  ].join('\n'),
);
process.exit(
  report.serverErrors.length + report.partialWrites.length + report.notProblemJson.length > 0 ? 1 : 0,
);
