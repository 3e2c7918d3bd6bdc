import type { Problem, Ticket } from '../problem.schema.ts';
import { createTravelModel, type TravelModel } from '../travel.ts';
import { isoToUnits, minutesToUnits, offsetMinutesOf, PICKUP_MINUTES, type TimeUnits } from '../units.ts';
import { createSkuCatalog } from './sku-catalog.ts';

/**
 * The problem in the exact solver's terms: integer time units after `now`, location indices,
 * every SKU that can meet each need, the stock pairs that count for coverage, and the engineers
 * that can serve each ticket at all. The MIP, the greedy fallback and the plan builder all read
 * this one view, so they cannot disagree on a rule.
 */
export interface ExactEngineer {
  readonly index: number;
  readonly id: string;
  readonly start: number;
  /** Location index of `end`, or null when the route ends at its last stop. */
  readonly end: number | null;
  readonly departs: TimeUnits;
  readonly shiftEnd: TimeUnits;
  readonly capacity: number;
  readonly maxJobs: number;
  readonly van: ReadonlyMap<string, number>;
}

export interface ExactNeed {
  readonly sku: string;
  readonly qty: number;
  /** SKUs that meet the need: the SKU itself and every SKU superseding it. */
  readonly fits: readonly string[];
}

export interface ExactTicket {
  readonly index: number;
  readonly id: string;
  readonly source: Ticket;
  readonly site: number;
  readonly weight: number;
  readonly service: TimeUnits;
  readonly earliestStart: TimeUnits | null;
  readonly dueOnsite: TimeUnits | null;
  readonly dueUnit: TimeUnits | null;
  readonly needs: readonly ExactNeed[];
  /** Unit SKUs that satisfy the spare-unit need; null when the ticket needs no unit. */
  readonly unitSkus: readonly string[] | null;
  /** Commitments the ticket carries (on-site and spare-unit dues that are set). */
  readonly commitmentCount: number;
  /** Engineers that may serve it: qualified, allowed by the pin, able to reach it in the shift. */
  readonly eligible: readonly number[];
  readonly pinFirst: boolean;
}

export interface ExactInstance {
  readonly problem: Problem;
  readonly travel: TravelModel;
  readonly nowMs: number;
  readonly offsetMinutes: number;
  readonly engineers: readonly ExactEngineer[];
  readonly tickets: readonly ExactTicket[];
  readonly pickupUnits: TimeUnits;
  /** Location indices that hold any stock. */
  readonly stockLocations: readonly number[];
  stockQty(location: number, sku: string): number;
  /** Courier driving units from a stock location to a site; null without a courier service. */
  courierDrive(from: number, site: number): TimeUnits | null;
  /** When a courier sent at plan time reaches the site; null without a courier service. */
  courierArrival(from: number, site: number): TimeUnits | null;
  /** Whether emptying (location, sku) counts in objective term 4. */
  isCoverageCritical(location: number, sku: string): boolean;
  /** A lower bound on the driving units from one location to another over any chain of legs. */
  legLowerBound(from: number, to: number): TimeUnits;
  /** True when every weight is an integer, so term 1 takes integer values only. */
  readonly integerWeights: boolean;
}

/** Above this many locations the all-pairs lower bound is skipped (it is cubic); 0 is used. */
const SHORTEST_PATH_LOCATION_LIMIT = 250;

export function stockKey(location: number, sku: string): string {
  return `${location}\u0000${sku}`;
}

