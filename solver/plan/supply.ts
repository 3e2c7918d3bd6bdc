import type { Ledger } from './ledger.ts';
import type { Model } from './model.ts';
import { fillAt, fillByCourier, fillFromVan, holdsSome, type Want } from './supply-fill.ts';
import type { SupplyIndex } from './supply-index.ts';
import { Tally } from './tally.ts';
import type { Draw, Route, TicketSupply } from './types.ts';

/** Stock locations a ticket considers for a new pickup stop, besides the route's own. */
const PICKUP_CANDIDATES = 3;
/** The same when the search looks at one ticket's supply thoroughly. */
const THOROUGH_PICKUP_CANDIDATES = 6;
/** At most this many pickup stops serve one ticket. */
const MAX_PICKUPS = 3;

/** One way to supply a ticket on a given route, before a position is chosen. */
export interface SupplyOption {
  readonly supply: TicketSupply;
  /** The ticket must come at or after this stop position (after the pickups it draws from). */
  readonly minPosition: number;
  /**
   * New pickup stops to insert, together and in this order, before the ticket: the order in
   * which the plan lists their supplies (parts, then the unit), as candidates mode reads them.
   */
  readonly newPickups: readonly number[];
  /** Objective term 4: sole-cover pairs this supply would empty. */
  readonly coverage: number;
}

/**
 * The supply options for ticket `t` on `route`. Van stock is free and immediate, so the van gives
 * all it can. The rest (and the spare unit, which never rides in the van) come all by courier
 * from the nearest holders; or from one pickup location (one of the route's pickup stops, the
 * engineer's start, or a holder near the site) with the remainder by courier; or by one courier
 * from one location that holds it all; or from the fewest pickup locations that hold it, picked
 * greedily, with any remainder by courier. A part need may be split across sources; a unit comes
 * whole from one.
 *
 * `thorough` (a move that re-chooses one ticket's supply) adds what is too dear to try for every
 * insertion: the same without the van (its stock may serve a later ticket better), with
 * superseding SKUs taken first (the asked one may be what another ticket needs), more holders
 * near the site, and every pair of pickup locations.
 */
export function supplyOptions(
  model: Model,
  ledger: Ledger,
  index: SupplyIndex,
  t: number,
  route: Route,
  thorough = false,
): SupplyOption[] {
  const options: SupplyOption[] = [];
  const usedVan = addOptions(
    model,
    ledger,
    index,
    t,
    route,
    { van: true, newestFirst: false, thorough },
    options,
  );
  if (thorough) {
    if (usedVan)
      addOptions(model, ledger, index, t, route, { van: false, newestFirst: false, thorough }, options);
    addOptions(model, ledger, index, t, route, { van: true, newestFirst: true, thorough }, options);
  }
  return options;
}

interface Variant {
  readonly van: boolean;
  readonly newestFirst: boolean;
  readonly thorough: boolean;
}

