import type { ExactInstance } from './instance.ts';
import { addTwoCycleRows, addWorkloadRows, addZeroDurationOrder } from './formulation-route-rows.ts';
import { nodeKey, type RouteNode } from './route-node.ts';
import { term, type LinearTerm, type ModelBuilder } from './model.ts';

/**
 * Routing part of the MIP: per engineer, an arc flow from the start over tickets and optional
 * pickup nodes (one per stock location, so a route picks up at a location at most once) to the
 * end. Time is an arc-time flow rather than big-M sequencing: T(i,j) is the departure from i
 * along arc (i,j), zero when the arc is unused and within [earliest, latest] × x(i,j) otherwise,
 * and time is conserved through each node (departures out = arrivals in + service). With
 * fractional arcs the times scale down with them instead of switching off, which is what makes
 * the LP bound useful. Arrivals and service starts of a ticket are therefore linear expressions
 * (zero for an engineer who does not serve it); summed over engineers they are the ticket's times.
 * A route's times can only be later than the rules' own timing, never earlier, so the optimum
 * equals the plan the rules derive from its sequence.
 */

export type { RouteNode } from './route-node.ts';

export interface Arc {
  readonly engineer: number;
  readonly from: RouteNode;
  readonly to: RouteNode;
  readonly variable: number;
  readonly cost: number;
  /** The earliest the engineer can reach `to` over this arc (earliest departure from `from` + leg). */
  readonly earliestArrival: number;
}

export interface PickupNode {
  readonly visit: number;
  /** Arrival at the pickup (zero when not visited). */
  readonly arrival: LinearTerm[];
  readonly latestArrival: number;
}

export interface RoutingVariables {
  readonly arcs: Arc[];
  /** assigned[e].get(t): engineer e serves ticket t. */
  readonly assigned: Map<number, number>[];
  readonly unassigned: number[];
  /** arrivals[e].get(t): e's arrival at t, zero when e does not serve it. */
  readonly arrivals: Map<number, LinearTerm[]>[];
  /** serviceStarts[e].get(t): e's service start at t, zero when e does not serve it. */
  readonly serviceStarts: Map<number, number>[];
  readonly pickups: Map<number, PickupNode>[];
  /** The latest a ticket's service can start under any engineer who may serve it. */
  readonly latestStart: number[];
}

interface NodeInfo {
  readonly node: RouteNode;
  readonly location: number;
  readonly earliestDepart: number;
  readonly latestDepart: number;
}

export function addRouting(builder: ModelBuilder, instance: ExactInstance): RoutingVariables {
  const { engineers, tickets } = instance;
  const latestStart = tickets.map((ticket) =>
    Math.max(
      ...ticket.eligible.map((e) => engineers[e]!.shiftEnd - ticket.service),
      Number.NEGATIVE_INFINITY,
    ),
  );
  const unassigned = tickets.map((ticket) =>
    builder.addVariable(`u_${ticket.id}`, ticket.eligible.length === 0 ? 1 : 0, 1, true),
  );
  const routing: RoutingVariables = {
    arcs: [],
    assigned: engineers.map(() => new Map()),
    unassigned,
    arrivals: engineers.map(() => new Map()),
    serviceStarts: engineers.map(() => new Map()),
    pickups: engineers.map(() => new Map()),
    latestStart,
  };
  for (const engineer of engineers) addEngineerRoutes(builder, instance, routing, engineer.index);

  for (const ticket of tickets) {
    const serving = engineers.filter((engineer) => routing.assigned[engineer.index]!.has(ticket.index));
    builder.equal(
      `assign_${ticket.id}`,
      [
        ...serving.map((engineer) => term(routing.assigned[engineer.index]!.get(ticket.index)!)),
        term(unassigned[ticket.index]!),
      ],
      1,
    );
  }
  addZeroDurationOrder(builder, instance, routing.arcs);
  return routing;
}

