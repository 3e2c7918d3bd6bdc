import type { SearchState } from '../plan/state.ts';
import type { Route } from '../plan/types.ts';

/** One part need of the ticket (or its spare unit), and where it could come from. */
interface Item {
  readonly skus: readonly number[];
  readonly qty: number;
  /** A spare unit never rides in a van. */
  readonly fromVan: boolean;
  /** The shortest courier drive to the site from a location holding some; Infinity for none. */
  readonly courier: number;
  /** The shortest drive from such a location to the site; Infinity for none. */
  readonly nearest: number;
}

/**
 * What supplying the ticket adds to the travel term at least, whoever serves it. An item the van
 * does not cover comes by courier (at least the shortest courier drive) or from a new pickup stop
 * right before the ticket (candidates mode puts new pickups there), which turns prev → site into
 * prev → L → site, at least 2 × (d(L, site) − d(prev, site)) longer by the triangle inequality;
 * an item that a pickup stop already on the route before the ticket holds costs nothing more.
 * One courier trip or one pickup may serve several items, so the bound is the largest item's
 * least cost, not their sum.
 */
export class SupplyBound {
  private readonly items: readonly Item[];

  constructor(
    private readonly state: SearchState,
    private readonly t: number,
  ) {
    const { model } = state;
    const parts = model.tNeeds[t]!.map((need) => this.item(need.compatible, need.qty, true));
    const units = model.tUnitSkus[t];
    this.items = units ? [...parts, this.item(units, 1, false)] : parts;
  }

  /**
   * The least extra travel per position of `route` for the items its engineer's van does not
   * cover, given the leg from each position's previous stop into the site (all zeros when the van
   * covers everything), or null when an item the van lacks is nowhere else either.
   */
  extraByPosition(route: Route, legsIn: readonly number[]): number[] | null {
    const { model, ledger } = this.state;
    const extra = new Array<number>(legsIn.length).fill(0);
    for (const item of this.items) {
      if (item.fromVan && this.vanHolds(route.engineer, item)) continue;
      if (item.nearest === Infinity) return null;
      // A pickup stop already on the route that holds the item serves every later position.
      let held = legsIn.length;
      for (let i = 0; i < route.locs.length && held === legsIn.length; i++) {
        if (route.tickets[i]! >= 0) continue;
        const location = route.locs[i]!;
        if (item.skus.some((sku) => holds(model.pairSlot(location, sku), ledger.remaining))) held = i + 1;
      }
      for (let p = 0; p < Math.min(held, legsIn.length); p++) {
        const byPickup = Math.max(0, 2 * (item.nearest - legsIn[p]!));
        extra[p] = Math.max(extra[p]!, Math.min(item.courier, byPickup));
      }
    }
    return extra;
  }

  private vanHolds(engineer: number, item: Item): boolean {
    const { model, ledger } = this.state;
    let left = item.qty;
    for (const sku of item.skus) {
      const slot = model.vanSlot(engineer, sku);
      if (slot >= 0) left -= ledger.remaining[slot]!;
    }
    return left <= 0;
  }

  private item(skus: readonly number[], qty: number, fromVan: boolean): Item {
    const { model, ledger } = this.state;
    const site = model.tSite[this.t]!;
    let courier = Infinity;
    let nearest = Infinity;
    for (const sku of skus)
      for (const slot of model.pairsBySku[sku] ?? []) {
        if (!holds(slot, ledger.remaining)) continue;
        const location = model.slotLoc[slot]!;
        nearest = Math.min(nearest, model.legs.units(location, site));
        if (model.hasCourier) courier = Math.min(courier, model.courierLeg(location, site));
      }
    return { skus, qty, fromVan, courier, nearest };
  }
}

function holds(slot: number, remaining: Int32Array): boolean {
  return slot >= 0 && remaining[slot]! > 0;
}
