import type { Draft, DraftPart, DraftStop } from './draft.ts';
import type { ExactInstance, ExactTicket } from './instance.ts';
import { findDraftViolations } from './draft-rules.ts';

/**
 * Times and objective of a draft, derived by the route-timing rules of docs/solver.md: arrive =
 * depart(prev) + leg; a pickup takes PICKUP_MINUTES; service starts at max(arrival,
 * earliestStart, the latest courier part); the route finishes at `end` when one is given.
 * Everything is in integer time units; the plan builder turns them into ISO times and minutes.
 */
export interface StopTiming {
  readonly stop: DraftStop;
  readonly location: number;
  readonly arrive: number;
  readonly depart: number;
}

export interface RouteTiming {
  readonly engineer: number;
  readonly stops: StopTiming[];
  readonly finish: number;
  readonly travel: number;
}

export interface CommitmentTiming {
  readonly due: number;
  readonly at: number;
  readonly met: boolean;
}

export interface TicketTiming {
  readonly ticket: number;
  readonly engineer: number;
  readonly arrive: number;
  readonly start: number;
  readonly end: number;
  readonly onsite: CommitmentTiming | null;
  readonly unit: CommitmentTiming | null;
  /** When the spare unit is at the site, where the ticket needs one. */
  readonly unitAtSite: number | null;
}

export interface DraftEvaluation {
  readonly routes: RouteTiming[];
  readonly timings: Map<number, TicketTiming>;
  readonly unassigned: number[];
  /** [weighted missed, late units, travel + courier units, coverage pairs emptied]. */
  readonly objective: [number, number, number, number];
  readonly travelUnits: number;
  readonly courierUnits: number;
  readonly moved: number;
  /** Rules the draft breaks; empty for a feasible draft. */
  readonly violations: string[];
}

/** Courier trips of a draft: one per (ticket, stock location), parts and unit together. */
export function courierTrips(draft: Draft): { ticket: number; location: number }[] {
  const seen = new Map<string, { ticket: number; location: number }>();
  for (const supply of [...draft.parts, ...draft.units])
    if (supply.source.via === 'courier')
      seen.set(`${supply.ticket}:${supply.source.location}`, {
        ticket: supply.ticket,
        location: supply.source.location,
      });
  return [...seen.values()];
}

export function evaluateDraft(instance: ExactInstance, draft: Draft): DraftEvaluation {
  const partsByTicket = groupBy(draft.parts, (part) => part.ticket);
  const timings = new Map<number, TicketTiming>();
  const routes = draft.routes.map((stops, engineer) =>
    timeRoute(instance, engineer, stops, partsByTicket, draft, timings),
  );

  const unassigned = instance.tickets
    .filter((ticket) => !timings.has(ticket.index))
    .map((ticket) => ticket.index);
  let missed = 0;
  let late = 0;
  for (const ticket of instance.tickets) {
    const timing = timings.get(ticket.index);
    if (!timing) {
      missed += ticket.weight * (ticket.commitmentCount + 1);
      continue;
    }
    for (const commitment of [timing.onsite, timing.unit]) {
      if (!commitment) continue;
      if (!commitment.met) missed += ticket.weight;
      late += Math.max(0, commitment.at - commitment.due);
    }
  }
  const travelUnits = routes.reduce((sum, route) => sum + route.travel, 0);
  const courierUnits = courierTrips(draft).reduce(
    (sum, trip) => sum + (instance.courierDrive(trip.location, instance.tickets[trip.ticket]!.site) ?? 0),
    0,
  );
  const moved = [...timings.values()].filter((timing) => {
    const previous = instance.tickets[timing.ticket]!.source.previousEngineer;
    return previous != null && previous !== instance.engineers[timing.engineer]!.id;
  }).length;
  return {
    routes,
    timings,
    unassigned,
    objective: [missed, late, travelUnits + courierUnits, coverageTaken(instance, draft)],
    travelUnits,
    courierUnits,
    moved,
    violations: findDraftViolations(instance, draft, routes, timings),
  };
}

