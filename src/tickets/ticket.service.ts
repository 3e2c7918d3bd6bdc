import type { Knex } from 'knex';
import { Batcher } from 'promise-batcher';
import type { Page } from '../db/pagination.ts';
import { problems } from '../http/problem.ts';
import { createClockRecompute } from './clock-recompute.ts';
import { requestHash } from './idempotency.ts';
import type { IntakeContextRepository } from './intake-context.repository.ts';
import { requiredSkill } from './intake.ts';
import { assertPartsExist, createIntake, type IntakeOutcome, type IntakeRequest } from './intake.service.ts';
import { isOpen } from './lifecycle.ts';
import { assertVersion, createLifecycle } from './lifecycle.service.ts';
import { clocksByDue, type TicketClockRepository } from './ticket-clock.repository.ts';
import type { TicketEventRepository } from './ticket-event.repository.ts';
import { toTicketView } from './ticket-view.ts';
import type { TicketRecord, TicketRepository } from './ticket.repository.ts';
import type {
  Ticket,
  TicketCreate,
  TicketEventView,
  TicketListQuery,
  TicketUpdate,
  TicketViewQuery,
} from './ticket.schemas.ts';

export interface TicketServiceDeps {
  db: Knex;
  now: () => Date;
  tickets: TicketRepository;
  clocks: TicketClockRepository;
  events: TicketEventRepository;
  context: IntakeContextRepository;
  /** Told about every ticket intake created (not a replayed one), after its transaction committed. */
  onCreated?: (ticket: Ticket) => void;
  /** Told the size of every batch of intakes taken in together. */
  onIntakeBatch?: (size: number) => void;
}

/**
 * The most intakes written by one statement: past a few dozen, a bigger batch saves little and
 * makes every ticket in it wait for the slowest.
 */
const INTAKE_BATCH_SIZE = 50;

