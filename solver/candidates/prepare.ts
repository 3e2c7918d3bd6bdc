import type { Plan } from '../plan.schema.ts';
import type { Location, Problem, Ticket } from '../problem.schema.ts';
import type { SolverRuntime } from '../runtime.ts';
import { buildDay, type Day } from './day.ts';
import { answerAgainstDay } from './query.ts';

/** One candidates question against a prepared day. */
export interface CandidatesQuery {
  /** The new ticket (parsed): its site is one of the day's locations or of `locations`. */
  readonly ticket: Ticket;
  /** Locations the day does not have yet, such as the ticket's site (parsed). */
  readonly locations?: readonly Location[];
  /** How many ranked options; default the day's `options.maxCandidates`. */
  readonly maxCandidates?: number;
}

/**
 * Today's routes, built once, that answer candidates questions one ticket at a time (a dispatch
 * service asks many over the same day). `rank` never changes the day: each answer is the one
 * `solve` gives in candidates mode for `problemFor(query)`, whatever was asked before it.
 */
export interface PreparedCandidates {
  /** The day's problem, as given to `prepareCandidates`. */
  readonly problem: Problem;
  /** The problem a query stands for: the day plus its locations, with its ticket first. */
  problemFor(query: CandidatesQuery): Problem;
  /** The candidates-mode plan of `problemFor(query)`; `runtime` only times it (`summary.solveMs`). */
  rank(query: CandidatesQuery, runtime?: Pick<SolverRuntime, 'now'>): Plan;
}

/**
 * Builds today's routes for every ticket of `problem` (pins in order, previous engineers, then a
 * quick construction for the rest, as candidates mode does) and returns an object that ranks new
 * tickets against them without rebuilding anything: a query costs the new ticket's own search.
 * The day's part of every plan it returns (assignments, routes, the day's unassigned) is shared
 * between answers and frozen.
 */
export function prepareCandidates(problem: Problem): PreparedCandidates {
  const day = buildDay(problem);
  deepFreeze(day.plan);
  const locationIds = new Set(problem.locations.map((location) => location.id));
  const problemFor = (query: CandidatesQuery): Problem => {
    checkQuery(day, locationIds, query);
    return {
      ...problem,
      locations: query.locations?.length ? [...problem.locations, ...query.locations] : problem.locations,
      tickets: [query.ticket, ...problem.tickets],
      options: {
        ...problem.options,
        mode: 'candidates',
        ticket: query.ticket.id,
        maxCandidates: query.maxCandidates ?? problem.options.maxCandidates,
      },
    };
  };
  return {
    problem,
    problemFor,
    rank(query, runtime) {
      const startedAt = runtime?.now() ?? 0;
      return answerAgainstDay(day, problemFor(query), 0, () => (runtime ? runtime.now() - startedAt : 0));
    },
  };
}

/** The references a query may not get wrong: what zod checks for a whole problem. */
function checkQuery(day: Day, locationIds: ReadonlySet<string>, query: CandidatesQuery): void {
  const { ticket } = query;
  if (day.model.ticketIndex.has(ticket.id)) throw new Error(`ticket ${ticket.id} is already in the day`);
  const added = new Set<string>();
  for (const location of query.locations ?? []) {
    if (added.has(location.id) || locationIds.has(location.id))
      throw new Error(`location ${location.id} is already in the day`);
    added.add(location.id);
  }
  if (!added.has(ticket.site) && !locationIds.has(ticket.site))
    throw new Error(`unknown location ${ticket.site}`);
  if (ticket.pin && !day.model.engineerIndex.has(ticket.pin.engineer))
    throw new Error(`unknown engineer ${ticket.pin.engineer}`);
  const travel = day.model.problem.travel;
  if (travel.mode === 'matrix') {
    for (const location of added)
      if (!travel.ids.includes(location)) throw new Error(`location ${location} is not in the travel matrix`);
  }
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