/** Times one engineer's stops; records each ticket's timing in `timings`. */
export function timeRoute(
  instance: ExactInstance,
  engineerIndex: number,
  stops: readonly DraftStop[],
  partsByTicket: ReadonlyMap<number, DraftPart[]>,
  draft: Pick<Draft, 'units'>,
  timings: Map<number, TicketTiming>,
): RouteTiming {
  const engineer = instance.engineers[engineerIndex]!;
  let time = engineer.departs;
  let location = engineer.start;
  let travel = 0;
  const timed: StopTiming[] = stops.map((stop) => {
    const next = stop.kind === 'pickup' ? stop.location : instance.tickets[stop.ticket]!.site;
    const leg = instance.travel.units(location, next);
    travel += leg;
    const arrive = time + leg;
    location = next;
    if (stop.kind === 'pickup') {
      time = arrive + instance.pickupUnits;
    } else {
      const ticket = instance.tickets[stop.ticket]!;
      const timing = timeTicket(
        instance,
        ticket,
        engineerIndex,
        arrive,
        partsByTicket.get(ticket.index) ?? [],
        draft,
      );
      timings.set(ticket.index, timing);
      time = timing.end;
    }
    return { stop, location: next, arrive, depart: time };
  });
  if (stops.length > 0 && engineer.end !== null) {
    const leg = instance.travel.units(location, engineer.end);
    travel += leg;
    time += leg;
  }
  return { engineer: engineerIndex, stops: timed, finish: time, travel };
}

function timeTicket(
  instance: ExactInstance,
  ticket: ExactTicket,
  engineer: number,
  arrive: number,
  parts: DraftPart[],
  draft: Pick<Draft, 'units'>,
): TicketTiming {
  const courierParts = parts
    .filter((part) => part.source.via === 'courier')
    .map((part) => instance.courierArrival((part.source as { location: number }).location, ticket.site) ?? 0);
  const start = Math.max(arrive, ticket.earliestStart ?? 0, ...courierParts);
  const unitSupply = draft.units.find((unit) => unit.ticket === ticket.index);
  let unitAtSite: number | null = null;
  if (unitSupply)
    unitAtSite =
      unitSupply.source.via === 'courier'
        ? (instance.courierArrival(unitSupply.source.location, ticket.site) ?? 0)
        : arrive;
  const commitment = (due: number | null, at: number | null): CommitmentTiming | null =>
    due === null || at === null ? null : { due, at, met: at <= due };
  return {
    ticket: ticket.index,
    engineer,
    arrive,
    start,
    end: start + ticket.service,
    onsite: commitment(ticket.dueOnsite, arrive),
    unit: commitment(ticket.dueUnit, unitAtSite),
    unitAtSite,
  };
}

/** Objective term 4: coverage-critical (location, sku) pairs whose whole quantity the draft uses. */
export function coverageTaken(instance: ExactInstance, draft: Draft): number {
  const used = new Map<string, { location: number; sku: string; qty: number }>();
  const take = (location: number, sku: string, qty: number) => {
    const key = `${location}\u0000${sku}`;
    const entry = used.get(key) ?? { location, sku, qty: 0 };
    entry.qty += qty;
    used.set(key, entry);
  };
  for (const part of draft.parts)
    if (part.source.via !== 'van') take(part.source.location, part.sku, part.qty);
  for (const unit of draft.units) if (unit.source.via !== 'van') take(unit.source.location, unit.sku, 1);
  return [...used.values()].filter(
    (entry) =>
      instance.isCoverageCritical(entry.location, entry.sku) &&
      entry.qty >= instance.stockQty(entry.location, entry.sku),
  ).length;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Lexicographic comparison of two evaluations, moves as the hidden fifth term. */
export function compareEvaluations(a: DraftEvaluation, b: DraftEvaluation): number {
  for (let term = 0; term < 4; term++) {
    const difference = a.objective[term]! - b.objective[term]!;
    if (Math.abs(difference) > 1e-9) return difference;
  }
  return a.moved - b.moved;
}
