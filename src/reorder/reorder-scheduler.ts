import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.ts';
import type { ReorderRunService, RunOutcome } from './reorder-run.service.ts';

/**
 * Fires the nightly run on config.REORDER_CRON in the service's time zone. Every replica runs a
 * scheduler; the run itself makes sure one tick yields one run (advisory lock + run key), so a
 * replica that loses the race logs a skip. `tick` is what the cron task calls, exposed so that
 * tests can fire the same tick on several schedulers at once.
 */
export function createReorderScheduler(deps: {
  runs: ReorderRunService;
  cronExpression: string;
  timeZone: string;
  logger: Logger;
}) {
  if (!cron.validate(deps.cronExpression))
    throw new Error(`REORDER_CRON "${deps.cronExpression}" is not a valid cron expression`);
  let task: ScheduledTask | undefined;

  async function tick(at: Date): Promise<RunOutcome | undefined> {
    try {
      return await deps.runs.runScheduled(at);
    } catch (error) {
      // The run recorded its failure; a scheduler must survive it and fire again tomorrow.
      deps.logger.error({ err: error }, 'scheduled reorder run failed');
      return undefined;
    }
  }

  return {
    tick,
    start(): void {
      if (task) return;
      task = cron.schedule(deps.cronExpression, (context) => tick(context.date), {
        timezone: deps.timeZone,
        name: 'reorder-nightly',
        noOverlap: true,
      });
      deps.logger.info({ cron: deps.cronExpression, timeZone: deps.timeZone }, 'reorder scheduler started');
    },
    async stop(): Promise<void> {
      if (!task) return;
      const stopping = task;
      task = undefined;
      await stopping.stop();
      await stopping.destroy();
    },
  };
}

export type ReorderScheduler = ReturnType<typeof createReorderScheduler>;
