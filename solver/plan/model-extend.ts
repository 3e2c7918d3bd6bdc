import type { Problem } from '../problem.schema.ts';
import { createTravelModel, type TravelModel } from '../travel.ts';
import { isoToUnits } from '../units.ts';
import { createApproxTravel } from './approx-travel.ts';
import type { LegCache } from './leg-cache.ts';
import { courierUnits, type Model } from './model.ts';
import { appendTicketColumns, buildTicketColumns } from './ticket-columns.ts';

/**
 * The model of `problem`, which is the model's own problem with locations and tickets appended
 * (and nothing else changed), built by appending to the model instead of from scratch: candidates
 * mode asks about one new ticket against a day whose model is already built. Engineers, stock,
 * the catalog and the travel caches are shared; the ticket columns are copied with the new ones
 * at the end, so every index of the model stays valid. Null when a new ticket asks for a SKU the
 * model's catalog does not know (the catalog would change: build the model from scratch).
 */
export function extendModel(model: Model, problem: Problem): Model | null {
  const base = model.problem;
  const added = problem.tickets.slice(base.tickets.length);
  const catalog = model.catalog;
  if (added.some((ticket) => ticket.parts.some((need) => catalog.indexOf(need.sku) < 0))) return null;

  const grown = problem.locations.length > base.locations.length;
  const travel = grown ? createTravelModel(problem) : model.travel;
  const legs = grown ? extendLegs(model.legs, travel, base.locations.length) : model.legs;
  const courierLeg = grown
    ? extendCourierLegs(model.courierLeg, courierUnits(problem, travel), base.locations.length)
    : model.courierLeg;

  const toUnits = (iso: string | null | undefined): number =>
    iso === null || iso === undefined ? Infinity : isoToUnits(iso, model.nowMs);
  const columns = buildTicketColumns(added, {
    problem,
    travel,
    catalog,
    engineerIndex: model.engineerIndex,
    toUnits,
  });
  const ticketIndex = new AppendedIndex(
    model.ticketIndex,
    new Map(added.map((ticket, i) => [ticket.id, base.tickets.length + i] as const)),
  );

  const extended: Model = {
    ...model,
    problem,
    travel,
    legs,
    courierLeg,
    ticketCount: problem.tickets.length,
    ticketIndex,
    ...appendTicketColumns(model, columns),
  };
  return grown ? { ...extended, approx: createApproxTravel(extended) } : extended;
}

/**
 * Legs between the model's own locations come from its cache (sized for them); a leg to or from
 * a new location is kept in a small map of its own.
 */
function extendLegs(legs: LegCache, travel: TravelModel, known: number): LegCache {
  const added = new Map<number, number>();
  return {
    units(from, to) {
      if (from < known && to < known) return legs.units(from, to);
      const key = from * travel.size + to;
      let units = added.get(key);
      if (units === undefined) {
        units = travel.units(from, to);
        added.set(key, units);
      }
      return units;
    },
  };
}

function extendCourierLegs(
  courierLeg: Model['courierLeg'],
  compute: (from: number, to: number) => number,
  known: number,
): Model['courierLeg'] {
  return (from, to) => (from < known && to < known ? courierLeg(from, to) : compute(from, to));
}

/** Two maps read as one, the first first, without copying the first (a day's thousands of ids). */
class AppendedIndex implements ReadonlyMap<string, number> {
  constructor(
    private readonly first: ReadonlyMap<string, number>,
    private readonly second: ReadonlyMap<string, number>,
  ) {}

  get size(): number {
    return this.first.size + this.second.size;
  }

  get(key: string): number | undefined {
    return this.first.get(key) ?? this.second.get(key);
  }

  has(key: string): boolean {
    return this.first.has(key) || this.second.has(key);
  }

  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [key, value] of this) callback(value, key, this);
  }

  *entries(): MapIterator<[string, number]> {
    yield* this.first.entries();
    yield* this.second.entries();
  }

  *keys(): MapIterator<string> {
    for (const [key] of this) yield key;
  }

  *values(): MapIterator<number> {
    for (const [, value] of this) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
}
