import { solve, type Plan, type Problem } from '../../solver/index.ts';
import type { Database } from '../db/connection.ts';
import { problems } from '../http/problem.ts';
import { FINAL_STATUSES, type TicketStatus } from '../tickets/lifecycle.ts';
import { createDispatchProblemRepository, DISPATCHABLE_STATUSES } from './dispatch-problem.repository.ts';
import type { DispatchBuildOptions, DispatchProblemBuilder, DispatchSnapshot } from './problem-builder.ts';
import { asQuestion, createPreparedDayCache, dayOf, prepareDay, type PreparedDay } from './prepared-day.ts';

export interface DispatchCandidatesDeps {
  db: Database;
  builder: DispatchProblemBuilder;
  now: () => Date;
  /** How long a prepared day answers before it is rebuilt even with nothing changed (default 60 s). */
  maxAgeMs?: number;
}

export interface CandidatesAnswer {
  /** The problem the answer is the candidates-mode solution of (the day plus the ticket, first). */
  problem: Problem;
  plan: Plan;
  snapshot: DispatchSnapshot;
  /** The change counter of the prepared day the answer was ranked against. */
  counter: number;
}

const DEFAULT_MAX_AGE_MS = 60_000;
const dispatchable = new Set<string>(DISPATCHABLE_STATUSES);

/**
 * "Who goes?" for one ticket: ranked (engineer, stock) options with explanations and the
 * consequences for today's committed routes. Today's routes are prepared once per snapshot (the
 * solver's prepareCandidates) and each question only ranks; the snapshot is kept while the
 * database's dispatch change counter stands still (one primary-key read per question).
 */
export function createDispatchCandidatesService(deps: DispatchCandidatesDeps) {
  const repository = createDispatchProblemRepository();
  const cache = createPreparedDayCache({
    maxAgeMs: deps.maxAgeMs ?? DEFAULT_MAX_AGE_MS,
    build: async (counter) => {
      const { problem, snapshot } = await deps.builder.build({ mode: 'plan' });
      return prepareDay(problem, snapshot, counter, Date.parse(problem.now));
    },
  });

  return {
    /** The problem for download and replay (scripts/plan.ts), with the versions it was read at. */
    problem(options: DispatchBuildOptions): Promise<{ problem: Problem; snapshot: DispatchSnapshot }> {
      return deps.builder.build(options);
    },

    async candidates(ticketId: string, k: number): Promise<CandidatesAnswer> {
      const state = await repository.ticketState(deps.db, ticketId);
      if (!state.ticket) throw problems.notFound('ticket', ticketId);
      const { status, kind } = state.ticket;
      if (FINAL_STATUSES.includes(status as TicketStatus))
        throw problems.conflict(`ticket ${ticketId} is ${status}: there is no one to send`, 'ticket-closed');
      if (kind !== 'fault' || !dispatchable.has(status))
        throw problems.conflict(
          kind !== 'fault'
            ? `ticket ${ticketId} is a ${kind} ticket: it needs no visit`
            : `ticket ${ticketId} is ${status}: the on-site work is done`,
          'ticket-not-dispatchable',
        );
      const day = await cache.get(state.counter, deps.now().getTime());
      const ticket = day.ticketById.get(ticketId);
      if (!ticket)
        throw problems.conflict(
          `ticket ${ticketId} names no skill (no equipment model and no fault code): nothing says who can do it`,
          'ticket-not-dispatchable',
        );
      const { problem, plan } = rank(day, ticketId, k);
      return { problem, plan, snapshot: day.snapshot, counter: day.counter };
    },

    /** Forgets the prepared day (tests; the change counter does this for real changes). */
    clear(): void {
      cache.clear();
    },
  };
}

/**
 * Ranks a ticket against the prepared day. A ticket that is itself pinned (already assigned) is
 * part of the day: it is asked about against the day without it, solved from scratch (rare: a
 * dispatcher reconsidering an assignment).
 */
function rank(day: PreparedDay, ticketId: string, k: number): { problem: Problem; plan: Plan } {
  const ticket = asQuestion(day.ticketById.get(ticketId)!);
  const runtime = { now: () => performance.now() };
  if (!day.ticketById.get(ticketId)!.pin) {
    const query = { ticket, maxCandidates: k };
    return { problem: day.prepared.problemFor(query), plan: day.prepared.rank(query, runtime) };
  }
  const rest = dayOf(day.problem, ticketId);
  const problem: Problem = {
    ...rest,
    tickets: [ticket, ...rest.tickets],
    options: { ...rest.options, mode: 'candidates', ticket: ticketId, maxCandidates: k },
  };
  return { problem, plan: solve(problem, runtime) };
}

export type DispatchCandidatesService = ReturnType<typeof createDispatchCandidatesService>;
