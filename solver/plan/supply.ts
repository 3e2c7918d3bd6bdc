import type { Ledger } from './ledger.ts';
import type { Model } from './model.ts';
import type { Draw, Route, TicketSupply, Via } from './types.ts';

/** Holders measured exactly per ticket item; the rest stay in estimated order. */
const EXACT_HOLDERS = 8;
/** Pair slots are below this, so (estimated units × SLOT_RANGE + slot) packs both exactly. */
const SLOT_RANGE = 1 << 21;

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
 * slots holding a compatible SKU, nearest to the site first. Built on first use and kept, with
 * the courier draws of the last ledger state asked about (every engineer of a ticket shares them).
 */
export class SupplyIndex {
  private readonly holders = new Map<number, readonly number[]>();
  private readonly courierCache = new Map<number, { version: number; draws: Draw[] | null }>();
  private readonly bare = new Map<number, TicketSupply>();
  /** Keys are ticket × stride + item + 1, unique because a ticket has fewer than stride − 1 needs. */
  private readonly stride: number;

  constructor(private readonly model: Model) {
    this.stride = model.tNeeds.reduce((most, needs) => Math.max(most, needs.length), 0) + 2;
    if (model.pairCount >= SLOT_RANGE) throw new Error(`more than ${SLOT_RANGE} stock pairs`);
  }

