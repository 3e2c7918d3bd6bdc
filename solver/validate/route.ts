import type { Stop } from '../plan.schema.ts';
import type { Engineer, Ticket } from '../problem.schema.ts';
import { minutesToUnits, PICKUP_MINUTES } from '../units.ts';
import { deriveCommitments, type DerivedCommitments } from './commitments.ts';
import type { CheckContext } from './context.ts';
import { checkSupplies, type PickupVisit, type SupplyOutcome, type SupplyPlan } from './supplies.ts';
import type { ViolationSink } from './types.ts';

const PICKUP_UNITS = minutesToUnits(PICKUP_MINUTES);
const LOAD_EPSILON = 1e-9;

/** Re-derived times of one stop; NaN when the stop names a place the checker cannot find. */
export interface StopTiming {
  arrive: number;
  depart: number;
}

/** A ticket stop the route serves (its first stop on the route), with everything derived for it. */
export interface TicketVisit {
  ticket: Ticket;
  stopIndex: number;
  arrive: number;
  start: number;
  end: number;
  /** Undefined when the plan has no assignment for the ticket: then nothing was supplied. */
  supplies: SupplyOutcome | undefined;
  commitments: DerivedCommitments;
}

export interface RouteEvaluation {
  engineer: Engineer;
  stops: StopTiming[];
  visits: TicketVisit[];
  /** Arrival at `end`, or departure from the last stop; departure from `start` without stops. */
  finish: number;
  travelUnits: number;
}

export interface RouteSinks {
  /** Rules about the route as a whole (shift end, load, jobs, pickups). */
  route: ViolationSink;
  /** Rules about one ticket on it (skill, supplies, pin). */
  ticket(ticketId: string): ViolationSink;
}

export interface RouteOptions {
  /** Compare each pickup's `skus` with what is drawn through it (off for synthesised routes). */
  checkPickupTotals: boolean;
}

/**
 * Walks one engineer's stops in order (docs/solver.md, Route timing): leave `start` at
 * max(now, availableFrom), drive, pick up in 10 minutes, wait for earliestStart and couriered
 * parts, serve, and finish at `end` where given. Reports the rules a route can break.
 */
export function evaluateRoute(
  ctx: CheckContext,
  engineer: Engineer,
  stops: readonly Stop[],
  supplyPlanOf: (ticketId: string) => SupplyPlan | undefined,
  sinks: RouteSinks,
  options: RouteOptions = { checkPickupTotals: true },
): RouteEvaluation {
  const about = { engineer: engineer.id };
  const pickups = new Map<string, PickupVisit>();
  const pickupStops: { stop: Extract<Stop, { type: 'pickup' }>; visit: PickupVisit }[] = [];
  const visited = new Set<string>();
  const timings: StopTiming[] = [];
  const visits: TicketVisit[] = [];
  let at = ctx.locationIndex.get(engineer.start)!;
  let clock = ctx.departureOf(engineer);
  let travelUnits = 0;
  let jobs = 0;
  let load = 0;

  stops.forEach((stop, stopIndex) => {
    const ticket = stop.type === 'ticket' ? ctx.tickets.get(stop.ticket) : undefined;
    const location = ticket ? ctx.locationIndex.get(ticket.site) : ctx.locationIndex.get(stop.location);
    if (location === undefined) {
      // An unknown ticket is reported where tickets are accounted for; an unknown place here.
      if (stop.type === 'pickup')
        sinks.route.report('unknown-location', `pickup at unknown location ${stop.location}`, about);
      timings.push({ arrive: NaN, depart: NaN });
      return;
    }
    const leg = ctx.travel.units(at, location);
    travelUnits += leg;
    at = location;
    const arrive = clock + leg;

    if (stop.type === 'pickup') {
      if (pickups.has(stop.location))
        sinks.route.report(
          'pickup-repeated',
          `${engineer.id} picks up at ${stop.location} more than once`,
          about,
        );
      else {
        const visit = { location: stop.location, drawn: new Map<string, number>() };
        pickups.set(stop.location, visit);
        pickupStops.push({ stop, visit });
      }
      clock = arrive + PICKUP_UNITS;
      timings.push({ arrive, depart: clock });
      return;
    }

    jobs += 1;
    if (!ticket) {
      timings.push({ arrive, depart: arrive });
      clock = arrive;
      return;
    }
    load += ticket.load;
    const visit = serveTicket(ctx, engineer, ticket, stop, stopIndex, arrive, location, pickups, {
      plan: visited.has(ticket.id) ? undefined : supplyPlanOf(ticket.id),
      sink: sinks.ticket(ticket.id),
    });
    if (!visited.has(ticket.id)) visits.push(visit);
    visited.add(ticket.id);
    clock = visit.end;
    timings.push({ arrive, depart: visit.end });
  });

  let finish = clock;
  if (engineer.end !== undefined && stops.length > 0) {
    const leg = ctx.travel.units(at, ctx.locationIndex.get(engineer.end)!);
    travelUnits += leg;
    finish += leg;
  }

  checkRouteLimits(ctx, engineer, { finish, jobs, load, visits, hasStops: stops.length > 0 }, sinks.route);
  if (options.checkPickupTotals)
    for (const { stop, visit } of pickupStops) checkPickupTotals(stop, visit, engineer, sinks.route);
  return { engineer, stops: timings, visits, finish, travelUnits };
}

