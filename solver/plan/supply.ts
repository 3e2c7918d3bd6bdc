import type { Ledger } from './ledger.ts';
import type { Model } from './model.ts';
import type { Draw, Route, TicketSupply, Via } from './types.ts';

/** Stock locations a ticket considers for a new pickup stop, besides the route's own. */
const PICKUP_CANDIDATES = 3;

/** One way to supply a ticket on a given route, before a position is chosen. */
export interface SupplyOption {
  readonly supply: TicketSupply;
  /** The ticket must come after this stop position (an existing pickup it draws from). */
  readonly minPosition: number;
  /** A new pickup stop to insert before the ticket, -1 for none. */
  readonly newPickup: number;
  /** Objective term 4: sole-cover pairs this supply would empty. */
  readonly coverage: number;
}

/**
 * Where each item of a ticket can come from: per part need (and the spare unit, item -1) the pair
 * slots holding a compatible SKU, nearest to the site first. Built on first use and kept.
 */
export class SupplyIndex {
  private readonly holders = new Map<number, readonly number[]>();
  /** Keys are ticket × stride + item + 1, unique because a ticket has fewer than stride − 1 needs. */
  private readonly stride: number;

  constructor(private readonly model: Model) {
    this.stride = model.tNeeds.reduce((most, needs) => Math.max(most, needs.length), 0) + 2;
  }

  /** Pair slots that can meet `item` of ticket `t`, nearest to the site first. */
  holdersOf(t: number, item: number): readonly number[] {
    const key = t * this.stride + item + 1;
    let list = this.holders.get(key);
    if (!list) {
      const { model } = this;
      const skus = item < 0 ? (model.tUnitSkus[t] ?? []) : model.tNeeds[t]![item]!.compatible;
      const site = model.tSite[t]!;
      const slots = skus.flatMap((sku) => model.pairsBySku[sku] ?? []);
      const leg = new Map(slots.map((slot) => [slot, model.legs.units(model.slotLoc[slot]!, site)]));
      list = slots.sort((a, b) => leg.get(a)! - leg.get(b)! || a - b);
      this.holders.set(key, list);
    }
    return list;
  }
}

/**
 * The supply options for ticket `t` on `route`. Van stock is free and immediate, so every need the
 * van can meet comes from the van. The rest (and the spare unit, which never rides in the van)
 * come either all by courier from the nearest holders, or partly from one pickup location (one of
 * the route's pickup stops, the engineer's start, or a holder near the site) with the remainder by
 * courier. Each need is met from one source.
 */
export function supplyOptions(
  model: Model,
  ledger: Ledger,
  index: SupplyIndex,
  t: number,
  route: Route,
): SupplyOption[] {
  const engineer = route.engineer;
  const tally = new Tally(ledger);
  const vanDraws: Draw[] = [];
  const open: number[] = [];
  const needs = model.tNeeds[t]!;
  for (let item = 0; item < needs.length; item++) {
    const need = needs[item]!;
    let found = false;
    for (const sku of need.compatible) {
      const slot = model.vanSlot(engineer, sku);
      if (slot >= 0 && tally.available(slot) >= need.qty) {
        tally.take(slot, need.qty);
        vanDraws.push(makeDraw(model, t, item, sku, need.qty, 'van', slot));
        found = true;
        break;
      }
    }
    if (!found) open.push(item);
  }
  if (model.tHasUnit[t]) open.push(-1);
  if (open.length === 0) return [finish(model, ledger, t, vanDraws, tally, -1, 0, -1)];

  const options: SupplyOption[] = [];
  if (model.hasCourier) {
    const draws = courierDraws(model, index, t, open, tally.fork());
    if (draws) options.push(finish(model, ledger, t, [...vanDraws, ...draws.draws], draws.tally, -1, 0, -1));
  }
  for (const location of pickupLocations(model, index, t, open, route, tally)) {
    const local = tally.fork();
    const draws: Draw[] = [...vanDraws];
    const rest: number[] = [];
    for (const item of open) {
      const draw = drawAt(model, t, item, location, local);
      if (draw) draws.push(draw);
      else rest.push(item);
    }
    if (rest.length === open.length) continue;
    let finalTally = local;
    if (rest.length > 0) {
      if (!model.hasCourier) continue;
      const couriered = courierDraws(model, index, t, rest, local);
      if (!couriered) continue;
      draws.push(...couriered.draws);
      finalTally = couriered.tally;
    }
    const existing = route.locs.findIndex((loc, i) => loc === location && route.tickets[i]! < 0);
    options.push(
      existing >= 0
        ? finish(model, ledger, t, draws, finalTally, location, existing + 1, -1)
        : finish(model, ledger, t, draws, finalTally, location, 0, location),
    );
  }
  return options;
}

