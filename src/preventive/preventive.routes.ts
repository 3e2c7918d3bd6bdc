import type { Api } from '../http/api.ts';
import { IdParams } from '../http/schemas.ts';
import type { PreventiveJobService } from './preventive.service.ts';
import {
  PreventiveJob,
  PreventiveJobCreate,
  PreventiveJobListQuery,
  PreventiveJobPage,
  PreventiveJobUpdate,
  PreventiveTransition,
} from './preventive.schemas.ts';

export function registerPreventiveJobRoutes(api: Api, jobs: PreventiveJobService): void {
  const tags = ['preventive'];
  api.route({
    method: 'get',
    path: '/preventive-jobs',
    summary: 'List inspections and training sessions',
    tags,
    permission: 'tickets:read',
    query: PreventiveJobListQuery,
    response: PreventiveJobPage,
    handler: ({ query }) => jobs.list(query),
  });
  api.route({
    method: 'get',
    path: '/preventive-jobs/:id',
    summary: 'Get a preventive job',
    tags,
    permission: 'tickets:read',
    params: IdParams,
    response: PreventiveJob,
    handler: ({ params }) => jobs.get(params.id),
  });
  api.route({
    method: 'post',
    path: '/preventive-jobs',
    summary: 'Plan an inspection or a training session in a window',
    tags,
    permission: 'tickets:write',
    body: PreventiveJobCreate,
    status: 201,
    response: PreventiveJob,
    handler: ({ body, actor }) => jobs.create(body, actor),
  });
  api.route({
    method: 'patch',
    path: '/preventive-jobs/:id',
    summary: 'Change the plan of a job not yet done',
    tags,
    permission: 'tickets:write',
    params: IdParams,
    body: PreventiveJobUpdate,
    response: PreventiveJob,
    handler: ({ params, body, actor }) => jobs.update(params.id, body, actor),
  });
  api.route({
    method: 'post',
    path: '/preventive-jobs/:id/transitions',
    summary: 'Assign, mark done (the report falls due in 3 working days), file the report, or cancel',
    tags,
    permission: 'tickets:write',
    params: IdParams,
    body: PreventiveTransition,
    response: PreventiveJob,
    handler: ({ params, body, actor }) => jobs.transition(params.id, body, actor),
  });
  api.route({
    method: 'delete',
    path: '/preventive-jobs/:id',
    summary: 'Delete a job that is still only planned',
    tags,
    permission: 'tickets:write',
    params: IdParams,
    status: 204,
    handler: ({ params, actor }) => jobs.delete(params.id, actor),
  });
}
