import type { Api } from '../http/api.ts';
import type { ScenarioService } from './scenario.service.ts';
import {
  Scenario,
  ScenarioCreate,
  ScenarioIdParams,
  ScenarioListQuery,
  ScenarioNetwork,
  ScenarioPage,
  ScenarioRevisions,
  ScenarioUpdate,
} from './scenario.schemas.ts';

export function registerScenarioRoutes(api: Api, scenarios: ScenarioService): void {
  const tags = ['scenarios'];
  api.route({
    method: 'post',
    path: '/scenarios',
    summary: 'Create a what-if scenario (a change set validated against the live network)',
    tags,
    permission: 'scenarios:write',
    body: ScenarioCreate,
    status: 201,
    response: Scenario,
    handler: ({ body, actor }) => scenarios.create(body, actor),
  });
  api.route({
    method: 'get',
    path: '/scenarios',
    summary: 'List scenarios',
    tags,
    permission: 'scenarios:read',
    query: ScenarioListQuery,
    response: ScenarioPage,
    handler: ({ query }) => scenarios.list(query),
  });
  api.route({
    method: 'get',
    path: '/scenarios/:id',
    summary: 'Get a scenario, with whether the network changed since it was saved',
    tags,
    permission: 'scenarios:read',
    params: ScenarioIdParams,
    response: Scenario,
    handler: ({ params }) => scenarios.get(params.id),
  });
  api.route({
    method: 'patch',
    path: '/scenarios/:id',
    summary: 'Edit a scenario (409 unless `version` is the current one)',
    tags,
    permission: 'scenarios:write',
    params: ScenarioIdParams,
    body: ScenarioUpdate,
    response: Scenario,
    handler: ({ params, body, actor }) => scenarios.update(params.id, body, actor),
  });
  api.route({
    method: 'delete',
    path: '/scenarios/:id',
    summary: 'Delete a scenario and its revisions',
    tags,
    permission: 'scenarios:write',
    params: ScenarioIdParams,
    status: 204,
    handler: ({ params, actor }) => scenarios.delete(params.id, actor),
  });
  api.route({
    method: 'get',
    path: '/scenarios/:id/revisions',
    summary: "A scenario's saved versions, oldest first",
    tags,
    permission: 'scenarios:read',
    params: ScenarioIdParams,
    response: ScenarioRevisions,
    handler: ({ params }) => scenarios.revisions(params.id),
  });
  api.route({
    method: 'get',
    path: '/scenarios/:id/network',
    summary: 'The live network before and after the scenario: engineers, locations, stock value per region',
    tags,
    permission: 'scenarios:read',
    params: ScenarioIdParams,
    response: ScenarioNetwork,
    handler: ({ params }) => scenarios.network(params.id),
  });
}