export function createExactInstance(problem: Problem): ExactInstance {
  const nowMs = Date.parse(problem.now);
  const travel = createTravelModel(problem);
  const toUnits = (iso: string): TimeUnits => isoToUnits(iso, nowMs);
  const catalog = createSkuCatalog(problem.skus);

  const stock = new Map<string, number>();
  for (const record of problem.stock) {
    const key = stockKey(travel.indexOf(record.location), record.sku);
    stock.set(key, (stock.get(key) ?? 0) + record.qty);
  }
  const stockQty = (location: number, sku: string): number => stock.get(stockKey(location, sku)) ?? 0;
  const stockLocations = [
    ...new Set(
      problem.stock.filter((record) => record.qty > 0).map((record) => travel.indexOf(record.location)),
    ),
  ].sort((a, b) => a - b);

  const engineers: ExactEngineer[] = problem.engineers.map((engineer, index) => ({
    index,
    id: engineer.id,
    start: travel.indexOf(engineer.start),
    end: engineer.end === undefined ? null : travel.indexOf(engineer.end),
    departs: Math.max(0, toUnits(engineer.availableFrom)),
    shiftEnd: toUnits(engineer.shiftEnd),
    capacity: engineer.capacity ?? Number.POSITIVE_INFINITY,
    maxJobs: engineer.maxJobs ?? Number.POSITIVE_INFINITY,
    van: new Map(Object.entries(engineer.vanStock).filter(([, qty]) => qty > 0)),
  }));

  const legLowerBound = createLegLowerBound(travel, problem, stockLocations);
  const courier = problem.courier ?? null;
  const courierDrive = (from: number, site: number): TimeUnits | null =>
    courier ? minutesToUnits(travel.minutes(from, site) / courier.speedFactor) : null;
  const courierArrival = (from: number, site: number): TimeUnits | null =>
    courier
      ? minutesToUnits(courier.handlingMinutes) +
        minutesToUnits(travel.minutes(from, site) / courier.speedFactor)
      : null;

  const engineerIndex = new Map(engineers.map((engineer) => [engineer.id, engineer.index]));
  const tickets: ExactTicket[] = problem.tickets.map((ticket, index) => {
    const site = travel.indexOf(ticket.site);
    const service = minutesToUnits(ticket.serviceMinutes);
    const earliestStart = ticket.earliestStart ? toUnits(ticket.earliestStart) : null;
    const pinned = ticket.pin ? engineerIndex.get(ticket.pin.engineer) : undefined;
    const eligible = engineers
      .filter((engineer) => {
        const source = problem.engineers[engineer.index]!;
        if ((source.skills[ticket.skill] ?? 0) < ticket.minSkillLevel) return false;
        if (pinned !== undefined && pinned !== engineer.index) return false;
        if (ticket.load > engineer.capacity || engineer.maxJobs < 1) return false;
        const arrive = engineer.departs + legLowerBound(engineer.start, site);
        const end = Math.max(arrive, earliestStart ?? 0) + service;
        const back = engineer.end === null ? 0 : legLowerBound(site, engineer.end);
        return end + back <= engineer.shiftEnd;
      })
      .map((engineer) => engineer.index);
    const dueOnsite = ticket.due.onsite ? toUnits(ticket.due.onsite) : null;
    const dueUnit = ticket.spareUnit && ticket.due.spareUnit ? toUnits(ticket.due.spareUnit) : null;
    return {
      index,
      id: ticket.id,
      source: ticket,
      site,
      weight: problem.weights.level[ticket.level - 1]! * problem.weights.tier[ticket.tier],
      service,
      earliestStart,
      dueOnsite,
      dueUnit,
      needs: ticket.parts.map((part) => ({
        sku: part.sku,
        qty: part.qty,
        fits: catalog.partsFitting(part.sku),
      })),
      unitSkus: ticket.spareUnit ? catalog.unitsFitting(ticket.spareUnit.model) : null,
      commitmentCount: (dueOnsite === null ? 0 : 1) + (dueUnit === null ? 0 : 1),
      eligible,
      pinFirst: ticket.pin?.first === true,
    };
  });

  const critical = coverageCriticalPairs(problem, travel, stock);
  const weights = [...problem.weights.level, ...Object.values(problem.weights.tier)];
  return {
    problem,
    travel,
    nowMs,
    offsetMinutes: offsetMinutesOf(problem.now),
    engineers,
    tickets,
    pickupUnits: minutesToUnits(PICKUP_MINUTES),
    stockLocations,
    stockQty,
    courierDrive,
    courierArrival,
    isCoverageCritical: (location, sku) => critical.has(stockKey(location, sku)),
    legLowerBound,
    integerWeights: weights.every((weight) => Number.isInteger(weight)),
  };
}

/**
 * Shortest chains of legs between the locations a route can touch. A matrix need not obey the
 * triangle inequality, so the direct leg is not a valid lower bound for "from A, eventually at
 * B"; Floyd–Warshall over the touched locations is.
 */
function createLegLowerBound(
  travel: TravelModel,
  problem: Problem,
  stockLocations: readonly number[],
): (from: number, to: number) => TimeUnits {
  const touched = [
    ...new Set([
      ...problem.engineers.flatMap((engineer) => [engineer.start, engineer.end ?? engineer.start]),
      ...problem.tickets.map((ticket) => ticket.site),
    ]),
  ].map((id) => travel.indexOf(id));
  const nodes = [...new Set([...touched, ...stockLocations])];
  if (nodes.length > SHORTEST_PATH_LOCATION_LIMIT) return () => 0;
  const position = new Map(nodes.map((location, i) => [location, i]));
  const n = nodes.length;
  const dist = nodes.map((from) => nodes.map((to) => travel.units(from, to)));
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const via = dist[i]![k]! + dist[k]![j]!;
        if (via < dist[i]![j]!) dist[i]![j] = via;
      }
  return (from, to) => {
    const i = position.get(from);
    const j = position.get(to);
    return i === undefined || j === undefined ? 0 : dist[i]![j]!;
  };
}

/**
 * (location, sku) pairs whose last unit is some site's only source within the coverage horizon
 * (docs/solver.md, objective term 4): the location holds the SKU and is within the horizon of a
 * site that no other holder of the SKU reaches within it.
 */
function coverageCriticalPairs(
  problem: Problem,
  travel: TravelModel,
  stock: Map<string, number>,
): Set<string> {
  const horizon = minutesToUnits(problem.options.coverageMinutes);
  const sites = problem.locations
    .filter((location) => location.kind === 'site')
    .map((l) => travel.indexOf(l.id));
  const holders = new Map<string, number[]>();
  for (const [key, qty] of stock) {
    if (qty <= 0) continue;
    const [location, sku] = key.split('\u0000') as [string, string];
    holders.set(sku, [...(holders.get(sku) ?? []), Number(location)]);
  }
  const critical = new Set<string>();
  for (const [sku, locations] of holders)
    for (const site of sites) {
      const within = locations.filter((location) => travel.units(location, site) <= horizon);
      if (within.length === 1) critical.add(stockKey(within[0]!, sku));
    }
  return critical;
}