  /**
   * Pair slots that can meet `item` of ticket `t`, nearest to the site first. Distances are
   * estimated for all holders and measured exactly for the nearest few, which are the ones a
   * courier or pickup ever uses unless they run dry.
   */
  holdersOf(t: number, item: number): readonly number[] {
    const key = t * this.stride + item + 1;
    let list = this.holders.get(key);
    if (!list) {
      const { model } = this;
      const skus = item < 0 ? (model.tUnitSkus[t] ?? []) : model.tNeeds[t]![item]!.compatible;
      const site = model.tSite[t]!;
      const slots: number[] = [];
      for (const sku of skus) for (const slot of model.pairsBySku[sku] ?? []) slots.push(slot);
      // Estimated units and slot packed into one number sort natively, without a comparator.
      const packed = new Float64Array(slots.length);
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!;
        packed[i] = Math.round(model.approx(model.slotLoc[slot]!, site)) * SLOT_RANGE + slot;
      }
      packed.sort();
      const estimated = Array.from(packed, (value) => value % SLOT_RANGE);
      const near = byKey(estimated.slice(0, EXACT_HOLDERS), (slot) =>
        model.legs.units(model.slotLoc[slot]!, site),
      );
      list = near.concat(estimated.slice(EXACT_HOLDERS));
      this.holders.set(key, list);
    }
    return list;
  }

  /**
   * Courier draws for the `open` items of ticket `t` from the nearest holders with stock; null when
   * an item has none. `vanMask` (the needs the van meets, as bits) keys a cache per ledger
   * version, so the engineers of one ticket share the work; -1 skips the cache.
   */
  courierDraws(ledger: Ledger, t: number, open: readonly number[], vanMask: number): Draw[] | null {
    const key = t * 1024 + vanMask;
    const cached = vanMask >= 0 ? this.courierCache.get(key) : undefined;
    if (cached && cached.version === ledger.version) return cached.draws;
    const draws = courierDrawsFor(this.model, this, t, open, new Tally(ledger))?.draws ?? null;
    if (vanMask >= 0) this.courierCache.set(key, { version: ledger.version, draws });
    return draws;
  }

  /** The supply of a ticket that needs nothing: work starts on arrival (or at earliestStart). */
  bareSupply(t: number): TicketSupply {
    let supply = this.bare.get(t);
    if (!supply) {
      supply = {
        draws: [],
        ready: this.model.tEarliest[t]!,
        unitByArrival: true,
        unitCourierAt: Number.NaN,
        courier: 0,
        pickupLocation: -1,
      };
      this.bare.set(t, supply);
    }
    return supply;
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
  let vanMask = 0;
  for (let item = 0; item < needs.length; item++) {
    const need = needs[item]!;
    let found = false;
    for (const sku of need.compatible) {
      const slot = model.vanSlot(engineer, sku);
      if (slot >= 0 && tally.available(slot) >= need.qty) {
        tally.take(slot, need.qty);
        vanDraws.push(makeDraw(model, t, item, sku, need.qty, 'van', slot));
        vanMask |= 1 << item;
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
    const draws = index.courierDraws(ledger, t, open, needs.length < 10 ? vanMask : -1);
    if (draws) {
      const withCourier = tally.fork();
      for (const draw of draws) withCourier.take(draw.slot, draw.qty);
      options.push(finish(model, ledger, t, vanDraws.concat(draws), withCourier, -1, 0, -1));
    }
  }
  for (const location of pickupLocations(model, index, t, open, route, tally)) {
    const local = tally.fork();
    const draws: Draw[] = vanDraws.slice();
    const rest: number[] = [];
    for (const item of open) {
      const slot = slotAt(model, t, item, location, local);
      if (slot < 0) {
        rest.push(item);
        continue;
      }
      const qty = itemQty(model, t, item);
      local.take(slot, qty);
      draws.push(makeDraw(model, t, item, model.slotSku[slot]!, qty, 'pickup', slot));
    }
    if (rest.length === open.length) continue;
    if (rest.length > 0) {
      if (!model.hasCourier) continue;
      const couriered = courierDrawsFor(model, index, t, rest, local);
      if (!couriered) continue;
      for (const draw of couriered.draws) draws.push(draw);
    }
    const existing = existingPickup(route, location);
    options.push(
      existing >= 0
        ? finish(model, ledger, t, draws, local, location, existing + 1, -1)
        : finish(model, ledger, t, draws, local, location, 0, location),
    );
  }
  return options;
}

function existingPickup(route: Route, location: number): number {
  for (let i = 0; i < route.locs.length; i++)
    if (route.locs[i] === location && route.tickets[i]! < 0) return i;
  return -1;
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
  const considered: number[] = [];
  const result: number[] = [];
  for (let i = 0; i < route.locs.length; i++) {
    if (route.tickets[i]! < 0) considerPickup(model, t, open, route.locs[i]!, tally, considered, result);
  }
  considerPickup(model, t, open, model.engStart[route.engineer]!, tally, considered, result);
  let added = 0;
  for (const item of open) {
    const qty = itemQty(model, t, item);
    for (const slot of index.holdersOf(t, item)) {
      if (added >= PICKUP_CANDIDATES) break;
      const location = model.slotLoc[slot]!;
      if (considered.includes(location) || tally.available(slot) < qty) continue;
      considerPickup(model, t, open, location, tally, considered, result);
      added++;
    }
  }
  return result;
}

function considerPickup(
  model: Model,
  t: number,
  open: readonly number[],
  location: number,
  tally: Tally,
  considered: number[],
  result: number[],
): void {
  if (considered.includes(location)) return;
  considered.push(location);
  for (const item of open) {
    if (slotAt(model, t, item, location, tally) >= 0) {
      result.push(location);
      return;
    }
  }
}

function courierDrawsFor(
  model: Model,
  index: SupplyIndex,
  t: number,
  items: readonly number[],
  tally: Tally,
): { draws: Draw[] } | null {
  const draws: Draw[] = [];
  for (const item of items) {
    const qty = itemQty(model, t, item);
    let chosen = -1;
    for (const slot of index.holdersOf(t, item)) {
      if (tally.available(slot) >= qty) {
        chosen = slot;
        break;
      }
    }
    if (chosen < 0) return null;
    tally.take(chosen, qty);
    draws.push(makeDraw(model, t, item, model.slotSku[chosen]!, qty, 'courier', chosen));
  }
  return { draws };
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
  const couriers: number[] = [];
  for (const draw of draws) {
    if (draw.via === 'courier' && !couriers.includes(draw.location)) {
      couriers.push(draw.location);
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
  constructor(
    private readonly ledger: Ledger,
    private readonly slots: number[] = [],
    private readonly taken: number[] = [],
  ) {}

  available(slot: number): number {
    const i = this.slots.indexOf(slot);
    return this.ledger.remaining[slot]! - (i < 0 ? 0 : this.taken[i]!);
  }

  take(slot: number, qty: number): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) {
      this.slots.push(slot);
      this.taken.push(qty);
    } else {
      this.taken[i]! += qty;
    }
  }

  fork(): Tally {
    return new Tally(this.ledger, this.slots.slice(), this.taken.slice());
  }

  emptiedSoleCovers(ledger: Ledger): number {
    let count = 0;
    for (let i = 0; i < this.slots.length; i++)
      if (ledger.wouldEmptySoleCover(this.slots[i]!, this.taken[i]!)) count++;
    return count;
  }
}

/** Items sorted by a key, ties by the item itself, so the order never depends on the engine. */
function byKey(items: readonly number[], key: (item: number) => number): number[] {
  const keys = new Map<number, number>();
  for (const item of items) keys.set(item, key(item));
  return [...items].sort((a, b) => keys.get(a)! - keys.get(b)! || a - b);
}