function addEngineerRoutes(
  builder: ModelBuilder,
  instance: ExactInstance,
  routing: RoutingVariables,
  e: number,
): void {
  const engineer = instance.engineers[e]!;
  const { tickets, travel, pickupUnits } = instance;
  const home = (location: number) =>
    engineer.end === null ? 0 : instance.legLowerBound(location, engineer.end);
  const reach = (location: number) => engineer.departs + instance.legLowerBound(engineer.start, location);

  const nodes: NodeInfo[] = [
    {
      node: { kind: 'start' },
      location: engineer.start,
      earliestDepart: engineer.departs,
      latestDepart: engineer.departs,
    },
  ];
  for (const ticket of tickets.filter((t) => t.eligible.includes(e))) {
    const earliestStart = Math.max(reach(ticket.site), ticket.earliestStart ?? 0);
    const latest = engineer.shiftEnd - ticket.service - home(ticket.site);
    const visit = builder.binary(`y_${engineer.id}_${ticket.id}`);
    const start = builder.continuous(`S_${engineer.id}_${ticket.id}`, 0, latest);
    routing.assigned[e]!.set(ticket.index, visit);
    routing.serviceStarts[e]!.set(ticket.index, start);
    builder.atMost(`start_window_hi_${start}`, [term(start), term(visit, -latest)], 0);
    builder.atLeast(`start_window_lo_${start}`, [term(start), term(visit, -earliestStart)], 0);
    nodes.push({
      node: { kind: 'ticket', ticket: ticket.index },
      location: ticket.site,
      earliestDepart: earliestStart + ticket.service,
      latestDepart: latest + ticket.service,
    });
  }
  for (const location of relevantPickups(instance, e)) {
    const latestArrival = engineer.shiftEnd - pickupUnits - home(location);
    if (reach(location) > latestArrival) continue;
    routing.pickups[e]!.set(location, {
      visit: builder.binary(`z_${engineer.id}_${location}`),
      arrival: [],
      latestArrival,
    });
    nodes.push({
      node: { kind: 'pickup', location },
      location,
      earliestDepart: reach(location) + pickupUnits,
      latestDepart: latestArrival + pickupUnits,
    });
  }

  const inflow = new Map<string, LinearTerm[]>();
  const outflow = new Map<string, LinearTerm[]>();
  const arrivalsAt = new Map<string, LinearTerm[]>();
  const departuresFrom = new Map<string, LinearTerm[]>();
  const add = (map: Map<string, LinearTerm[]>, key: string, ...terms: LinearTerm[]) =>
    map.set(key, [...(map.get(key) ?? []), ...terms]);
  const routeTerms: LinearTerm[] = [];

  for (const from of nodes) {
    const targets: { node: RouteNode; location: number | null; latestArrival: number }[] = nodes
      .filter((to) => to !== from && to.node.kind !== 'start')
      .map((to) => ({
        node: to.node,
        location: to.location,
        latestArrival: to.latestDepart - serviceOf(instance, to.node),
      }));
    if (from.node.kind !== 'pickup')
      targets.push({ node: { kind: 'end' }, location: engineer.end, latestArrival: engineer.shiftEnd });
    for (const to of targets) {
      if (to.node.kind === 'ticket' && tickets[to.node.ticket]!.pinFirst && from.node.kind !== 'start')
        continue;
      const isEmptyRoute = from.node.kind === 'start' && to.node.kind === 'end';
      const leg = to.location === null || isEmptyRoute ? 0 : travel.units(from.location, to.location);
      const latestDepart = Math.min(from.latestDepart, to.latestArrival - leg);
      if (!isEmptyRoute && from.earliestDepart > latestDepart) continue;
      const variable = builder.binary(`x_${engineer.id}_${nodeKey(from.node)}_${nodeKey(to.node)}`);
      routing.arcs.push({
        engineer: e,
        from: from.node,
        to: to.node,
        variable,
        cost: leg,
        earliestArrival: from.earliestDepart + leg,
      });
      add(outflow, nodeKey(from.node), term(variable));
      add(inflow, nodeKey(to.node), term(variable));
      if (leg !== 0) routeTerms.push(term(variable, leg));
      if (isEmptyRoute) continue;
      // Departure time along the arc: a constant for the start, a variable scaled by the arc otherwise.
      let depart: LinearTerm[];
      if (from.node.kind === 'start') depart = [term(variable, engineer.departs)];
      else {
        const time = builder.continuous(`T_${variable}`, 0, latestDepart);
        builder.atMost(`depart_hi_${time}`, [term(time), term(variable, -latestDepart)], 0);
        builder.atLeast(`depart_lo_${time}`, [term(time), term(variable, -from.earliestDepart)], 0);
        depart = [term(time)];
        add(departuresFrom, nodeKey(from.node), term(time));
      }
      // Reaching the end by the shift end follows from the departure's upper bound.
      if (to.node.kind !== 'end')
        add(arrivalsAt, nodeKey(to.node), ...depart, ...(leg === 0 ? [] : [term(variable, leg)]));
    }
  }

  builder.equal(`leave_${engineer.id}`, outflow.get('start') ?? [], 1);
  const balance = (key: string, visit: number) => {
    builder.equal(`in_${engineer.id}_${key}`, [...(inflow.get(key) ?? []), term(visit, -1)], 0);
    builder.equal(`out_${engineer.id}_${key}`, [...(outflow.get(key) ?? []), term(visit, -1)], 0);
  };
  const negate = (terms: readonly LinearTerm[]) => terms.map((t) => term(t.variable, -t.coefficient));
  for (const [ticket, visit] of routing.assigned[e]!) {
    const key = nodeKey({ kind: 'ticket', ticket });
    balance(key, visit);
    const arrival = arrivalsAt.get(key) ?? [];
    const start = routing.serviceStarts[e]!.get(ticket)!;
    routing.arrivals[e]!.set(ticket, arrival);
    builder.atLeast(`start_after_arrival_${engineer.id}_${key}`, [term(start), ...negate(arrival)], 0);
    // Time flows on: departures out of the ticket = service start + service, scaled by the visit.
    builder.equal(
      `time_through_${engineer.id}_${key}`,
      [...(departuresFrom.get(key) ?? []), term(start, -1), term(visit, -tickets[ticket]!.service)],
      0,
    );
    routeTerms.push(term(visit, tickets[ticket]!.service));
    if (tickets[ticket]!.pinFirst) {
      const first = routing.arcs.find(
        (arc) => arc.engineer === e && arc.from.kind === 'start' && nodeKey(arc.to) === key,
      );
      builder.equal(
        `pinned_first_${engineer.id}_${key}`,
        [...(first ? [term(first.variable)] : []), term(visit, -1)],
        0,
      );
    }
  }
  for (const [location, pickup] of routing.pickups[e]!) {
    const key = nodeKey({ kind: 'pickup', location });
    balance(key, pickup.visit);
    pickup.arrival.push(...(arrivalsAt.get(key) ?? []));
    builder.atLeast(
      `time_through_${engineer.id}_${key}`,
      [...(departuresFrom.get(key) ?? []), ...negate(pickup.arrival), term(pickup.visit, -pickupUnits)],
      0,
    );
    routeTerms.push(term(pickup.visit, pickupUnits));
  }
  addWorkloadRows(builder, instance, e, routing.assigned[e]!, routeTerms);
  addTwoCycleRows(builder, routing, e);
}

function serviceOf(instance: ExactInstance, node: RouteNode): number {
  if (node.kind === 'ticket') return instance.tickets[node.ticket]!.service;
  if (node.kind === 'pickup') return instance.pickupUnits;
  return 0;
}

/** Stock locations holding a SKU that some ticket this engineer may serve could use. */
function relevantPickups(instance: ExactInstance, engineer: number): number[] {
  const wanted = new Set<string>();
  for (const ticket of instance.tickets) {
    if (!ticket.eligible.includes(engineer)) continue;
    for (const need of ticket.needs) for (const sku of need.fits) wanted.add(sku);
    for (const sku of ticket.unitSkus ?? []) wanted.add(sku);
  }
  return instance.stockLocations.filter((location) =>
    [...wanted].some((sku) => instance.stockQty(location, sku) > 0),
  );
}