/** Adds the options of one variant; true when the van gave something. */
function addOptions(
  model: Model,
  ledger: Ledger,
  index: SupplyIndex,
  t: number,
  route: Route,
  variant: Variant,
  options: SupplyOption[],
): boolean {
  const tally = new Tally(ledger);
  const vanDraws: Draw[] = [];
  const open: Want[] = [];
  model.tNeeds[t]!.forEach((need, item) => {
    const want = { item, qty: need.qty };
    if (variant.van) fillFromVan(model, t, route.engineer, want, tally, vanDraws);
    if (want.qty > 0) open.push(want);
  });
  if (model.tHasUnit[t]) open.push({ item: -1, qty: 1 });
  if (open.length === 0) {
    options.push(finish(model, route, t, vanDraws, tally));
    return vanDraws.length > 0;
  }
  const { newestFirst, thorough } = variant;
  if (model.hasCourier) {
    const draws = newestFirst
      ? courierFromNearest(model, index, t, open, tally)
      : index.courierDraws(ledger, t, open);
    if (draws) {
      const withCourier = tally.fork();
      for (const draw of draws) withCourier.take(draw.slot, draw.qty);
      options.push(finish(model, route, t, vanDraws.concat(draws), withCourier));
    }
  }
  const locations = pickupLocations(model, index, t, open, route, tally, thorough);
  for (const location of locations) {
    const option = pickupOption(model, index, t, route, vanDraws, open, [location], tally, newestFirst);
    if (option) options.push(option);
  }
  // One courier trip from a location that has everything can beat several from the nearest.
  const several = open.length > 1 || open[0]!.qty > 1;
  if (model.hasCourier && (several || thorough)) {
    for (const location of locations) {
      const option = singleCourierOption(model, t, route, vanDraws, open, location, tally, newestFirst);
      if (option) options.push(option);
    }
  }
  const cover = greedyCover(model, t, open, locations, tally);
  if (cover.length > 1) {
    const option = pickupOption(model, index, t, route, vanDraws, open, cover, tally, newestFirst);
    if (option) options.push(option);
  }
  if (thorough) {
    // The parts picked up and the unit by courier, or the other way round.
    if (model.tHasUnit[t] && open.length > 1) {
      for (const location of locations)
        for (const pickedUp of [isPart, isUnit]) {
          const option = pickupOption(
            model,
            index,
            t,
            route,
            vanDraws,
            open,
            [location],
            tally,
            newestFirst,
            pickedUp,
          );
          if (option) options.push(option);
        }
    }
    for (let i = 0; i < locations.length; i++)
      for (let j = i + 1; j < locations.length; j++) {
        const pair = [locations[i]!, locations[j]!];
        const option = pickupOption(model, index, t, route, vanDraws, open, pair, tally, newestFirst);
        if (option) options.push(option);
      }
  }
  return vanDraws.length > 0;
}

const isPart = (want: Want): boolean => want.item >= 0;
const isUnit = (want: Want): boolean => want.item < 0;

/** Courier draws for everything open from the nearest holders, superseding SKUs first. */
function courierFromNearest(
  model: Model,
  index: SupplyIndex,
  t: number,
  open: readonly Want[],
  tally: Tally,
): Draw[] | null {
  const local = tally.fork();
  const draws: Draw[] = [];
  for (const want of open) if (!fillByCourier(model, index, t, { ...want }, local, draws, true)) return null;
  return draws;
}

/**
 * Fills the open items at the given pickup locations in turn and the rest by courier; null when
 * no pickup contributes, or something is left and no courier can bring it.
 */
function pickupOption(
  model: Model,
  index: SupplyIndex,
  t: number,
  route: Route,
  vanDraws: readonly Draw[],
  open: readonly Want[],
  locations: readonly number[],
  tally: Tally,
  newestFirst: boolean,
  pickedUp: (want: Want) => boolean = () => true,
): SupplyOption | null {
  const local = tally.fork();
  const draws: Draw[] = vanDraws.slice();
  const rest: Want[] = [];
  for (const original of open) {
    const want = { ...original };
    if (pickedUp(want))
      for (const location of locations) fillAt(model, t, want, location, 'pickup', local, draws, newestFirst);
    if (want.qty > 0) rest.push(want);
  }
  if (draws.length === vanDraws.length) return null;
  for (const want of rest) {
    if (!model.hasCourier || !fillByCourier(model, index, t, want, local, draws, newestFirst)) return null;
  }
  return finish(model, route, t, draws, local);
}

/** Everything open by one courier from `location`, or null when it does not hold it all. */
function singleCourierOption(
  model: Model,
  t: number,
  route: Route,
  vanDraws: readonly Draw[],
  open: readonly Want[],
  location: number,
  tally: Tally,
  newestFirst: boolean,
): SupplyOption | null {
  const local = tally.fork();
  const draws: Draw[] = vanDraws.slice();
  for (const original of open) {
    const want = { ...original };
    fillAt(model, t, want, location, 'courier', local, draws, newestFirst);
    if (want.qty > 0) return null;
  }
  return finish(model, route, t, draws, local);
}

