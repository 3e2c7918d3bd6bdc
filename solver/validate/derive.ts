import type { CheckContext } from './context.ts';
import { createCoverageCounter, type CoverageCounter } from './coverage.ts';
import { StockLedger } from './ledger.ts';
import type { PlanIndex } from './plan-index.ts';
import { evaluateRoute, type RouteEvaluation } from './route.ts';
import { Tally } from './tally.ts';
import { ViolationSink } from './types.ts';

export interface RouteDerivation {
  evaluation: RouteEvaluation;
  /** Travel, courier, commitments and moves of the tickets this route serves. */
  tally: Tally;
}

export interface PlanDerivation {
  routes: Map<string, RouteDerivation>;
  ledger: StockLedger;
  coverage: CoverageCounter;
  /** The whole plan: routes, unserved tickets and coverage taken. */
  tally: Tally;
}

/**
 * Re-derives every route of an indexed plan and sums the objective. A ticket counts as served
 * when it has an assignment and a stop on that engineer's route; any other ticket of the problem
 * (except `excludeTicket`) counts as unassigned.
 */
export function derivePlan(
  ctx: CheckContext,
  index: PlanIndex,
  sink: ViolationSink,
  excludeTicket?: string,
): PlanDerivation {
  const routes = new Map<string, RouteDerivation>();
  const ledger = new StockLedger();
  const served = new Set<string>();
  const tally = new Tally();

  for (const route of index.routes) {
    const engineer = ctx.engineers.get(route.engineer)!;
    const evaluation = evaluateRoute(
      ctx,
      engineer,
      route.stops,
      (ticket) =>
        index.stopEngineer.get(ticket) === engineer.id ? index.assignments.get(ticket) : undefined,
      { route: sink, ticket: () => sink },
    );
    const routeTally = tallyRoute(ctx, evaluation, ledger);
    for (const visit of evaluation.visits) if (visit.supplies) served.add(visit.ticket.id);
    routes.set(engineer.id, { evaluation, tally: routeTally });
    tally.add(routeTally);
  }

  for (const ticket of ctx.problem.tickets)
    if (!served.has(ticket.id) && ticket.id !== excludeTicket) tally.unserved(ctx, ticket);
  const coverage = createCoverageCounter(ctx);
  tally.coverage = coverage.count(ledger);
  return { routes, ledger, coverage, tally };
}

/** Sums one route's contribution and records its served tickets' draws in `ledger`. */
export function tallyRoute(ctx: CheckContext, evaluation: RouteEvaluation, ledger: StockLedger): Tally {
  const tally = new Tally();
  tally.travelUnits = evaluation.travelUnits;
  for (const visit of evaluation.visits) {
    if (!visit.supplies) continue;
    tally.served(ctx, visit.ticket, visit.commitments, evaluation.engineer.id);
    tally.courierUnits += visit.supplies.courierUnits;
    for (const draw of visit.supplies.draws) ledger.draw(draw);
  }
  return tally;
}

/** A sink for re-derivations whose violations were already reported elsewhere. */
export function discardSink(): ViolationSink {
  return new ViolationSink();
}
