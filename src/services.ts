import { createEquipmentModelRepository } from './catalog/equipment-model.repository.ts';
import { createEquipmentModelService } from './catalog/equipment-model.service.ts';
import { createSkuRepository } from './catalog/sku.repository.ts';
import { createSkuService } from './catalog/sku.service.ts';
import { createSupplierRepository } from './catalog/supplier.repository.ts';
import { createSupplierService } from './catalog/supplier.service.ts';
import { defaultCatalog } from './commitments/index.ts';
import type { Config } from './config.ts';
import { createCalendarDayRepository } from './contracts/calendar-day.repository.ts';
import { createCalendarDayService } from './contracts/calendar-day.service.ts';
import { createContractRepository } from './contracts/contract.repository.ts';
import { createContractService } from './contracts/contract.service.ts';
import { createProfileRepository } from './contracts/profile.repository.ts';
import { createProfileService } from './contracts/profile.service.ts';
import { createCustomerRepository } from './customers/customer.repository.ts';
import { createCustomerService } from './customers/customer.service.ts';
import { createEquipmentRepository } from './customers/equipment.repository.ts';
import { createEquipmentService } from './customers/equipment.service.ts';
import type { Database } from './db/connection.ts';
import { createEngineerRepository } from './engineers/engineer.repository.ts';
import { createEngineerService } from './engineers/engineer.service.ts';
import type { Logger } from './logger.ts';
import { createLocationRepository } from './network/location.repository.ts';
import { createLocationService } from './network/location.service.ts';
import { createRegionRepository } from './network/region.repository.ts';
import { createRegionService } from './network/region.service.ts';
import { createZoneRepository } from './network/zone.repository.ts';
import { createZoneService } from './network/zone.service.ts';
import { createStockLedger } from './stock/stock-ledger.ts';
import { createStockQueries } from './stock/stock-queries.repository.ts';
import { createStockRepository } from './stock/stock.repository.ts';
import { createStockService } from './stock/stock.service.ts';
import { createTicketService } from './tickets/ticket.service.ts';
import { createPreventiveJobRepository } from './preventive/preventive.repository.ts';
import { createPreventiveJobService } from './preventive/preventive.service.ts';
import { createReorderServices } from './reorder/reorder.services.ts';
import { createIntakeContextRepository } from './tickets/intake-context.repository.ts';
import { createTicketClockRepository } from './tickets/ticket-clock.repository.ts';
import { createTicketEventRepository } from './tickets/ticket-event.repository.ts';
import { createTicketRepository } from './tickets/ticket.repository.ts';
import { availableParallelism } from 'node:os';
import { createDispatchPlanRepository } from './dispatch/dispatch-plan.repository.ts';
import { createDispatchPlanService } from './dispatch/dispatch-plan.service.ts';
import { createPlanCommitService } from './dispatch/plan-commit.service.ts';
import { createPlanWorkerPool } from './dispatch/plan-worker-pool.ts';
import { createDispatchProblemBuilder } from './dispatch/problem-builder.ts';
import { createRouting } from './routing/index.ts';
import { createDispatchCandidatesService } from './dispatch/dispatch-candidates.service.ts';
import { createScenarioRepository } from './scenarios/scenario.repository.ts';
import { createScenarioService } from './scenarios/scenario.service.ts';
import { createMetrics } from './metrics/metrics.ts';
import { observePlanPool } from './metrics/observed-plan-pool.ts';
import { createScenarioRunRepository } from './scenarios/scenario-run.repository.ts';
import { createScenarioRunService } from './scenarios/scenario-run.service.ts';
import { createSimulationRunner } from './scenarios/simulation-runner.ts';
import { createAccessTokenRepository } from './auth/access-token.repository.ts';
import { createAccessTokenService } from './auth/access-token.service.ts';
import { createBackgroundJobs, jobQueueFor, runQueueOn } from './jobs/background-jobs.ts';
import { JOB_QUEUES } from './jobs/job-queue.ts';
import { createQueuedRunJobs, type RunRows } from './scenarios/scenario-run-jobs.ts';

export interface ServiceDeps {
  db: Database;
  config: Config;
  logger: Logger;
  /** The clock, injected so tests can fix "now". */
  now: () => Date;
}

/**
 * The composition of repositories into services: the one place that wires them, so every
 * service receives its collaborators instead of reaching for globals.
 */
