import type { ExactInstance } from './instance.ts';
import { term, type LinearTerm, type ModelBuilder } from './model.ts';

/**
 * Routing part of the MIP: per engineer, an arc flow from the start over tickets and optional
 * pickup nodes (one per stock location, so a route picks up at a location at most once) to the
 * end; per ticket, an arrival A and a service start S shared by all engineers (only one serves
 * it); per pickup node, an arrival P. Sequencing uses big-M rows whose M is the tightest value
 * the shift bounds allow, and a route's timing can only be later than the rules' own timing,
 * never earlier, so the optimum equals the plan the rules derive from its sequence.
 */
export type RouteNode = { kind: 'start' } | { kind: 'ticket'; ticket: number } | { kind: 'pickup'; location: number } | { kind: 'end' };

export interface Arc {
  readonly engineer: number;
  readonly from: RouteNode;
  readonly to: RouteNode;
  readonly variable: number;
  readonly cost: number;
}

export interface RoutingVariables {
  readonly arcs: Arc[];
  /** assigned[e].get(t): engineer e serves ticket t. */
  readonly assigned: Map<number, number>[];
  readonly unassigned: number[];
  readonly arrival: (number | null)[];
  readonly serviceStart: (number | null)[];
  /** pickups[e].get(location): { visit, arrival } of that pickup node. */
  readonly pickups: Map<number, { visit: number; arrival: number; upper: number }>[];
  readonly arrivalLower: number[];
  readonly serviceStartUpper: number[];
}

