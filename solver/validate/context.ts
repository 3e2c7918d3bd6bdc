import type { Engineer, Problem, Ticket } from '../problem.schema.ts';
import { createTravelModel, type TravelModel } from '../travel.ts';
import { isoToUnits, minutesToUnits, offsetMinutesOf, TIME_UNITS_PER_MINUTE, unitsToIso } from '../units.ts';
import { createSkuFit, type SkuFit } from './sku-fit.ts';

/** Reported times may differ from the re-derived ones by this much (docs/solver.md, Time). */
const TIME_TOLERANCE_MS = 1000;
const MS_PER_UNIT = 60_000 / TIME_UNITS_PER_MINUTE;

/** Courier defaults, used to interpret a courier supply in a problem without a courier service. */
const DEFAULT_COURIER = { handlingMinutes: 30, speedFactor: 1 };

export function stockKey(location: string, sku: string): string {
  return `${location}\u0000${sku}`;
}

/** Everything the checker looks up, indexed once per problem so each check is a map access. */
export interface CheckContext {
  readonly problem: Problem;
  readonly travel: TravelModel;
  readonly tickets: ReadonlyMap<string, Ticket>;
  readonly engineers: ReadonlyMap<string, Engineer>;
  readonly locationIndex: ReadonlyMap<string, number>;
  /** Available quantity per `stockKey(location, sku)`; several records for one pair add up. */
  readonly stockQty: ReadonlyMap<string, number>;
  readonly skuFit: SkuFit;
  /** Units after `now` of an ISO time; NaN when it does not parse. */
  toUnits(iso: string): number;
  /** Units after `now` as ISO in the offset of `now`, for messages. */
  toIso(units: number): string;
  /** True when a reported ISO time is within a second of `units`. */
  sameTime(reportedIso: string, units: number): boolean;
  /** Level weight × tier weight. */
  weightOf(ticket: Ticket): number;
  /** When the engineer leaves `start`: max(now, availableFrom). */
  departureOf(engineer: Engineer): number;
  /** Courier driving units from a stock location to a site (handling excluded). */
  courierDriveUnits(fromIndex: number, siteIndex: number): number;
  /** When a courier sent at plan time reaches the site. */
  courierAtSite(fromIndex: number, siteIndex: number): number;
}

export function createCheckContext(problem: Problem): CheckContext {
  const nowMs = Date.parse(problem.now);
  const offsetMinutes = offsetMinutesOf(problem.now);
  const travel = createTravelModel(problem);
  const locationIndex = new Map(problem.locations.map((location, i) => [location.id, i]));
  const stockQty = new Map<string, number>();
  for (const record of problem.stock) {
    const key = stockKey(record.location, record.sku);
    stockQty.set(key, (stockQty.get(key) ?? 0) + record.qty);
  }
  const courier = problem.courier ?? DEFAULT_COURIER;
  const handlingUnits = minutesToUnits(courier.handlingMinutes);
  const courierDriveUnits = (fromIndex: number, siteIndex: number): number =>
    minutesToUnits(travel.minutes(fromIndex, siteIndex) / courier.speedFactor);
  const toUnits = (iso: string): number => isoToUnits(iso, nowMs);

  return {
    problem,
    travel,
    tickets: new Map(problem.tickets.map((ticket) => [ticket.id, ticket])),
    engineers: new Map(problem.engineers.map((engineer) => [engineer.id, engineer])),
    locationIndex,
    stockQty,
    skuFit: createSkuFit(problem.skus),
    toUnits,
    toIso: (units) => unitsToIso(units, nowMs, offsetMinutes),
    sameTime: (reportedIso, units) =>
      Math.abs(Date.parse(reportedIso) - (nowMs + units * MS_PER_UNIT)) <= TIME_TOLERANCE_MS,
    weightOf: (ticket) => problem.weights.level[ticket.level - 1]! * problem.weights.tier[ticket.tier],
    departureOf: (engineer) => Math.max(0, toUnits(engineer.availableFrom)),
    courierDriveUnits,
    courierAtSite: (fromIndex, siteIndex) => handlingUnits + courierDriveUnits(fromIndex, siteIndex),
  };
}
