import type { Api } from '../http/api.ts';
import { ScenarioIdParams } from './scenario.schemas.ts';
import {
  ScenarioRun,
  ScenarioRunAccepted,
  ScenarioRunComparison,
  ScenarioRunCreate,
  ScenarioRunList,
  ScenarioRunParams,
} from './scenario-run.schemas.ts';
import type { ScenarioRunService } from './scenario-run.service.ts';

/** What-if runs: start (202, a background job), follow, compare, cancel. */
export function registerScenarioRunRoutes(api: Api, runs: ScenarioRunService): void {
  const tags = ['scenarios'];
  api.route({
    method: 'post',
    path: '/scenarios/:id/runs',
    summary:
      'Simulate baseline and scenario on the same seeds: answers 202 at once, the run works in the background',
    tags,
    permission: 'scenarios:write',
    params: ScenarioIdParams,
    body: ScenarioRunCreate,
    status: 202,
    response: ScenarioRunAccepted,
    handler: async ({ params, body, actor, res }) => {
      const accepted = await runs.create(params.id, body, actor);
      res.setHeader('Location', accepted.location);
      return accepted;
    },
  });
  api.route({
    method: 'get',
    path: '/scenarios/:id/runs',
    summary: "A scenario's runs, newest first (without results)",
    tags,
    permission: 'scenarios:read',
    params: ScenarioIdParams,
    response: ScenarioRunList,
    handler: ({ params }) => runs.list(params.id),
  });
  api.route({
    method: 'get',
    path: '/scenario-runs/:runId',
    summary: 'A run: status, progress, and its results once done',
    tags,
    permission: 'scenarios:read',
    params: ScenarioRunParams,
    response: ScenarioRun,
    handler: ({ params }) => runs.get(params.runId),
  });
  api.route({
    method: 'get',
    path: '/scenario-runs/:runId/comparison',
    summary:
      'Per KPI: baseline and scenario means, their paired difference with a 95 % interval (409 until done)',
    tags,
    permission: 'scenarios:read',
    params: ScenarioRunParams,
    response: ScenarioRunComparison,
    handler: ({ params }) => runs.comparison(params.runId),
  });
  api.route({
    method: 'post',
    path: '/scenario-runs/:runId/cancel',
    summary: 'Cancel a queued or running run (409 once it has ended)',
    tags,
    permission: 'scenarios:write',
    params: ScenarioRunParams,
    response: ScenarioRun,
    handler: ({ params }) => runs.cancel(params.runId),
  });
}