export function addRouting(builder: ModelBuilder, instance: ExactInstance): RoutingVariables {
  const { engineers, tickets, travel, pickupUnits } = instance;
  const arrivalLower = tickets.map((ticket) =>
    Math.min(...ticket.eligible.map((e) => engineers[e]!.departs + instance.legLowerBound(engineers[e]!.start, ticket.site))),
  );
  const serviceStartUpper = tickets.map((ticket) =>
    Math.max(...ticket.eligible.map((e) => engineers[e]!.shiftEnd - ticket.service)),
  );
  const unassigned = tickets.map((ticket) => builder.addVariable(`u_${ticket.id}`, ticket.eligible.length === 0 ? 1 : 0, 1, true));
  const arrival = tickets.map((ticket, t) =>
    ticket.eligible.length === 0 ? null : builder.continuous(`A_${ticket.id}`, arrivalLower[t]!, serviceStartUpper[t]!),
  );
  const serviceStart = tickets.map((ticket, t) =>
    ticket.eligible.length === 0
      ? null
      : builder.continuous(`S_${ticket.id}`, Math.max(arrivalLower[t]!, ticket.earliestStart ?? 0), serviceStartUpper[t]!),
  );
  tickets.forEach((ticket, t) => {
    if (arrival[t] === null) return;
    builder.atLeast(`start_after_arrival_${ticket.id}`, [term(serviceStart[t]!), term(arrival[t]!, -1)], 0);
  });

  const assigned = engineers.map(() => new Map<number, number>());
  const pickups = engineers.map(() => new Map<number, { visit: number; arrival: number; upper: number }>());
  const arcs: Arc[] = [];

  for (const engineer of engineers) {
    const e = engineer.index;
    const mine = tickets.filter((ticket) => ticket.eligible.includes(e));
    for (const ticket of mine) assigned[e]!.set(ticket.index, builder.binary(`y_${engineer.id}_${ticket.id}`));
    for (const location of relevantPickups(instance, e)) {
      const lower = engineer.departs + instance.legLowerBound(engineer.start, location);
      const upper = engineer.shiftEnd - pickupUnits;
      if (lower > upper) continue;
      pickups[e]!.set(location, {
        visit: builder.binary(`z_${engineer.id}_${location}`),
        arrival: builder.continuous(`P_${engineer.id}_${location}`, lower, upper),
        upper,
      });
    }

    // Earliest departure, latest departure and location of each node, for pruning arcs and big-Ms.
    const nodes: { node: RouteNode; location: number; lowerDepart: number; upperDepart: number }[] = [
      { node: { kind: 'start' }, location: engineer.start, lowerDepart: engineer.departs, upperDepart: engineer.departs },
      ...mine.map((ticket) => ({
        node: { kind: 'ticket' as const, ticket: ticket.index },
        location: ticket.site,
        lowerDepart:
          Math.max(engineer.departs + instance.legLowerBound(engineer.start, ticket.site), ticket.earliestStart ?? 0) +
          ticket.service,
        upperDepart: serviceStartUpper[ticket.index]! + ticket.service,
      })),
      ...[...pickups[e]!].map(([location, pickup]) => ({
        node: { kind: 'pickup' as const, location },
        location,
        lowerDepart: engineer.departs + instance.legLowerBound(engineer.start, location) + pickupUnits,
        upperDepart: pickup.upper + pickupUnits,
      })),
    ];
    const departTerms = (node: RouteNode): { terms: LinearTerm[]; constant: number } => {
      if (node.kind === 'ticket') return { terms: [term(serviceStart[node.ticket]!)], constant: tickets[node.ticket]!.service };
      if (node.kind === 'pickup') return { terms: [term(pickups[e]!.get(node.location)!.arrival)], constant: pickupUnits };
      return { terms: [], constant: engineer.departs };
    };

    for (const from of nodes) {
      for (const to of nodes) {
        if (to.node.kind === 'start' || from === to) continue;
        if (to.node.kind === 'ticket' && tickets[to.node.ticket]!.pinFirst && from.node.kind !== 'start') continue;
        const leg = travel.units(from.location, to.location);
        const latestArrival =
          to.node.kind === 'ticket'
            ? engineer.shiftEnd - tickets[to.node.ticket]!.service
            : engineer.shiftEnd - pickupUnits;
        if (from.lowerDepart + leg > latestArrival) continue;
        const variable = builder.binary(`x_${engineer.id}_${nodeName(from.node)}_${nodeName(to.node)}`);
        arcs.push({ engineer: e, from: from.node, to: to.node, variable, cost: leg });
        const target = to.node.kind === 'ticket' ? arrival[to.node.ticket]! : pickups[e]!.get((to.node as { location: number }).location)!.arrival;
        const targetLower = to.node.kind === 'ticket' ? arrivalLower[to.node.ticket]! : builder.lowerOf(target);
        const bigM = from.upperDepart + leg - targetLower;
        if (bigM <= 0) continue;
        const depart = departTerms(from.node);
        const negated = depart.terms.map((t) => term(t.variable, -t.coefficient));
        builder.atLeast(`seq_${builder.variableCount}`, [term(target), ...negated, term(variable, -bigM)], depart.constant + leg - bigM);
      }
      if (from.node.kind === 'pickup') continue;
      const home = engineer.end === null ? 0 : travel.units(from.location, engineer.end);
      const isEmptyRoute = from.node.kind === 'start';
      if (!isEmptyRoute && from.lowerDepart + home > engineer.shiftEnd) continue;
      const variable = builder.binary(`x_${engineer.id}_${nodeName(from.node)}_end`);
      arcs.push({ engineer: e, from: from.node, to: { kind: 'end' }, variable, cost: isEmptyRoute ? 0 : home });
      const bigM = from.upperDepart + home - engineer.shiftEnd;
      if (isEmptyRoute || bigM <= 0) continue;
      const depart = departTerms(from.node);
      builder.atMost(`home_${builder.variableCount}`, [...depart.terms, term(variable, bigM)], engineer.shiftEnd - depart.constant - home + bigM);
    }
    addFlowRows(builder, instance, e, arcs, assigned[e]!, pickups[e]!);
  }

  for (const ticket of tickets) {
    const serving = engineers.filter((engineer) => assigned[engineer.index]!.has(ticket.index));
    builder.equal(
      `assign_${ticket.id}`,
      [...serving.map((engineer) => term(assigned[engineer.index]!.get(ticket.index)!)), term(unassigned[ticket.index]!)],
      1,
    );
    if (serving.length === 0) continue;
    // Service ends within the shift of whoever serves the ticket.
    const slack = serviceStartUpper[ticket.index]! + ticket.service;
    builder.atMost(
      `shift_${ticket.id}`,
      [
        term(serviceStart[ticket.index]!),
        ...serving.map((engineer) => term(assigned[engineer.index]!.get(ticket.index)!, -engineer.shiftEnd)),
        term(unassigned[ticket.index]!, -slack),
      ],
      -ticket.service,
    );
  }
  addZeroDurationOrder(builder, instance, arcs);
  return { arcs, assigned, unassigned, arrival, serviceStart, pickups, arrivalLower, serviceStartUpper };
}