/** The route's pickup stops, the engineer's start, and holders near the site, that hold an item. */
function pickupLocations(
  model: Model,
  index: SupplyIndex,
  t: number,
  open: readonly number[],
  route: Route,
  tally: Tally,
): number[] {
  const seen = new Set<number>();
  const result: number[] = [];
  const consider = (location: number): void => {
    if (seen.has(location)) return;
    seen.add(location);
    if (open.some((item) => canDrawAt(model, t, item, location, tally))) result.push(location);
  };
  route.locs.forEach((loc, i) => {
    if (route.tickets[i]! < 0) consider(loc);
  });
  consider(model.engStart[route.engineer]!);
  let added = 0;
  for (const item of open) {
    for (const slot of index.holdersOf(t, item)) {
      if (added >= PICKUP_CANDIDATES) break;
      const location = model.slotLoc[slot]!;
      if (seen.has(location) || tally.available(slot) < itemQty(model, t, item)) continue;
      consider(location);
      added++;
    }
  }
  return result;
}

function courierDraws(
  model: Model,
  index: SupplyIndex,
  t: number,
  items: readonly number[],
  tally: Tally,
): { draws: Draw[]; tally: Tally } | null {
  const draws: Draw[] = [];
  for (const item of items) {
    const qty = itemQty(model, t, item);
    const slot = index.holdersOf(t, item).find((s) => tally.available(s) >= qty);
    if (slot === undefined) return null;
    tally.take(slot, qty);
    draws.push(makeDraw(model, t, item, model.slotSku[slot]!, qty, 'courier', slot));
  }
  return { draws, tally };
}

function canDrawAt(model: Model, t: number, item: number, location: number, tally: Tally): boolean {
  return slotAt(model, t, item, location, tally) >= 0;
}

function drawAt(model: Model, t: number, item: number, location: number, tally: Tally): Draw | null {
  const slot = slotAt(model, t, item, location, tally);
  if (slot < 0) return null;
  const qty = itemQty(model, t, item);
  tally.take(slot, qty);
  return makeDraw(model, t, item, model.slotSku[slot]!, qty, 'pickup', slot);
}

function slotAt(model: Model, t: number, item: number, location: number, tally: Tally): number {
  const skus = item < 0 ? (model.tUnitSkus[t] ?? []) : model.tNeeds[t]![item]!.compatible;
  const qty = itemQty(model, t, item);
  for (const sku of skus) {
    const slot = model.pairSlot(location, sku);
    if (slot >= 0 && tally.available(slot) >= qty) return slot;
  }
  return -1;
}

function itemQty(model: Model, t: number, item: number): number {
  return item < 0 ? 1 : model.tNeeds[t]![item]!.qty;
}

function makeDraw(
  model: Model,
  t: number,
  item: number,
  sku: number,
  qty: number,
  via: Via,
  slot: number,
): Draw {
  const location = via === 'van' ? -1 : model.slotLoc[slot]!;
  const courierAt =
    via === 'courier' ? model.handlingUnits + model.courierLeg(location, model.tSite[t]!) : Number.NaN;
  return { item, sku, qty, via, slot, location, courierAt };
}

function finish(
  model: Model,
  ledger: Ledger,
  t: number,
  draws: readonly Draw[],
  tally: Tally,
  pickupLocation: number,
  minPosition: number,
  newPickup: number,
): SupplyOption {
  let ready = model.tEarliest[t]!;
  let unitByArrival = false;
  let unitCourierAt = Number.NaN;
  let courier = 0;
  // One courier trip per stock location sending to the ticket, however many items it carries.
  const couriers = new Set<number>();
  for (const draw of draws) {
    if (draw.via === 'courier' && !couriers.has(draw.location)) {
      couriers.add(draw.location);
      courier += model.courierLeg(draw.location, model.tSite[t]!);
    }
    if (draw.item < 0) {
      unitByArrival = draw.via === 'pickup';
      if (draw.via === 'courier') unitCourierAt = draw.courierAt;
    } else if (draw.via === 'courier') {
      ready = Math.max(ready, draw.courierAt);
    }
  }
  return {
    supply: { draws, ready, unitByArrival, unitCourierAt, courier, pickupLocation },
    minPosition,
    newPickup,
    coverage: tally.emptiedSoleCovers(ledger),
  };
}

/** Quantities an option takes from slots, on top of the ledger, so two needs never share a unit. */
class Tally {
  private readonly taken: Map<number, number>;

  constructor(
    private readonly ledger: Ledger,
    taken?: Map<number, number>,
  ) {
    this.taken = taken ?? new Map();
  }

  available(slot: number): number {
    return this.ledger.remaining[slot]! - (this.taken.get(slot) ?? 0);
  }

  take(slot: number, qty: number): void {
    this.taken.set(slot, (this.taken.get(slot) ?? 0) + qty);
  }

  fork(): Tally {
    return new Tally(this.ledger, new Map(this.taken));
  }

  emptiedSoleCovers(ledger: Ledger): number {
    let count = 0;
    for (const [slot, qty] of this.taken) if (ledger.wouldEmptySoleCover(slot, qty)) count++;
    return count;
  }
}
