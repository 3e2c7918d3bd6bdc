import type { Api } from '../http/api.ts';
import {
  CandidatesRequest,
  CandidatesView,
  DispatchProblemQuery,
  DispatchProblemView,
} from './dispatch-candidates.schemas.ts';
import type { DispatchCandidatesService } from './dispatch-candidates.service.ts';

export function registerDispatchCandidateRoutes(api: Api, dispatch: DispatchCandidatesService): void {
  const tags = ['dispatch'];
  api.route({
    method: 'get',
    path: '/dispatch/problem',
    summary:
      "Today's dispatch problem (solver contract JSON) with the versions it was read at, for download and replay",
    tags,
    permission: 'dispatch:read',
    query: DispatchProblemQuery,
    response: DispatchProblemView,
    handler: async ({ query }) => {
      const { problem, snapshot } = await dispatch.problem({
        regionId: query.region,
        mode: query.mode,
        ticketIds: query.tickets,
        timeLimitMs: query.timeLimitMs,
        seed: query.seed,
      });
      return { ...problem, snapshot };
    },
  });
  api.route({
    method: 'post',
    path: '/dispatch/candidates',
    summary:
      'Ranked candidates (engineer, parts, spare unit) for one ticket, with explanations and consequences',
    tags,
    permission: 'dispatch:read',
    body: CandidatesRequest,
    response: CandidatesView,
    handler: async ({ body }) => {
      const answer = await dispatch.candidates(body.ticketId, body.k ?? 5);
      return {
        ticketId: body.ticketId,
        ticket: answer.problem.tickets[0]!,
        candidates: answer.plan.candidates ?? [],
        unassigned: answer.plan.unassigned.filter((u) => u.ticket === body.ticketId),
        preparedAt: answer.snapshot.takenAt,
        changeCounter: answer.counter,
        solveMs: answer.plan.summary.solveMs,
      };
    },
  });
}