function nodeName(node: RouteNode): string {
  return node.kind === 'ticket' ? `t${node.ticket}` : node.kind === 'pickup' ? `p${node.location}` : node.kind;
}

/** Stock locations holding a SKU that some ticket this engineer may serve could use. */
function relevantPickups(instance: ExactInstance, engineer: number): number[] {
  const wanted = new Set<string>();
  for (const ticket of instance.tickets) {
    if (!ticket.eligible.includes(engineer)) continue;
    for (const need of ticket.needs) for (const sku of need.fits) wanted.add(sku);
    for (const sku of ticket.unitSkus ?? []) wanted.add(sku);
  }
  return instance.stockLocations.filter((location) => [...wanted].some((sku) => instance.stockQty(location, sku) > 0));
}

function addFlowRows(
  builder: ModelBuilder,
  instance: ExactInstance,
  e: number,
  arcs: readonly Arc[],
  assigned: Map<number, number>,
  pickups: Map<number, { visit: number }>,
): void {
  const engineer = instance.engineers[e]!;
  const into = new Map<string, LinearTerm[]>();
  const out = new Map<string, LinearTerm[]>();
  for (const arc of arcs) {
    if (arc.engineer !== e) continue;
    for (const [map, node] of [[into, arc.to], [out, arc.from]] as const)
      map.set(nodeName(node), [...(map.get(nodeName(node)) ?? []), term(arc.variable)]);
  }
  builder.equal(`leave_${engineer.id}`, out.get('start') ?? [], 1);
  const balance = (name: string, visit: number) => {
    builder.equal(`in_${engineer.id}_${name}`, [...(into.get(name) ?? []), term(visit, -1)], 0);
    builder.equal(`out_${engineer.id}_${name}`, [...(out.get(name) ?? []), term(visit, -1)], 0);
  };
  const firstArc = new Map(
    arcs.filter((arc) => arc.engineer === e && arc.from.kind === 'start').map((arc) => [nodeName(arc.to), arc.variable]),
  );
  for (const [ticket, visit] of assigned) {
    const name = nodeName({ kind: 'ticket', ticket });
    balance(name, visit);
    if (!instance.tickets[ticket]!.pinFirst) continue;
    const first = firstArc.get(name);
    builder.equal(`pinned_first_${engineer.id}_${name}`, [...(first === undefined ? [] : [term(first)]), term(visit, -1)], 0);
  }
  for (const [location, pickup] of pickups) balance(nodeName({ kind: 'pickup', location }), pickup.visit);
  const jobs = [...assigned.values()].map((visit) => term(visit));
  if (Number.isFinite(engineer.maxJobs) && engineer.maxJobs < jobs.length) builder.atMost(`max_jobs_${engineer.id}`, jobs, engineer.maxJobs);
  const loads = [...assigned].map(([ticket, visit]) => term(visit, instance.tickets[ticket]!.source.load));
  const totalLoad = loads.reduce((sum, t) => sum + t.coefficient, 0);
  if (Number.isFinite(engineer.capacity) && totalLoad > engineer.capacity) builder.atMost(`capacity_${engineer.id}`, loads, engineer.capacity);
}

/**
 * Time rows cut every cycle of positive duration; a cycle of zero-service tickets at one place
 * takes no time, so those tickets also get an order variable (Miller–Tucker–Zemlin).
 */
function addZeroDurationOrder(builder: ModelBuilder, instance: ExactInstance, arcs: readonly Arc[]): void {
  const instant = instance.tickets.filter((ticket) => ticket.service === 0 && ticket.eligible.length > 0);
  if (instant.length < 2) return;
  const order = new Map(instant.map((ticket) => [ticket.index, builder.continuous(`r_${ticket.id}`, 0, instant.length - 1)]));
  for (const arc of arcs) {
    if (arc.from.kind !== 'ticket' || arc.to.kind !== 'ticket') continue;
    const from = order.get(arc.from.ticket);
    const to = order.get(arc.to.ticket);
    if (from === undefined || to === undefined) continue;
    builder.atLeast(`order_${arc.variable}`, [term(to), term(from, -1), term(arc.variable, -instant.length)], 1 - instant.length);
  }
}