export function createTicketService(deps: TicketServiceDeps) {
  const { db, tickets, clocks, events, context } = deps;
  const recomputeClocks = createClockRecompute({ context, events });
  const intake = createIntake(deps);
  // Intakes that arrive while batches are in the database wait and go together in the next one:
  // alone, a request goes at once (no wait beyond a timer tick); under load, batches grow with
  // the load and the statements per ticket fall with them. Two batches at most are in the
  // database at once, so one can be read while the other waits for its commit to reach disk.
  const intakeBatcher = new Batcher<IntakeRequest, IntakeOutcome>({
    maxBatchSize: INTAKE_BATCH_SIZE,
    queuingDelay: 0,
    queuingThresholds: [1, 1, Infinity],
    batchingFunction: (requests) => {
      deps.onIntakeBatch?.(requests.length);
      return intake(requests);
    },
  });
  const lifecycle = createLifecycle({ ...deps, recomputeClocks });

  async function render(records: TicketRecord[], trx: Knex = db): Promise<Ticket[]> {
    const stored = await clocks.forTickets(
      records.map((record) => record.id),
      trx,
    );
    const now = deps.now();
    return records.map((record) => toTicketView(record, stored.get(record.id) ?? [], now));
  }

  async function get(id: string): Promise<Ticket> {
    const record = await tickets.get(id);
    if (!record) throw problems.notFound('ticket', id);
    return (await render([record]))[0]!;
  }

  /** A retry with the same key gets the ticket it created; the same key for another request is a 409. */
  async function replay(existing: TicketRecord, hash: string) {
    if (existing.requestHash !== hash)
      throw problems.conflict(
        `Idempotency-Key ${existing.idempotencyKey} was used for a different request (ticket ${existing.id})`,
        'idempotency-key-reused',
        [{ field: 'headers.idempotency-key', message: 'already used for a different request' }],
      );
    return { ticket: (await render([existing]))[0]!, created: false };
  }

  async function list(query: TicketListQuery): Promise<Page<Ticket>> {
    const page = await tickets.list(query, deps.now());
    return { items: await render(page.items), nextCursor: page.nextCursor };
  }

  return {
    get,
    list,

    /** Open tickets with a running clock inside its at-risk share, soonest due first by default. */
    atRisk: (query: TicketViewQuery) => list({ ...query, open: true, clockStatus: 'at-risk' }),

    /** Open tickets with a clock past due (running) or stopped after its due time. */
    breached: (query: TicketViewQuery) => list({ ...query, open: true, clockStatus: 'breached' }),

    /**
     * Takes a ticket in, in a batch with the intakes arriving at the same time. With an
     * idempotency key, a retry (even one racing the first request, in the same batch or from
     * another process) gets the original ticket: the unique index on the key lets one insert
     * through, and the others read the winner's ticket back.
     */
    async create(
      input: TicketCreate,
      meta: { actor: string; idempotencyKey?: string },
    ): Promise<{ ticket: Ticket; created: boolean }> {
      const hash = requestHash(input);
      const outcome = await intakeBatcher.getResult({ input, meta: { ...meta, requestHash: hash } });
      if (outcome.kind === 'created') {
        // Built from what the statement wrote, as a read back would answer it (clocks by due time).
        const ticket = toTicketView(outcome.ticket, [...outcome.clocks].sort(clocksByDue), deps.now());
        deps.onCreated?.(ticket);
        return { ticket, created: true };
      }
      const existing = meta.idempotencyKey
        ? await tickets.findByIdempotencyKey(meta.idempotencyKey)
        : undefined;
      // Tickets are never deleted: a key once taken keeps its ticket.
      if (!existing) throw new Error(`no ticket holds Idempotency-Key ${meta.idempotencyKey}`);
      return replay(existing, hash);
    },

    /** Edits what may change after intake; a new level re-computes the clocks' due times. */
    async update(id: string, input: TicketUpdate, actor: string): Promise<Ticket> {
      await db.transaction(async (trx) => {
        const ticket = await tickets.get(id, trx);
        if (!ticket) throw problems.notFound('ticket', id);
        assertVersion(ticket, input.version);
        if (!isOpen(ticket.status))
          throw problems.conflict(`ticket ${id} is ${ticket.status}`, 'ticket-closed');
        if (input.parts) await assertPartsExist(context, input.parts, trx);
        const level = input.level ?? ticket.level;
        const equipment = ticket.equipmentId ? await context.equipment(ticket.equipmentId, trx) : undefined;
        const changes = {
          description: input.description,
          level,
          minSkillLevel: requiredSkill(level, equipment?.model ?? null).minSkillLevel,
        };
        if (!(await tickets.update(id, ticket.version, changes, trx)))
          throw problems.conflict(
            `ticket ${id} was changed at the same time; read it again`,
            'concurrent-change',
          );
        if (input.parts) await tickets.replaceParts(id, input.parts, trx);
        if (level !== ticket.level) {
          const computed = await recomputeClocks({ ...ticket, level }, trx);
          if (computed) await clocks.replace(id, computed, trx);
        }
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const field of ['description', 'parts', 'level'] as const) {
          if (input[field] === undefined) continue;
          before[field] = ticket[field];
          after[field] = input[field];
        }
        await events.insert(
          { ticketId: id, type: 'updated', actor, at: deps.now(), data: { before, after } },
          trx,
        );
      });
      return get(id);
    },

    async transition(id: string, request: Parameters<typeof lifecycle.transition>[1], actor: string) {
      await lifecycle.transition(id, request, actor);
      return get(id);
    },

    /** A status change inside the caller's transaction (the dispatch commit assigns many at once). */
    transitionWithin: (
      trx: Knex,
      id: string,
      request: Parameters<typeof lifecycle.transition>[1],
      actor: string,
    ) => lifecycle.transition(id, request, actor, trx),

    async addEvent(id: string, request: Parameters<typeof lifecycle.addEvent>[1], actor: string) {
      await lifecycle.addEvent(id, request, actor);
      return get(id);
    },

    async events(id: string): Promise<{ items: TicketEventView[] }> {
      if (!(await tickets.get(id))) throw problems.notFound('ticket', id);
      return { items: await events.list(id) };
    },
  };
}

export type TicketService = ReturnType<typeof createTicketService>;
