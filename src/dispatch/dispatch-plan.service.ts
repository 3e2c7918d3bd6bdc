import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Problem, problems } from '../http/problem.ts';
import type { Logger } from '../logger.ts';
import type { RouteLanguage, Routing } from '../routing/index.ts';
import type { DispatchPlanRepository } from './dispatch-plan.repository.ts';
import type {
  PlanCreate,
  PlanListQuery,
  PlanSummaryView,
  PlanTrigger,
  PlanView,
} from './dispatch-plan.schemas.ts';
import { planKpis, validationView } from './plan-kpis.ts';
import { routeGeoJson, routeWaypoints } from './plan-route.ts';
import type { PlanWorkerPool } from './plan-worker-pool.ts';
import type { DispatchProblemBuilder } from './problem-builder.ts';
import { createReplanTrigger, withCommittedWork } from './replan.ts';

export interface DispatchPlanServiceDeps {
  db: Knex;
  now: () => Date;
  logger: Logger;
  plans: DispatchPlanRepository;
  builder: DispatchProblemBuilder;
  pool: PlanWorkerPool;
  routing: Routing;
  /**
   * Where solves run: absent, in this process's worker threads (the request starts them); given,
   * the plan's id is queued and a worker process solves it (`solveStored`), src/jobs/.
   */
  queue?: { send(planId: string): Promise<void> };
}

/** The time limit a plan gets when the request names none. */
const DEFAULT_TIME_LIMIT_MS = 2000;

/**
 * Plans for the open work. A request writes the plan row and answers at once; the problem is read
 * from the database and solved in a worker thread in the background, and the row is completed
 * with the plan, its KPIs and the independent checker's verdict (or the error).
 */
