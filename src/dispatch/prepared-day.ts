import { prepareCandidates, type PreparedCandidates, type Problem, type Ticket } from '../../solver/index.ts';
import type { DispatchSnapshot } from './problem-builder.ts';

/**
 * Today as the candidates service sees it: the whole problem (every dispatchable ticket, so any
 * of them can be asked about), and the day's committed routes prepared once: the pinned work
 * (assigned, en route, on site) in order. A question about a ticket inserts that ticket into
 * these routes; tickets nobody holds yet are not in anyone's route, so they do not compete.
 */
export interface PreparedDay {
  /** The dispatch change counter read before the problem: equal counter, same data. */
  counter: number;
  /** The problem's `now` as epoch ms: the routes' times start here. */
  builtAtMs: number;
  problem: Problem;
  snapshot: DispatchSnapshot;
  prepared: PreparedCandidates;
  ticketById: ReadonlyMap<string, Ticket>;
}

export function prepareDay(
  problem: Problem,
  snapshot: DispatchSnapshot,
  counter: number,
  builtAtMs: number,
): PreparedDay {
  return {
    counter,
    builtAtMs,
    problem,
    snapshot,
    prepared: prepareCandidates(dayOf(problem)),
    ticketById: new Map(problem.tickets.map((ticket) => [ticket.id, ticket])),
  };
}

/** The committed part of the problem: its pinned tickets only, in candidates mode. */
export function dayOf(problem: Problem, without?: string): Problem {
  return {
    ...problem,
    tickets: problem.tickets.filter((ticket) => ticket.pin && ticket.id !== without),
    options: { ...problem.options, mode: 'candidates' },
  };
}

/** The ticket as a question: "who goes?" is asked of a ticket no one is held to. */
export function asQuestion(ticket: Ticket): Ticket {
  return { ...ticket, pin: null, previousEngineer: null };
}

/**
 * Holds one prepared day and rebuilds it when the change counter moved, when it is older than
 * `maxAgeMs` (arrival times are computed from the day's `now`), or when the clock went back.
 * Concurrent requests that find it stale share one rebuild.
 */
export function createPreparedDayCache(options: {
  maxAgeMs: number;
  build: (counter: number) => Promise<PreparedDay>;
}) {
  let current: PreparedDay | null = null;
  let rebuilding: { counter: number; promise: Promise<PreparedDay> } | null = null;

  const fresh = (day: PreparedDay, counter: number, nowMs: number) =>
    day.counter === counter && nowMs >= day.builtAtMs && nowMs - day.builtAtMs <= options.maxAgeMs;

  return {
    async get(counter: number, nowMs: number): Promise<PreparedDay> {
      if (current && fresh(current, counter, nowMs)) return current;
      if (rebuilding && rebuilding.counter === counter) {
        const day = await rebuilding.promise;
        if (fresh(day, counter, nowMs)) return day;
      }
      const promise = options.build(counter);
      rebuilding = { counter, promise };
      try {
        current = await promise;
        return current;
      } finally {
        if (rebuilding?.promise === promise) rebuilding = null;
      }
    },
    /** Drops the prepared day (the next question rebuilds it). */
    clear(): void {
      current = null;
    },
  };
}
