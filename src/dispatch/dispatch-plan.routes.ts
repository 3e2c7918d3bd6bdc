import { z } from 'zod';
import { Problem as SolverProblem } from '../../solver/index.ts';
import type { Api } from '../http/api.ts';
import { IdParams } from '../http/schemas.ts';
import {
  PlanAccepted,
  PlanCommitResult,
  PlanCreate,
  PlanList,
  PlanListQuery,
  PlanRouteParams,
  PlanRouteQuery,
  PlanView,
} from './dispatch-plan.schemas.ts';
import type { DispatchPlanService } from './dispatch-plan.service.ts';
import type { PlanCommitService } from './plan-commit.service.ts';

const RouteGeoJson = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) })
  .loose()
  .openapi('DispatchRouteGeoJson');

/** Plans (solved in a worker thread), their commit, and an engineer's route with instructions. */
export function registerDispatchPlanRoutes(
  api: Api,
  services: { plans: DispatchPlanService; commits: PlanCommitService },
): void {
  const { plans, commits } = services;
  const tags = ['dispatch'];

  api.route({
    method: 'post',
    path: '/dispatch/plans',
    summary: 'Plan the open work: answers 202 at once, the plan solves in a worker thread',
    tags,
    permission: 'dispatch:write',
    body: PlanCreate,
    status: 202,
    response: PlanAccepted,
    handler: async ({ body, actor, res }) => {
      const { id, status, location } = await plans.create(body, actor);
      res.setHeader('Location', location);
      return { id, status, location };
    },
  });

  api.route({
    method: 'get',
    path: '/dispatch/plans',
    summary: 'Plans, newest first, with their KPIs',
    tags,
    permission: 'dispatch:read',
    query: PlanListQuery,
    response: PlanList,
    handler: ({ query }) => plans.list(query),
  });

  api.route({
    method: 'get',
    path: '/dispatch/plans/:id',
    summary: 'A plan: status, KPIs, the checker’s verdict and the plan itself',
    tags,
    permission: 'dispatch:read',
    params: IdParams,
    response: PlanView,
    handler: ({ params }) => plans.get(params.id),
  });

  api.route({
    method: 'get',
    path: '/dispatch/plans/:id/problem',
    summary: 'The solver problem the plan solved (replay it with scripts/plan.ts)',
    tags,
    permission: 'dispatch:read',
    params: IdParams,
    response: SolverProblem,
    handler: ({ params }) => plans.problem(params.id),
  });

  api.route({
    method: 'post',
    path: '/dispatch/plans/:id/commit',
    summary: 'Commit a plan: assignments, ticket assignments and stock reservations in one transaction',
    tags,
    permission: 'dispatch:write',
    params: IdParams,
    response: PlanCommitResult,
    handler: ({ params, actor }) => commits.commit(params.id, actor),
  });

  api.route({
    method: 'get',
    path: '/dispatch/plans/:id/routes/:engineerId',
    summary: 'An engineer’s route in the plan as GeoJSON with turn-by-turn instructions (en, zh-Hans)',
    tags,
    permission: 'dispatch:read',
    params: PlanRouteParams,
    query: PlanRouteQuery,
    response: RouteGeoJson,
    handler: async ({ params, query }) => ({
      ...(await plans.route(params.id, params.engineerId, query.lang)),
    }),
  });
}
