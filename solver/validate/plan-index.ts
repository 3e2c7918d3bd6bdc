import type { Assignment, Plan, Route } from '../plan.schema.ts';
import type { CheckContext } from './context.ts';
import type { ViolationSink } from './types.ts';

/** The plan's parts, keyed for lookup; only first occurrences of known ids are kept. */
export interface PlanIndex {
  assignments: Map<string, Assignment>;
  unassigned: Set<string>;
  /** Routes of known engineers. */
  routes: Route[];
  /** The engineer whose route holds a ticket's first stop. */
  stopEngineer: Map<string, string>;
}

/**
 * Accounts for every ticket and engineer the plan names: each problem ticket is assigned or
 * unassigned exactly once, each route belongs to a known engineer once, and routes and
 * assignments agree on who serves what.
 */
export function indexPlan(ctx: CheckContext, plan: Plan, sink: ViolationSink): PlanIndex {
  const assignments = new Map<string, Assignment>();
  for (const assignment of plan.assignments) {
    const ticket = assignment.ticket;
    if (!ctx.tickets.has(ticket))
      sink.report('unknown-ticket', `assignment of unknown ticket ${ticket}`, { ticket });
    else if (assignments.has(ticket)) sink.report('ticket-twice', `${ticket} is assigned twice`, { ticket });
    else assignments.set(ticket, assignment);
    if (!ctx.engineers.has(assignment.engineer))
      sink.report('unknown-engineer', `${ticket} is assigned to unknown engineer ${assignment.engineer}`, {
        ticket,
        engineer: assignment.engineer,
      });
  }

  const unassigned = new Set<string>();
  for (const { ticket } of plan.unassigned) {
    if (!ctx.tickets.has(ticket))
      sink.report('unknown-ticket', `unknown ticket ${ticket} is unassigned`, { ticket });
    else if (assignments.has(ticket) || unassigned.has(ticket))
      sink.report('ticket-twice', `${ticket} is listed as unassigned and again elsewhere`, { ticket });
    else unassigned.add(ticket);
  }
  for (const ticket of ctx.tickets.keys())
    if (!assignments.has(ticket) && !unassigned.has(ticket))
      sink.report('ticket-missing', `${ticket} is neither assigned nor unassigned`, { ticket });

  const routes: Route[] = [];
  const routed = new Set<string>();
  const stopEngineer = new Map<string, string>();
  for (const route of plan.routes) {
    const engineer = route.engineer;
    if (!ctx.engineers.has(engineer)) {
      sink.report('unknown-engineer', `route of unknown engineer ${engineer}`, { engineer });
      continue;
    }
    if (routed.has(engineer)) {
      sink.report('route-twice', `${engineer} has more than one route`, { engineer });
      continue;
    }
    routed.add(engineer);
    routes.push(route);
    for (const stop of route.stops) {
      if (stop.type !== 'ticket') continue;
      const ticket = stop.ticket;
      if (!ctx.tickets.has(ticket))
        sink.report('unknown-ticket', `${engineer}'s route visits unknown ticket ${ticket}`, {
          ticket,
          engineer,
        });
      else if (stopEngineer.has(ticket))
        sink.report('ticket-twice', `${ticket} has more than one route stop`, { ticket, engineer });
      else stopEngineer.set(ticket, engineer);
    }
  }

  for (const [ticket, assignment] of assignments) {
    const engineer = stopEngineer.get(ticket);
    if (engineer === undefined)
      sink.report('route-assignment-mismatch', `${ticket} is assigned but on no route`, { ticket });
    else if (engineer !== assignment.engineer && ctx.engineers.has(assignment.engineer))
      sink.report(
        'route-assignment-mismatch',
        `${ticket} is assigned to ${assignment.engineer} but on ${engineer}'s route`,
        { ticket, engineer },
      );
  }
  for (const [ticket, engineer] of stopEngineer)
    if (!assignments.has(ticket))
      sink.report(
        'route-assignment-mismatch',
        `${engineer}'s route visits ${ticket}, which has no assignment`,
        {
          ticket,
          engineer,
        },
      );

  return { assignments, unassigned, routes, stopEngineer };
}