export function createDispatchPlanService(deps: DispatchPlanServiceDeps) {
  const { db, plans, builder, pool } = deps;
  const logger = deps.logger.child({ component: 'dispatch-plans' });
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  async function solveInBackground(id: string, input: PlanCreate, trigger: PlanTrigger): Promise<void> {
    try {
      const started = performance.now();
      const built = await builder.build({
        regionId: input.regionId,
        timeLimitMs: input.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
        seed: input.seed,
        mode: 'plan',
      });
      const committed = await plans.committedEngineers(built.problem.tickets.map((ticket) => ticket.id));
      // A re-plan for an urgent ticket keeps committed work where it is; any plan counts the moves.
      const problem = withCommittedWork(built.problem, committed, { pin: trigger === 'level-1' });
      await plans.saveProblem(id, problem, built.snapshot, performance.now() - started);
      const solution = await pool.solve(problem);
      await plans.saveSolution(id, {
        plan: solution.plan,
        kpis: planKpis(solution.plan),
        validation: validationView(solution.validation),
        solveMs: solution.solveMs,
        at: deps.now(),
      });
      logger.info(
        { plan: id, trigger, solveMs: solution.solveMs, valid: solution.validation.valid },
        'plan solved',
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error({ err: error, plan: id }, 'plan failed');
      await plans.saveFailure(id, message, deps.now()).catch((saveError: unknown) => {
        logger.error({ err: saveError, plan: id }, 'could not record the plan failure');
      });
    }
  }

  async function create(input: PlanCreate, actor: string, trigger: PlanTrigger = 'manual') {
    if (closing) throw problems.unavailable('the service is shutting down');
    if (input.regionId && !(await db('regions').where({ id: input.regionId }).first('id')))
      throw problems.validation([{ field: 'body.regionId', message: `no region with id ${input.regionId}` }]);
    const id = `DP-${randomUUID()}`;
    await plans.insert({
      id,
      trigger,
      regionId: input.regionId ?? null,
      options: { timeLimitMs: input.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS, seed: input.seed },
      createdBy: actor,
      createdAt: deps.now(),
    });
    const location = `/api/v1/dispatch/plans/${id}`;
    if (deps.queue) {
      try {
        await deps.queue.send(id);
      } catch (error) {
        logger.error({ err: error, plan: id }, 'plan could not be queued');
        await plans.saveFailure(id, 'the plan could not be queued', deps.now());
        throw problems.unavailable('the job queue is unavailable');
      }
      return { id, status: 'solving' as const, location, done: Promise.resolve() };
    }
    const done = solveInBackground(id, input, trigger);
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
    return { id, status: 'solving' as const, location, done };
  }

  /**
   * A queued plan, solved by the worker that took its job: the request is read back from the row.
   * A plan that is no longer solving (a retry after the solve was stored) is left as it is.
   */
  async function solveStored(id: string): Promise<void> {
    const stored = await plans.view(id);
    if (!stored || stored.status !== 'solving') return;
    const input: PlanCreate = {
      ...(stored.regionId ? { regionId: stored.regionId } : {}),
      ...(stored.options.timeLimitMs !== undefined ? { timeLimitMs: stored.options.timeLimitMs } : {}),
      ...(stored.options.seed !== undefined ? { seed: stored.options.seed } : {}),
    };
    const done = solveInBackground(id, input, stored.trigger);
    inFlight.add(done);
    try {
      await done;
    } finally {
      inFlight.delete(done);
    }
  }

  // A re-plan revises committed work; before the first commit there is none, and the dispatcher's
  // own plan will include the ticket.
  const replan = createReplanTrigger(
    async () =>
      (await plans.anyCommitted()) ? create({}, 'dispatch:level-1', 'level-1') : { done: Promise.resolve() },
    (error) => logger.error({ err: error }, 'level-1 re-plan could not start'),
  );

  return {
    create,
    solveStored,

    /**
     * Plans left solving by a previous run of this process (killed mid-solve). Only for a database
     * that one process owns (embedded PGlite): elsewhere another replica may be solving them, and
     * the job queue settles a dead worker's plans.
     */
    async failInterrupted(): Promise<number> {
      return db('dispatch_plans').where({ status: 'solving' }).update({
        status: 'failed',
        error: 'interrupted: the service stopped while solving',
        solved_at: deps.now(),
      });
    },

    /** A plan whose jobs all failed (its worker died twice): recorded as failed, if still solving. */
    async failStored(id: string, reason: string): Promise<void> {
      await plans.saveFailure(id, reason, deps.now());
    },

    list: async (query: PlanListQuery): Promise<{ items: PlanSummaryView[] }> => ({
      items: await plans.list(query),
    }),

    async get(id: string): Promise<PlanView> {
      const plan = await plans.view(id);
      if (!plan) throw problems.notFound('dispatch plan', id);
      return plan;
    },

    /** The problem the plan solved, as the solver's JSON (replay it with scripts/plan.ts). */
    async problem(id: string) {
      const problem = await plans.problemOf(id);
      if (problem === undefined) throw problems.notFound('dispatch plan', id);
      if (problem === null)
        throw problems.conflict(`plan ${id} has no problem yet: it is still being read`, 'plan-not-ready');
      return problem;
    },

    /** An engineer's route in the plan as GeoJSON with turn-by-turn instructions. */
    async route(id: string, engineerId: string, language: RouteLanguage) {
      const stored = await plans.problemAndPlan(id);
      if (!stored) throw problems.notFound('dispatch plan', id);
      if (!stored.problem || !stored.plan)
        throw problems.conflict(`plan ${id} is not solved (yet)`, 'plan-not-ready', [
          { field: 'params.id', message: 'the plan has no routes yet' },
        ]);
      const waypoints = routeWaypoints(stored.problem, stored.plan, engineerId);
      if (!waypoints)
        throw new Problem({
          status: 404,
          code: 'not-found',
          title: 'Not found',
          detail: `plan ${id} has no route for engineer ${engineerId}`,
          errors: [{ field: 'params.engineerId', message: `no route for ${engineerId} in this plan` }],
        });
      const names = await plans.locationNames([...new Set(waypoints.map((w) => w.location))]);
      return routeGeoJson({ planId: id, engineerId, waypoints, names, routing: deps.routing, language });
    },

    /** Ticket intake calls this for a new ticket; a level-1 ticket starts a re-plan. */
    onTicketCreated(ticket: { id: string; level: number }): void {
      if (ticket.level === 1 && !closing) replan.request();
    },

    /** Resolves when every plan started so far is stored (tests, shutdown). */
    async settled(): Promise<void> {
      await replan.idle();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    /** Loads the solver into the workers now, so the first plan does not wait for it. */
    warm: () => pool.warm(),

    /** Refuses new plans, stops the workers; plans still solving are recorded as failed. */
    async close(): Promise<void> {
      closing = true;
      await pool.close();
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type DispatchPlanService = ReturnType<typeof createDispatchPlanService>;