/** Pickup locations that together hold the most of what is open: each pick covers the most left. */
function greedyCover(
  model: Model,
  t: number,
  open: readonly Want[],
  locations: readonly number[],
  tally: Tally,
): number[] {
  const chosen: number[] = [];
  const working = tally.fork();
  let left = open.map((want) => ({ ...want }));
  while (left.length > 0 && chosen.length < MAX_PICKUPS) {
    let best = -1;
    let bestCovered = 0;
    for (const location of locations) {
      if (chosen.includes(location)) continue;
      const trial = working.fork();
      let covered = 0;
      for (const want of left) {
        const copy = { ...want };
        fillAt(model, t, copy, location, 'pickup', trial, []);
        covered += want.qty - copy.qty;
      }
      if (covered > bestCovered) {
        best = location;
        bestCovered = covered;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    for (const want of left) fillAt(model, t, want, best, 'pickup', working, []);
    left = left.filter((want) => want.qty > 0);
  }
  return chosen;
}

/** The route's pickup stops, the engineer's start, and holders near the site, that hold some. */
function pickupLocations(
  model: Model,
  index: SupplyIndex,
  t: number,
  open: readonly Want[],
  route: Route,
  tally: Tally,
  thorough: boolean,
): number[] {
  const nearby = thorough ? THOROUGH_PICKUP_CANDIDATES : PICKUP_CANDIDATES;
  const considered: number[] = [];
  const result: number[] = [];
  const consider = (location: number): void => {
    if (considered.includes(location)) return;
    considered.push(location);
    if (open.some((want) => holdsSome(model, t, want, location, tally))) result.push(location);
  };
  for (let i = 0; i < route.locs.length; i++) if (route.tickets[i]! < 0) consider(route.locs[i]!);
  consider(model.engStart[route.engineer]!);
  let added = 0;
  for (const want of open) {
    for (const slot of index.holdersOf(t, want.item)) {
      if (added >= nearby) break;
      const location = model.slotLoc[slot]!;
      if (considered.includes(location) || tally.available(slot) <= 0) continue;
      consider(location);
      added++;
    }
  }
  return result;
}

/**
 * The option for a set of draws: when work can start, how the unit arrives, courier minutes,
 * which pickup stops it needs (existing ones fix the earliest position, new ones are inserted in
 * the order the plan will list them), and the sole-cover pairs it empties.
 */
function finish(model: Model, route: Route, t: number, draws: readonly Draw[], tally: Tally): SupplyOption {
  let ready = model.tEarliest[t]!;
  let unitByArrival = false;
  let unitCourierAt = Number.NaN;
  let courier = 0;
  // One courier trip per stock location sending to the ticket, however many items it carries.
  const couriers: number[] = [];
  const pickups: number[] = [];
  let unitPickup = -1;
  for (const draw of draws) {
    if (draw.via === 'courier' && !couriers.includes(draw.location)) {
      couriers.push(draw.location);
      courier += model.courierLeg(draw.location, model.tSite[t]!);
    }
    if (draw.item < 0) {
      unitByArrival = draw.via === 'pickup';
      if (draw.via === 'courier') unitCourierAt = draw.courierAt;
      if (draw.via === 'pickup') unitPickup = draw.location;
    } else {
      if (draw.via === 'courier') ready = Math.max(ready, draw.courierAt);
      if (draw.via === 'pickup' && !pickups.includes(draw.location)) pickups.push(draw.location);
    }
  }
  if (unitPickup >= 0 && !pickups.includes(unitPickup)) pickups.push(unitPickup);
  let minPosition = 0;
  const newPickups: number[] = [];
  for (const location of pickups) {
    const existing = existingPickup(route, location);
    if (existing >= 0) minPosition = Math.max(minPosition, existing + 1);
    else newPickups.push(location);
  }
  return {
    supply: { draws, ready, unitByArrival, unitCourierAt, courier, pickupLocations: pickups },
    minPosition,
    newPickups,
    coverage: tally.emptiedSoleCovers(),
  };
}

function existingPickup(route: Route, location: number): number {
  for (let i = 0; i < route.locs.length; i++)
    if (route.locs[i] === location && route.tickets[i]! < 0) return i;
  return -1;
}
