import type { Knex } from 'knex';
import { problems } from '../http/problem.ts';
import type { ClockRecompute } from './clock-recompute.ts';
import type { IntakeContextRepository } from './intake-context.repository.ts';
import { assertNotFuture } from './intake.service.ts';
import { allowedTransitions, eventTypeOf, isOpen, isTransitionAllowed } from './lifecycle.ts';
import type { TicketClockRepository } from './ticket-clock.repository.ts';
import type { TicketEventRepository } from './ticket-event.repository.ts';
import type { TicketRecord, TicketRepository } from './ticket.repository.ts';
import type { TicketEventCreate, TransitionRequest } from './ticket.schemas.ts';

export interface LifecycleDeps {
  db: Knex;
  now: () => Date;
  tickets: TicketRepository;
  clocks: TicketClockRepository;
  events: TicketEventRepository;
  context: IntakeContextRepository;
  recomputeClocks: ClockRecompute;
}

/** A client that read an older version than the ticket has now gets a 409, not a lost update. */
export function assertVersion(ticket: TicketRecord, expected: number | undefined): void {
  if (expected !== undefined && expected !== ticket.version)
    throw problems.conflict(
      `ticket ${ticket.id} is at version ${ticket.version}, not ${expected}: read it again`,
      'stale-version',
      [{ field: 'body.version', message: `the ticket is at version ${ticket.version}` }],
    );
}

const concurrentChange = (id: string) =>
  problems.conflict(`ticket ${id} was changed at the same time; read it again`, 'concurrent-change');

/**
 * Status changes and other events of a ticket. Each runs in one transaction: check, write the
 * new status under the version it read, write the event, and bring the clocks up to date.
 */
export function createLifecycle(deps: LifecycleDeps) {
  const { tickets, events, context } = deps;

  async function load(id: string, trx: Knex): Promise<TicketRecord> {
    const ticket = await tickets.get(id, trx);
    if (!ticket) throw problems.notFound('ticket', id);
    return ticket;
  }

  /** When the event happened: given (not in the future, not before `notBefore`) or now. */
  function eventTime(given: string | undefined, notBefore: Date, what: string): Date {
    const now = deps.now();
    const at = given ? new Date(given) : now;
    assertNotFuture(at, now, 'body.at');
    if (at < notBefore)
      throw problems.validation([
        { field: 'body.at', message: `is before ${what} (${notBefore.toISOString()})` },
      ]);
    return at;
  }

  async function assertCanBeAssigned(ticket: TicketRecord, engineerId: string, trx: Knex): Promise<void> {
    const engineer = await context.engineer(engineerId, trx);
    const fail = (message: string) => problems.validation([{ field: 'body.engineerId', message }]);
    if (!engineer) throw fail(`no engineer with id ${engineerId}`);
    if (!engineer.active) throw fail(`engineer ${engineerId} is not active`);
    if (ticket.skill && (engineer.skills[ticket.skill] ?? 0) < ticket.minSkillLevel)
      throw fail(`engineer ${engineerId} lacks skill ${ticket.skill} at level ${ticket.minSkillLevel}`);
  }

  async function updateClocks(ticket: TicketRecord, trx: Knex): Promise<void> {
    const computed = await deps.recomputeClocks(ticket, trx);
    if (computed) await deps.clocks.applyEvent(ticket.id, computed, trx);
  }

  return {
    /** With `outer`, the change is part of the caller's transaction (a dispatch commit). */
    transition: (id: string, request: TransitionRequest, actor: string, outer?: Knex): Promise<void> =>
      (outer ?? deps.db).transaction(async (trx) => {
        const ticket = await load(id, trx);
        assertVersion(ticket, request.version);
        const { to } = request;
        if (!isTransitionAllowed(ticket.kind, ticket.status, to)) {
          const allowed = allowedTransitions(ticket.kind, ticket.status);
          throw problems.conflict(
            `a ${ticket.kind} ticket cannot go from ${ticket.status} to ${to}`,
            'illegal-transition',
            [
              {
                field: 'body.to',
                message: allowed.length ? `allowed: ${allowed.join(', ')}` : 'nothing follows',
              },
            ],
          );
        }
        const history = await events.list(id, trx);
        const lastChange = history.filter((event) => event.toStatus !== null).at(-1);
        const at = eventTime(
          request.at,
          lastChange ? new Date(lastChange.at) : ticket.reportedAt,
          'the ticket’s previous status change',
        );
        if (to === 'assigned') await assertCanBeAssigned(ticket, request.engineerId!, trx);
        const changed = await tickets.update(
          id,
          ticket.version,
          { status: to, ...(to === 'assigned' ? { assignedEngineerId: request.engineerId! } : {}) },
          trx,
        );
        if (!changed) throw concurrentChange(id);
        await events.insert(
          {
            ticketId: id,
            type: eventTypeOf(to),
            fromStatus: ticket.status,
            toStatus: to,
            actor,
            at,
            data: {
              ...(request.note ? { note: request.note } : {}),
              ...(to === 'assigned'
                ? { engineerId: request.engineerId, previousEngineerId: ticket.assignedEngineerId }
                : {}),
            },
          },
          trx,
        );
        await updateClocks({ ...ticket, status: to }, trx);
      }),

    /** A spare unit delivered to the site (stops its clock), or a note for the record. */
    addEvent: (id: string, request: TicketEventCreate, actor: string): Promise<void> =>
      deps.db.transaction(async (trx) => {
        const ticket = await load(id, trx);
        if (request.type === 'spare-unit-delivered') {
          if (!isOpen(ticket.status))
            throw problems.conflict(`ticket ${id} is ${ticket.status}`, 'ticket-closed');
          if (ticket.spareUnitModelId === null)
            throw problems.conflict(`ticket ${id} asked for no spare unit`, 'no-spare-unit', [
              { field: 'body.type', message: 'the ticket needs no spare unit' },
            ]);
        }
        const at = eventTime(request.at, ticket.reportedAt, 'the ticket was reported');
        if (!(await tickets.update(id, ticket.version, {}, trx))) throw concurrentChange(id);
        await events.insert(
          { ticketId: id, type: request.type, actor, at, data: request.note ? { note: request.note } : {} },
          trx,
        );
        if (request.type === 'spare-unit-delivered') await updateClocks(ticket, trx);
      }),
  };
}
