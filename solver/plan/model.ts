import type { Problem } from '../problem.schema.ts';
import { createTravelModel, type TravelModel } from '../travel.ts';
import { isoToUnits, minutesToUnits, offsetMinutesOf, PICKUP_MINUTES, type TimeUnits } from '../units.ts';
import { createApproxTravel, type ApproxTravel } from './approx-travel.ts';
import { createCatalog, type Catalog } from './catalog.ts';
import { floats, ints } from './columns.ts';
import { createLegCache, createTravelCache, type LegCache } from './leg-cache.ts';
import { buildTicketColumns } from './ticket-columns.ts';

/** One part need of a ticket, resolved to the SKUs that meet it. */
export interface Need {
  readonly asked: number;
  readonly qty: number;
  readonly compatible: readonly number[];
}

/**
 * The problem as the search sees it (VROOM's "structures"): indices instead of ids, integer time
 * units counted from `now`, and everything derived once. Engineers, tickets and stock slots are
 * parallel arrays indexed by position in the problem. A stock slot is either a (location, SKU)
 * pair of the `stock` records (slots 0..pairCount-1) or one SKU in one engineer's van.
 */
export interface Model {
  readonly problem: Problem;
  readonly nowMs: number;
  readonly offsetMinutes: number;
  readonly travel: TravelModel;
  readonly legs: LegCache;
  readonly catalog: Catalog;
  readonly pickupUnits: TimeUnits;

  readonly engineerCount: number;
  readonly engStart: Int32Array;
  /** -1 when the route ends at its last stop. */
  readonly engEnd: Int32Array;
  readonly engReady: Float64Array;
  readonly engShiftEnd: Float64Array;
  readonly engMaxJobs: Float64Array;
  readonly engCapacity: Float64Array;
  readonly engineerIndex: ReadonlyMap<string, number>;

  readonly slotCount: number;
  readonly pairCount: number;
  /** Stock location of a pair slot, -1 for a van slot. */
  readonly slotLoc: Int32Array;
  readonly slotSku: Int32Array;
  readonly slotQty: Int32Array;
  /** Pair slots holding each SKU (qty > 0), by SKU index. */
  readonly pairsBySku: readonly (readonly number[])[];
  /** The van slot of (engineer, SKU), or -1. */
  vanSlot(engineer: number, sku: number): number;
  /** The pair slot of (location, SKU), or -1. */
  pairSlot(location: number, sku: number): number;

  readonly ticketCount: number;
  readonly ticketIndex: ReadonlyMap<string, number>;
  readonly tSite: Int32Array;
  readonly tLevel: Int32Array;
  readonly tWeight: Float64Array;
  /** Due times in units; Infinity where there is no commitment. */
  readonly tDueOnsite: Float64Array;
  readonly tDueUnit: Float64Array;
  readonly tHasUnit: Uint8Array;
  /** weight × (commitments + 1): what leaving the ticket out costs (docs/solver.md). */
  readonly tPenalty: Float64Array;
  readonly tEarliest: Float64Array;
  readonly tService: Float64Array;
  readonly tLoad: Float64Array;
  readonly tNeeds: readonly (readonly Need[])[];
  /** SKUs that meet the spare-unit need, or null when there is none. */
  readonly tUnitSkus: readonly (readonly number[] | null)[];
  readonly tPin: Int32Array;
  readonly tPinFirst: Uint8Array;
  readonly tPrevious: Int32Array;

  readonly hasCourier: boolean;
  readonly handlingUnits: TimeUnits;
  /** Courier driving time from a stock location to a site, rounded once. */
  courierLeg(from: number, to: number): TimeUnits;
  /** A cheap estimate of `legs.units`, for ordering and pre-filtering only. */
  readonly approx: ApproxTravel;
}

