import { performance } from 'node:perf_hooks';
import { createDatabase } from '../../src/db/connection.ts';
import { createLogger } from '../../src/logger.ts';
import { createReorderRunService } from '../../src/reorder/reorder-run.service.ts';
import { defaultPlanner } from '../../src/reorder/reorder.services.ts';
import { REORDER_SETTINGS } from '../../src/reorder/reorder-settings.ts';

/**
 * One nightly reorder run on a loaded schema, alone in its own process so that its peak RSS is
 * the run's: prints one JSON line { wallMs, runMs, maxRssBytes, counts }.
 *
 *   tsx scripts/bench/nightly-run.ts <database url> <schema> <today ISO> <run key>
 */
const [url, schema, today, runKey] = process.argv.slice(2);
if (!url || !schema || !today || !runKey)
  throw new Error('usage: nightly-run.ts <url> <schema> <today> <run key>');
const db = createDatabase({ url, schema, poolMax: 2 });
const runs = createReorderRunService({
  db,
  now: () => new Date(today),
  logger: createLogger('silent'),
  timeZone: 'Asia/Shanghai',
  settings: REORDER_SETTINGS,
  planner: defaultPlanner,
});
const started = performance.now();
const outcome = await runs.run({ runKey, trigger: 'manual', actor: 'bench' });
const wallMs = performance.now() - started;
await db.destroy();
if (outcome.outcome !== 'ran') throw new Error(`the run was skipped: ${outcome.reason}`);
console.log(
  JSON.stringify({
    wallMs,
    runMs: outcome.run.durationMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    // User + system CPU of the whole process (all threads), start-up included: on a machine
    // shared with other work this says more than the wall time.
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    counts: outcome.run.counts,
  }),
);
