import type { Knex } from 'knex';
import { availableParallelism } from 'node:os';
import { planReplenishment, roundOrderQuantity } from '../../solver/inventory/index.ts';
import { positionSpareUnits } from '../../solver/inventory/coverage/index.ts';
import type { Logger } from '../logger.ts';
import type { StockLedger } from '../stock/stock-ledger.ts';
import { createOrderRepository } from './order.repository.ts';
import { planInWorkers, planPackedRange } from './plan-workers.ts';
import { createReorderReviewService } from './reorder-review.service.ts';
import { createReorderRunService, type ReorderPlanner } from './reorder-run.service.ts';
import { createReorderScheduler } from './reorder-scheduler.ts';
import { REORDER_SETTINGS, type ReorderSettings } from './reorder-settings.ts';
import { createSuggestionRepository } from './suggestion.repository.ts';

/** Pairs from which a run plans on worker threads. */
const PARALLEL_PLANNING_FROM = 20_000;

/** The inventory maths the run uses: solver/inventory's, with the coverage MIP timed by the wall clock. */
export const defaultPlanner: ReorderPlanner = {
  planReplenishment,
  roundOrderQuantity,
  positionSpareUnits: (input) => positionSpareUnits(input, { now: () => performance.now() }),
  // A national night (hundreds of thousands of pairs) is planned on every core; a small one
  // in the main thread, where starting workers would cost more than it saves.
  planMany: async (inputs) =>
    inputs.count >= PARALLEL_PLANNING_FROM && availableParallelism() > 1
      ? planInWorkers(inputs, availableParallelism())
      : planPackedRange(inputs, 0, inputs.count, planReplenishment),
};

/** The reorder feature's services: the run, the review of its suggestions and the orders. */
export function createReorderServices(deps: {
  db: Knex;
  now: () => Date;
  logger: Logger;
  ledger: StockLedger;
  timeZone: string;
  cronExpression: string;
  planner?: ReorderPlanner;
  settings?: ReorderSettings;
}) {
  const runs = createReorderRunService({
    db: deps.db,
    now: deps.now,
    logger: deps.logger,
    timeZone: deps.timeZone,
    settings: deps.settings ?? REORDER_SETTINGS,
    planner: deps.planner ?? defaultPlanner,
  });
  const review = createReorderReviewService({
    db: deps.db,
    now: deps.now,
    ledger: deps.ledger,
    suggestions: createSuggestionRepository(deps.db),
    orders: createOrderRepository(deps.db),
  });
  return {
    runs,
    review,
    /** A scheduler for this process; server.ts starts it and stops it on shutdown. */
    createScheduler: () =>
      createReorderScheduler({
        runs,
        cronExpression: deps.cronExpression,
        timeZone: deps.timeZone,
        logger: deps.logger,
      }),
  };
}

export type ReorderServices = ReturnType<typeof createReorderServices>;
