import type { Plan } from '../plan.schema.ts';
import type { Problem } from '../problem.schema.ts';
import type { SolverRuntime } from '../runtime.ts';
import { buildDay } from './day.ts';
import { answerAgainstDay } from './query.ts';

/**
 * Candidates mode: where could this one ticket go, right now? Today's routes are built from the
 * other tickets (pins, previous engineers, a quick construction for the rest), then the best
 * `maxCandidates` (engineer, position, supply) insertions of the ticket are ranked by the plan's
 * objective. The plan returned is today's routes, with the ticket unassigned and its options in
 * `candidates`. A service asking about many tickets over one day prepares the day once instead
 * (`prepareCandidates`); this is the same with a day built for one question.
 */
export function solveCandidates(problem: Problem, runtime: SolverRuntime): Plan {
  const startedAt = runtime.now();
  const named = problem.options.ticket;
  const target = named === undefined ? 0 : problem.tickets.findIndex((ticket) => ticket.id === named);
  if (target < 0) throw new Error(`unknown ticket ${named}`);
  const day = buildDay({ ...problem, tickets: problem.tickets.filter((_, t) => t !== target) });
  return answerAgainstDay(day, problem, target, () => runtime.now() - startedAt);
}