export function buildModel(problem: Problem): Model {
  const nowMs = Date.parse(problem.now);
  const travel = createTravelModel(problem);
  const catalog = createCatalog(problem);
  // Engineers mostly share shift times, and parsing dates is a large part of building a model.
  const parsed = new Map<string, number>();
  const toUnits = (iso: string | null | undefined): number => {
    if (iso === null || iso === undefined) return Infinity;
    let units = parsed.get(iso);
    if (units === undefined) {
      units = isoToUnits(iso, nowMs);
      parsed.set(iso, units);
    }
    return units;
  };

  const engineers = problem.engineers;
  const engineerIndex = new Map(engineers.map((e, i) => [e.id, i] as const));
  const engStart = ints(engineers, (e) => travel.indexOf(e.start));
  const engEnd = ints(engineers, (e) => (e.end === undefined ? -1 : travel.indexOf(e.end)));
  const engReady = floats(engineers, (e) => Math.max(0, toUnits(e.availableFrom)));
  const engShiftEnd = floats(engineers, (e) => toUnits(e.shiftEnd));
  const engMaxJobs = floats(engineers, (e) => e.maxJobs ?? Infinity);
  const engCapacity = floats(engineers, (e) => e.capacity ?? Infinity);

  const stock = buildStockSlots(problem, catalog, travel);

  const courier = problem.courier ?? null;
  const courierLegs = createLegCache(courierUnits(problem, travel), travel.size);

  const model: Omit<Model, 'approx'> = {
    problem,
    nowMs,
    offsetMinutes: offsetMinutesOf(problem.now),
    travel,
    legs: createTravelCache(travel),
    catalog,
    pickupUnits: minutesToUnits(PICKUP_MINUTES),
    engineerCount: engineers.length,
    engStart,
    engEnd,
    engReady,
    engShiftEnd,
    engMaxJobs,
    engCapacity,
    engineerIndex,
    ...stock,
    ticketCount: problem.tickets.length,
    ticketIndex: new Map(problem.tickets.map((t, i) => [t.id, i] as const)),
    ...buildTicketColumns(problem.tickets, { problem, travel, catalog, engineerIndex, toUnits }),
    hasCourier: courier !== null,
    handlingUnits: minutesToUnits(courier?.handlingMinutes ?? 0),
    courierLeg: (from, to) => courierLegs.units(from, to),
  };
  return { ...model, approx: createApproxTravel(model) };
}

type StockSlots = Pick<
  Model,
  'slotCount' | 'pairCount' | 'slotLoc' | 'slotSku' | 'slotQty' | 'pairsBySku' | 'vanSlot' | 'pairSlot'
>;

/** Stock records summed per (location, SKU), then every engineer's van stock, as slots. */
function buildStockSlots(problem: Problem, catalog: Catalog, travel: TravelModel): StockSlots {
  const loc: number[] = [];
  const sku: number[] = [];
  const qty: number[] = [];
  // A numeric key: location × SKU count + SKU, unique because SKU indices are below the count.
  const skuCount = catalog.ids.length;
  const pairIndex = new Map<number, number>();
  for (const record of problem.stock) {
    const l = travel.indexOf(record.location);
    const s = catalog.indexOf(record.sku);
    const key = l * skuCount + s;
    const existing = pairIndex.get(key);
    if (existing === undefined) {
      pairIndex.set(key, loc.length);
      loc.push(l);
      sku.push(s);
      qty.push(record.qty);
    } else {
      qty[existing]! += record.qty;
    }
  }
  const pairCount = loc.length;
  const pairsBySku: number[][] = catalog.ids.map(() => []);
  for (let p = 0; p < pairCount; p++) if (qty[p]! > 0) pairsBySku[sku[p]!]!.push(p);

  const vanIndex = problem.engineers.map(() => new Map<number, number>());
  problem.engineers.forEach((engineer, e) => {
    for (const [id, count] of Object.entries(engineer.vanStock)) {
      if (count <= 0) continue;
      vanIndex[e]!.set(catalog.indexOf(id), loc.length);
      loc.push(-1);
      sku.push(catalog.indexOf(id));
      qty.push(count);
    }
  });

  return {
    slotCount: loc.length,
    pairCount,
    slotLoc: Int32Array.from(loc),
    slotSku: Int32Array.from(sku),
    slotQty: Int32Array.from(qty),
    pairsBySku,
    vanSlot: (engineer, s) => vanIndex[engineer]?.get(s) ?? -1,
    pairSlot: (location, s) => pairIndex.get(location * skuCount + s) ?? -1,
  };
}

/** Courier driving time from a stock location to a site, in units, rounded once. */
export function courierUnits(
  problem: Pick<Problem, 'courier'>,
  travel: TravelModel,
): (from: number, to: number) => TimeUnits {
  const speedFactor = problem.courier?.speedFactor ?? 1;
  return (from, to) => minutesToUnits(travel.minutes(from, to) / speedFactor);
}
