import type { Ledger } from './ledger.ts';
import type { Model } from './model.ts';
import { fillByCourier, skusFor, type Want } from './supply-fill.ts';
import { Tally } from './tally.ts';
import type { Draw, TicketSupply } from './types.ts';

/** Holders measured exactly per ticket item; the rest stay in estimated order. */
const EXACT_HOLDERS = 8;
/** Pair slots are below this, so (estimated units × SLOT_RANGE + slot) packs both exactly. */
const SLOT_RANGE = 1 << 21;

/**
 * What a ticket's supply search reuses within a solve: per part need (and the spare unit, item
 * -1) the pair slots holding a compatible SKU, nearest to the site first; the all-courier draws
 * for the last ledger state (every engineer of a ticket asks for the same); and the empty supply.
 */
export class SupplyIndex {
  private readonly holders = new Map<number, readonly number[]>();
  private readonly courierCache = new Map<string, { version: number; draws: Draw[] | null }>();
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
      const site = model.tSite[t]!;
      const slots: number[] = [];
      for (const sku of skusFor(model, t, item))
        for (const slot of model.pairsBySku[sku] ?? []) slots.push(slot);
      // Estimated units and slot packed into one number sort natively, without a comparator.
      const packed = new Float64Array(slots.length);
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!;
        packed[i] = Math.round(model.approx(model.slotLoc[slot]!, site)) * SLOT_RANGE + slot;
      }
      packed.sort();
      const estimated = Array.from(packed, (value) => value % SLOT_RANGE);
      const exact = new Map<number, number>();
      for (const slot of estimated.slice(0, EXACT_HOLDERS))
        exact.set(slot, model.legs.units(model.slotLoc[slot]!, site));
      const near = estimated.slice(0, EXACT_HOLDERS).sort((a, b) => exact.get(a)! - exact.get(b)! || a - b);
      list = near.concat(estimated.slice(EXACT_HOLDERS));
      this.holders.set(key, list);
    }
    return list;
  }

  /**
   * Courier draws for all of `wants` from the nearest holders with stock; null when they run out.
   * Kept per ledger version, so the engineers of one ticket share the work.
   */
  courierDraws(ledger: Ledger, t: number, wants: readonly Want[]): Draw[] | null {
    let key = String(t);
    for (const want of wants) key += `,${want.item}x${want.qty}`;
    const cached = this.courierCache.get(key);
    if (cached && cached.version === ledger.version) return cached.draws;
    const tally = new Tally(ledger);
    let draws: Draw[] | null = [];
    for (const want of wants) {
      if (!fillByCourier(this.model, this, t, { ...want }, tally, draws)) {
        draws = null;
        break;
      }
    }
    this.courierCache.set(key, { version: ledger.version, draws });
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
        pickupLocations: [],
      };
      this.bare.set(t, supply);
    }
    return supply;
  }
}