function serveTicket(
  ctx: CheckContext,
  engineer: Engineer,
  ticket: Ticket,
  stop: Extract<Stop, { type: 'ticket' }>,
  stopIndex: number,
  arrive: number,
  site: number,
  pickups: ReadonlyMap<string, PickupVisit>,
  { plan, sink }: { plan: SupplyPlan | undefined; sink: ViolationSink },
): TicketVisit {
  const about = { ticket: ticket.id, engineer: engineer.id };
  if (stop.location !== ticket.site)
    sink.report(
      'stop-location',
      `${ticket.id}'s stop is at ${stop.location}, its site is ${ticket.site}`,
      about,
    );
  const level = engineer.skills[ticket.skill] ?? 0;
  if (level < ticket.minSkillLevel)
    sink.report(
      'skill',
      `${engineer.id} has ${ticket.skill} ${level}, ${ticket.id} needs ${ticket.minSkillLevel}`,
      about,
    );
  if (ticket.pin && ticket.pin.engineer !== engineer.id)
    sink.report('pin', `${ticket.id} is pinned to ${ticket.pin.engineer}, not ${engineer.id}`, about);
  else if (ticket.pin?.first && stopIndex !== 0)
    sink.report(
      'pin',
      `${ticket.id} is pinned as ${engineer.id}'s first stop, yet is stop ${stopIndex + 1}`,
      about,
    );

  const supplies = plan ? checkSupplies(ctx, ticket, engineer, site, arrive, plan, pickups, sink) : undefined;
  const earliest = ticket.earliestStart ? ctx.toUnits(ticket.earliestStart) : -Infinity;
  const start = Math.max(arrive, earliest, supplies?.partsReady ?? arrive);
  const end = start + minutesToUnits(ticket.serviceMinutes);
  return {
    ticket,
    stopIndex,
    arrive,
    start,
    end,
    supplies,
    commitments: deriveCommitments(ctx, ticket, arrive, supplies?.unitAtSite),
  };
}

function checkRouteLimits(
  ctx: CheckContext,
  engineer: Engineer,
  route: { finish: number; jobs: number; load: number; visits: TicketVisit[]; hasStops: boolean },
  sink: ViolationSink,
): void {
  const about = { engineer: engineer.id };
  const shiftEnd = ctx.toUnits(engineer.shiftEnd);
  if (route.hasStops && route.finish > shiftEnd) {
    const late = route.visits.find((visit) => visit.end > shiftEnd);
    const what = late
      ? `${late.ticket.id} ends at ${ctx.toIso(late.end)}`
      : `finishes at ${ctx.toIso(route.finish)}`;
    sink.report('shift-end', `${engineer.id} ${what}, after shift end ${engineer.shiftEnd}`, about);
  }
  if (engineer.maxJobs !== undefined && route.jobs > engineer.maxJobs)
    sink.report('max-jobs', `${engineer.id} has ${route.jobs} jobs, at most ${engineer.maxJobs}`, about);
  if (engineer.capacity !== undefined && route.load > engineer.capacity + LOAD_EPSILON)
    sink.report(
      'capacity',
      `${engineer.id} carries load ${route.load}, capacity ${engineer.capacity}`,
      about,
    );
}

function checkPickupTotals(
  stop: Extract<Stop, { type: 'pickup' }>,
  visit: PickupVisit,
  engineer: Engineer,
  sink: ViolationSink,
): void {
  const reported = Object.entries(stop.skus);
  const same =
    reported.length === visit.drawn.size && reported.every(([sku, qty]) => visit.drawn.get(sku) === qty);
  if (same) return;
  const drawn = [...visit.drawn].map(([sku, qty]) => `${sku}: ${qty}`).join(', ');
  sink.report(
    'pickup-mismatch',
    `${engineer.id}'s pickup at ${stop.location} lists ${JSON.stringify(stop.skus)}, tickets draw {${drawn}}`,
    { engineer: engineer.id },
  );
}
