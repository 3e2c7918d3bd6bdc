import type { Plan } from '../../../solver/plan.schema.ts';
import type { ProblemInput } from '../../../solver/problem.schema.ts';

/**
 * Today's routes as a problem: the tickets a plan assigned, each pinned to its engineer, listed in
 * route order (the solver rebuilds pinned tickets in the problem's order, at the end of the
 * route, so the order keeps the routes as planned). Tickets the plan left unassigned are dropped:
 * they are not on anyone's route today. Every other part of the problem is kept.
 */
export function pinTodaysRoutes(problem: ProblemInput, plan: Plan): ProblemInput {
  const ticketsById = new Map(problem.tickets.map((ticket) => [ticket.id, ticket]));
  const tickets: ProblemInput['tickets'] = [];
  for (const route of plan.routes)
    for (const stop of route.stops) {
      if (stop.type !== 'ticket') continue;
      const ticket = ticketsById.get(stop.ticket);
      if (!ticket) throw new Error(`the plan routes unknown ticket ${stop.ticket}`);
      tickets.push({ ...ticket, pin: { engineer: route.engineer, first: false } });
    }
  return { ...problem, tickets };
}