export function createServices(deps: ServiceDeps) {
  const { db } = deps;
  // Prometheus metrics of this instance (its own registry; the app serves it at /metrics).
  const metrics = createMetrics({ db, now: deps.now });
  // Repositories that more than one service uses are built once and shared.
  const locationRepository = createLocationRepository(db);
  const regionRepository = createRegionRepository(db);
  const profileRepository = createProfileRepository(db);
  const contractRepository = createContractRepository(db);
  const intakeContext = createIntakeContextRepository(db);
  const catalog = defaultCatalog();
  const stockRepository = createStockRepository(db);
  // The ledger operations other features run inside their own transactions (dispatch, reorder).
  const stockLedger = createStockLedger({ stock: stockRepository, now: deps.now });
  // Ticket intake tells dispatch about new tickets (a level-1 ticket starts a re-plan); dispatch
  // is built below, after the ticket service it depends on.
  const intakeListeners: Array<(ticket: { id: string; level: number }) => void> = [];
  const tickets = createTicketService({
    db,
    now: deps.now,
    tickets: createTicketRepository(db),
    clocks: createTicketClockRepository(db),
    events: createTicketEventRepository(db),
    context: intakeContext,
    onCreated: (ticket) => intakeListeners.forEach((listener) => listener(ticket)),
    onIntakeBatch: (size) => metrics.observeIntakeBatch(size),
  });
  const dispatchPlanRepository = createDispatchPlanRepository(db);
  // Road routing (OSRM when configured, else great-circle) and the one problem builder that uses it.
  const routing = createRouting({ config: deps.config, logger: deps.logger });
  const dispatchProblems = createDispatchProblemBuilder({ db, now: deps.now, routing });
  // Solves and simulations: in this process's threads, or through pg-boss to worker processes.
  const jobQueue = jobQueueFor(deps.config, deps.logger);
  const solverThreads = Math.min(2, Math.max(1, availableParallelism() - 1));
  const dispatchPlans = createDispatchPlanService({
    db,
    now: deps.now,
    logger: deps.logger,
    plans: dispatchPlanRepository,
    builder: dispatchProblems,
    // Solves run off the request thread, at most two at once (and one core left to the API).
    pool: observePlanPool(createPlanWorkerPool({ size: solverThreads }), metrics),
    routing,
    ...(jobQueue ? { queue: { send: (planId: string) => jobQueue.send(JOB_QUEUES.planSolve, planId) } } : {}),
  });
  intakeListeners.push((ticket) => dispatchPlans.onTicketCreated(ticket));
  const scenarioRepository = createScenarioRepository(db);
  const scenarioRunRepository = createScenarioRunRepository(db);
  const runRows: RunRows = {
    status: async (runId) => (await scenarioRunRepository.get(runId))?.status,
    fail: (runId, message) => scenarioRunRepository.fail(runId, message, deps.now()).then(() => undefined),
  };
  const scenarioRuns = createScenarioRunService({
    db,
    now: deps.now,
    logger: deps.logger,
    scenarios: scenarioRepository,
    runs: scenarioRunRepository,
    // Two simulation threads wherever there are two cores: the request thread is mostly idle while a
    // run simulates, and one thread on a 2-core machine doubled issue 6's 30-day × 10,000-ticket run.
    runner: createSimulationRunner({ size: Math.min(2, availableParallelism()) }),
    timeZone: deps.config.TIME_ZONE,
    routing,
    ...(jobQueue ? { jobs: createQueuedRunJobs(runQueueOn(jobQueue, deps.config.WORK_JOBS), runRows) } : {}),
  });
  return {
    config: deps.config,
    metrics,
    // API tokens and their roles (src/auth/): every API request is authenticated against them.
    accessTokens: createAccessTokenService({ db, tokens: createAccessTokenRepository(db), now: deps.now }),
    stockLedger,
    stock: createStockService({
      db,
      ledger: stockLedger,
      stock: stockRepository,
      queries: createStockQueries(db),
      now: deps.now,
    }),
    locations: createLocationService({ db, locations: locationRepository }),
    regions: createRegionService({ db, regions: regionRepository }),
    zones: createZoneService({ db, zones: createZoneRepository(db) }),
    equipmentModels: createEquipmentModelService({ db, models: createEquipmentModelRepository(db) }),
    suppliers: createSupplierService({ db, suppliers: createSupplierRepository(db) }),
    skus: createSkuService({ db, skus: createSkuRepository(db) }),
    customers: createCustomerService({ db, customers: createCustomerRepository(db) }),
    equipment: createEquipmentService({
      db,
      equipment: createEquipmentRepository(db),
      locations: locationRepository,
      regions: regionRepository,
      now: deps.now,
    }),
    commitmentProfiles: createProfileService({
      db,
      profiles: profileRepository,
      contracts: contractRepository,
      catalog,
    }),
    contracts: createContractService({
      db,
      contracts: contractRepository,
      profiles: profileRepository,
      catalog,
    }),
    calendarDays: createCalendarDayService({ db, days: createCalendarDayRepository(db) }),
    engineers: createEngineerService({ db, engineers: createEngineerRepository(db), now: deps.now }),
    tickets,
    dispatchPlans,
    dispatchCommits: createPlanCommitService({
      db,
      now: deps.now,
      plans: dispatchPlanRepository,
      ledger: stockLedger,
      stock: stockRepository,
      tickets,
    }),
    // "Who goes?" for one ticket, ranked against today's routes prepared once per change counter.
    dispatchCandidates: createDispatchCandidatesService({ db, now: deps.now, builder: dispatchProblems }),
    preventiveJobs: createPreventiveJobService({
      db,
      now: deps.now,
      jobs: createPreventiveJobRepository(db),
      context: intakeContext,
    }),
    reorder: createReorderServices({
      db,
      now: deps.now,
      logger: deps.logger,
      ledger: stockLedger,
      timeZone: deps.config.TIME_ZONE,
      cronExpression: deps.config.REORDER_CRON,
    }),
    // Planners' what-if change sets over the live network (issue 6).
    scenarios: createScenarioService({ db, now: deps.now, scenarios: scenarioRepository }),
    // Their background runs: replications over at most two simulation worker threads.
    scenarioRuns,
    // The job queue's handlers in this process (none with the in-process runner); docs/scale-out.md.
    jobs: createBackgroundJobs({
      queue: jobQueue,
      works: deps.config.WORK_JOBS,
      ownsDatabase: !deps.config.DATABASE_URL,
      solverThreads,
      logger: deps.logger,
      plans: dispatchPlans,
      runs: scenarioRuns,
      runRows,
    }),
  };
}

/** The services the routes call, built once by the composition root from the database and config. */
export type Services = ReturnType<typeof createServices>;
