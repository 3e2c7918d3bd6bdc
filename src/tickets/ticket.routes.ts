import type { Api } from '../http/api.ts';
import { IdParams } from '../http/schemas.ts';
import { parseIdempotencyKey } from './idempotency.ts';
import type { TicketService } from './ticket.service.ts';
import {
  Ticket,
  TicketCreate,
  TicketEventCreate,
  TicketEventList,
  TicketListQuery,
  TicketPage,
  TicketUpdate,
  TicketViewQuery,
  TransitionRequest,
} from './ticket.schemas.ts';

export function registerTicketRoutes(api: Api, tickets: TicketService): void {
  const tags = ['tickets'];
  api.route({
    method: 'post',
    path: '/tickets',
    summary:
      'Report a ticket (idempotent with an Idempotency-Key header: a retry gets 200 with the original ticket)',
    tags,
    permission: 'tickets:write',
    body: TicketCreate,
    status: 201,
    response: Ticket,
    handler: async ({ body, actor, req, res }) => {
      const idempotencyKey = parseIdempotencyKey(req.header('idempotency-key'));
      const result = await tickets.create(body, { actor, idempotencyKey });
      if (result.created) return result.ticket;
      res.status(200).set('Idempotent-Replayed', 'true').json(result.ticket);
    },
  });
  api.route({
    method: 'get',
    path: '/tickets',
    summary: 'List tickets with their clocks',
    tags,
    permission: 'tickets:read',
    query: TicketListQuery,
    response: TicketPage,
    handler: ({ query }) => tickets.list(query),
  });
  api.route({
    method: 'get',
    path: '/tickets/views/at-risk',
    summary: 'Open tickets with a clock at risk',
    tags,
    permission: 'tickets:read',
    query: TicketViewQuery,
    response: TicketPage,
    handler: ({ query }) => tickets.atRisk(query),
  });
  api.route({
    method: 'get',
    path: '/tickets/views/breached',
    summary: 'Open tickets with a breached clock',
    tags,
    permission: 'tickets:read',
    query: TicketViewQuery,
    response: TicketPage,
    handler: ({ query }) => tickets.breached(query),
  });
  api.route({
    method: 'get',
    path: '/tickets/:id',
    summary: 'Get a ticket with its clocks',
    tags,
    permission: 'tickets:read',
    params: IdParams,
    response: Ticket,
    handler: ({ params }) => tickets.get(params.id),
  });
  api.route({
    method: 'patch',
    path: '/tickets/:id',
    summary: 'Edit the description, parts or level of an open ticket (a new level re-computes its clocks)',
    tags,
    permission: 'tickets:write',
    params: IdParams,
    body: TicketUpdate,
    response: Ticket,
    handler: ({ params, body, actor }) => tickets.update(params.id, body, actor),
  });
  api.route({
    method: 'post',
    path: '/tickets/:id/transitions',
    summary: 'Move a ticket along its lifecycle (an illegal step is a 409 and changes nothing)',
    tags,
    permission: 'tickets:write',
    params: IdParams,
    body: TransitionRequest,
    response: Ticket,
    handler: ({ params, body, actor }) => tickets.transition(params.id, body, actor),
  });
  api.route({
    method: 'get',
    path: '/tickets/:id/events',
    summary: "A ticket's history",
    tags,
    permission: 'tickets:read',
    params: IdParams,
    response: TicketEventList,
    handler: ({ params }) => tickets.events(params.id),
  });
  api.route({
    method: 'post',
    path: '/tickets/:id/events',
    summary: 'Record a spare unit delivered to the site (stops its clock) or a note',
    tags,
    permission: 'tickets:write',
    params: IdParams,
    body: TicketEventCreate,
    status: 201,
    response: Ticket,
    handler: ({ params, body, actor }) => tickets.addEvent(params.id, body, actor),
  });
}
