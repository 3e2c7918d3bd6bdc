import type { Arc, RoutingVariables } from './formulation-routes.ts';
import { nodeKey, type RouteNode } from './route-node.ts';
import type { ExactInstance } from './instance.ts';
import { term, type LinearTerm, type ModelBuilder } from './model.ts';

/** Rows of the routing part that limit a route or tighten the LP; each family is valid on its own. */

/**
 * maxJobs and capacity, plus a valid inequality the LP needs to see that a shift is finite: the
 * driving, service and pickup time of a route fit between leaving and the shift end.
 */
export function addWorkloadRows(
  builder: ModelBuilder,
  instance: ExactInstance,
  e: number,
  assigned: Map<number, number>,
  routeTerms: LinearTerm[],
): void {
  const engineer = instance.engineers[e]!;
  const jobs = [...assigned.values()].map((visit) => term(visit));
  if (engineer.maxJobs < jobs.length) builder.atMost(`max_jobs_${engineer.id}`, jobs, engineer.maxJobs);
  const loads = [...assigned].map(([ticket, visit]) => term(visit, instance.tickets[ticket]!.source.load));
  if (loads.reduce((sum, t) => sum + t.coefficient, 0) > engineer.capacity)
    builder.atMost(`capacity_${engineer.id}`, loads, engineer.capacity);
  builder.atMost(`shift_length_${engineer.id}`, routeTerms, engineer.shiftEnd - engineer.departs);
}

/**
 * Two nodes never follow each other both ways (the time flow forbids it, but the LP relaxation
 * happily splits a visit across such a pair): x(i,j) + x(j,i) ≤ visit(i).
 */
export function addTwoCycleRows(builder: ModelBuilder, routing: RoutingVariables, e: number): void {
  const arcs = new Map<string, number>();
  for (const arc of routing.arcs)
    if (arc.engineer === e) arcs.set(`${nodeKey(arc.from)}>${nodeKey(arc.to)}`, arc.variable);
  const visitOf = (node: RouteNode) =>
    node.kind === 'ticket'
      ? routing.assigned[e]!.get(node.ticket)!
      : routing.pickups[e]!.get((node as { location: number }).location)!.visit;
  for (const arc of routing.arcs) {
    if (arc.engineer !== e || arc.from.kind === 'start' || arc.to.kind === 'end') continue;
    const back = arcs.get(`${nodeKey(arc.to)}>${nodeKey(arc.from)}`);
    if (back === undefined || back < arc.variable) continue;
    builder.atMost(
      `two_cycle_${arc.variable}`,
      [term(arc.variable), term(back), term(visitOf(arc.from), -1)],
      0,
    );
    builder.atMost(`two_cycle_${back}`, [term(arc.variable), term(back), term(visitOf(arc.to), -1)], 0);
  }
}

/**
 * Time flow cuts every cycle of positive duration; a cycle of zero-service tickets at one place
 * takes no time, so those tickets also get an order variable (Miller–Tucker–Zemlin).
 */
export function addZeroDurationOrder(
  builder: ModelBuilder,
  instance: ExactInstance,
  arcs: readonly Arc[],
): void {
  const instant = instance.tickets.filter((ticket) => ticket.service === 0 && ticket.eligible.length > 0);
  if (instant.length < 2) return;
  const order = new Map(
    instant.map((ticket) => [ticket.index, builder.continuous(`r_${ticket.id}`, 0, instant.length - 1)]),
  );
  for (const arc of arcs) {
    if (arc.from.kind !== 'ticket' || arc.to.kind !== 'ticket') continue;
    const from = order.get(arc.from.ticket);
    const to = order.get(arc.to.ticket);
    if (from === undefined || to === undefined) continue;
    builder.atLeast(
      `order_${arc.variable}`,
      [term(to), term(from, -1), term(arc.variable, -instant.length)],
      1 - instant.length,
    );
  }
}
