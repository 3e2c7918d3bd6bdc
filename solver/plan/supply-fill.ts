import type { Model } from './model.ts';
import type { SupplyIndex } from './supply-index.ts';
import type { Tally } from './tally.ts';
import type { Draw, Via } from './types.ts';

/** What is still missing of one item of a ticket: a part need (item ≥ 0) or the unit (-1). */
export interface Want {
  readonly item: number;
  qty: number;
}

/** SKUs that meet an item of ticket `t`: the asked one first, or with `newestFirst` last. */
export function skusFor(model: Model, t: number, item: number, newestFirst = false): readonly number[] {
  const skus = item < 0 ? (model.tUnitSkus[t] ?? []) : model.tNeeds[t]![item]!.compatible;
  return newestFirst && skus.length > 1 ? [...skus].reverse() : skus;
}

/**
 * Takes what it can of `want` from the engineer's van (parts only: a spare unit never rides in
 * the van), in SKU order (the asked SKU first, then superseding ones).
 */
export function fillFromVan(
  model: Model,
  t: number,
  engineer: number,
  want: Want,
  tally: Tally,
  draws: Draw[],
): void {
  if (want.item < 0) return;
  for (const sku of skusFor(model, t, want.item)) {
    if (want.qty === 0) return;
    const slot = model.vanSlot(engineer, sku);
    if (slot < 0) continue;
    const qty = Math.min(want.qty, tally.available(slot));
    if (qty <= 0) continue;
    tally.take(slot, qty);
    want.qty -= qty;
    draws.push(makeDraw(model, t, want.item, sku, qty, 'van', slot));
  }
}

/**
 * Takes what it can of `want` at one stock location. Slots that would not be emptied, or are no
 * site's only nearby source, go first, so that of two fitting SKUs on one shelf the plan takes
 * the one whose last unit nobody relies on. A spare unit is taken whole or not at all.
 */
export function fillAt(
  model: Model,
  t: number,
  want: Want,
  location: number,
  via: Via,
  tally: Tally,
  draws: Draw[],
  newestFirst = false,
): void {
  const skus = skusFor(model, t, want.item, newestFirst);
  for (const spareSoleCovers of [true, false]) {
    for (const sku of skus) {
      if (want.qty === 0) return;
      const slot = model.pairSlot(location, sku);
      if (slot < 0) continue;
      let qty = Math.min(want.qty, tally.available(slot));
      if (spareSoleCovers && qty > 0 && tally.wouldEmptySoleCover(slot, qty))
        qty = Math.min(qty, tally.available(slot) - 1);
      if (qty <= 0) continue;
      tally.take(slot, qty);
      want.qty -= qty;
      addDraw(draws, makeDraw(model, t, want.item, sku, qty, via, slot));
    }
  }
}

/** Adds a draw, merged into an earlier one of the same item, slot and way (one plan line). */
function addDraw(draws: Draw[], draw: Draw): void {
  const i = draws.findIndex((d) => d.item === draw.item && d.slot === draw.slot && d.via === draw.via);
  if (i < 0) draws.push(draw);
  else draws[i] = { ...draws[i]!, qty: draws[i]!.qty + draw.qty };
}

/** Whether `location` holds some of `want` now. */
export function holdsSome(model: Model, t: number, want: Want, location: number, tally: Tally): boolean {
  for (const sku of skusFor(model, t, want.item)) {
    const slot = model.pairSlot(location, sku);
    if (slot >= 0 && tally.available(slot) > 0) return true;
  }
  return false;
}

/**
 * Fills `want` by courier from the nearest holders, location by location; false (draws left
 * partial) when the stock within reach runs out first.
 */
export function fillByCourier(
  model: Model,
  index: SupplyIndex,
  t: number,
  want: Want,
  tally: Tally,
  draws: Draw[],
  newestFirst = false,
): boolean {
  const visited: number[] = [];
  for (const slot of index.holdersOf(t, want.item)) {
    if (want.qty === 0) break;
    const location = model.slotLoc[slot]!;
    if (visited.includes(location) || tally.available(slot) <= 0) continue;
    visited.push(location);
    fillAt(model, t, want, location, 'courier', tally, draws, newestFirst);
  }
  return want.qty === 0;
}

export function makeDraw(
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
