/**
 * The "no optimisation" dispatcher planners compare against: a new ticket goes to the nearest
 * free qualified engineer within `REGION_LINK_MINUTES` of driving (idle, on shift, able to finish
 * the planned job before the shift ends, as the real dispatcher plans); parts come from
 * the engineer's van, else the nearest stock location holding them (picked up on the way); a
 * spare unit from the stock location nearest the site, by courier where there is one. Tickets no
 * one can take wait, most urgent level first, for the next engineer to come free.
 */
import type { Dispatcher } from './simulate.ts';
import { PICKUP_MINUTES } from '../units.ts';
import { REGION_LINK_MINUTES } from './regions.ts';
import type { EngineerState, SimState, Supply, TicketState } from './state.ts';

export function createNearestFree(state: SimState, startNext: (e: EngineerState) => void): Dispatcher {
  const stockLocations = state.input.network.locations.filter((l) => l.kind !== 'site').map((l) => l.id);

  const isFree = (e: EngineerState): { to: number } | null => {
    if (e.current !== null || e.queue.length > 0) return null;
    const shift = state.calendar.nextShift(e.def, state.now);
    return shift && shift.from <= state.now ? shift : null;
  };

  /** Nearest source holding the whole quantity of one of `skus`, or null. */
  const nearest = (
    skus: readonly string[],
    qty: number,
    from: string,
  ): { location: string; sku: string } | null => {
    let best: { location: string; sku: string; minutes: number } | null = null;
    for (const location of stockLocations)
      for (const sku of skus) {
        if (state.available(location, sku) < qty) continue;
        const minutes = state.minutes(from, location);
        if (!best || minutes < best.minutes) best = { location, sku, minutes };
      }
    return best;
  };

  const source = (e: EngineerState, ticketId: string): Supply[] | null => {
    const { t } = state.ticket(ticketId);
    const supply: Supply[] = [];
    const van = `van:${e.def.id}`;
    for (const need of t.parts) {
      const skus = state.fitting.get(need.sku) ?? [need.sku];
      const inVan = skus.find((sku) => state.available(van, sku) >= need.qty);
      if (inVan) {
        supply.push({ sku: inVan, qty: need.qty, from: 'van', via: 'van', vanOf: e.def.id, unit: false });
        continue;
      }
      const found = nearest(skus, need.qty, e.location);
      if (!found) return null;
      supply.push({ sku: found.sku, qty: need.qty, from: found.location, via: 'pickup', unit: false });
    }
    if (t.spareUnit) {
      const found = nearest(state.unitSkus(t.spareUnit.model), 1, t.site);
      if (!found) return null;
      const via = state.input.network.courier ? 'courier' : 'pickup';
      supply.push({ sku: found.sku, qty: 1, from: found.location, via, unit: true });
    }
    // Two needs may have picked the same shelf: check the sum.
    const sums = new Map<string, number>();
    for (const s of supply) {
      const k = `${s.via === 'van' ? van : s.from}|${s.sku}`;
      sums.set(k, (sums.get(k) ?? 0) + s.qty);
    }
    for (const [k, qty] of sums) {
      const [location, sku] = k.split('|') as [string, string];
      if (state.available(location, sku) < qty) return null;
    }
    return supply;
  };

  /**
   * When the job would be done if the engineer left now: via each pickup (10 min each), then the
   * planned service. A job is given only if that is within the shift, the rule the real
   * dispatcher plans by (docs/solver.md: every ticket's end ≤ shiftEnd); overtime then comes only
   * from work that takes longer than planned, for both dispatchers alike.
   */
  const plannedEnd = (e: EngineerState, ts: TicketState, supply: readonly Supply[]): number => {
    let at = state.now;
    let here = e.location;
    for (const location of new Set(supply.filter((s) => s.via === 'pickup').map((s) => s.from))) {
      at += state.minutes(here, location) + PICKUP_MINUTES;
      here = location;
    }
    return at + state.minutes(here, ts.t.site) + ts.t.serviceMinutes;
  };

  const tryGive = (e: EngineerState, ts: TicketState, shiftEnd: number): boolean => {
    const ticketId = ts.t.id;
    if (!state.qualified(e, ts.t) || state.now + ts.t.serviceMinutes > shiftEnd) return false;
    const travel = state.minutes(e.location, ts.t.site);
    // Local work only: without this a freed engineer drove 7 h to another city for the most
    // urgent ticket there while its own city's tickets waited (34.8 % of promises kept on the
    // 10,000-ticket month against 51.8 % with the bound, 120 or 240 min alike).
    if (travel > REGION_LINK_MINUTES) return false;
    if (state.now + travel + ts.t.serviceMinutes > shiftEnd) return false;
    const supply = ts.supply ? ts.supply : source(e, ticketId);
    if (!supply || plannedEnd(e, ts, supply) > shiftEnd) return false;
    if (!ts.supply) state.commitSupply(ticketId, supply);
    state.assign(ticketId, e.def.id);
    startNext(e);
    return true;
  };

  /**
   * The pool in the order a freed engineer looks at it (level, then arrival), kept sorted as
   * tickets come in instead of sorted at every freed engineer (a saturated month has thousands
   * waiting). A ticket leaves the pool only by being given, here or on arrival.
   */
  const waiting: TicketState[] = [];
  const urgentFirst = (x: TicketState, y: TicketState): number =>
    x.t.level - y.t.level || x.t.index - y.t.index;
  const addWaiting = (ts: TicketState): void => {
    let lo = 0;
    let hi = waiting.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (urgentFirst(waiting[mid]!, ts) < 0) lo = mid + 1;
      else hi = mid;
    }
    waiting.splice(lo, 0, ts);
  };

  const onEngineerFree = (e: EngineerState): void => {
    const shift = isFree(e);
    if (!shift) return;
    let given = -1;
    for (let i = 0; i < waiting.length && given < 0; i++) {
      const ts = waiting[i]!;
      if (tryGive(e, ts, shift.to)) given = i;
    }
    if (given >= 0) waiting.splice(given, 1);
  };

  return {
    onArrival(ticketId) {
      const { t } = state.ticket(ticketId);
      const free = state.engineers
        .map((e) => ({ e, shift: isFree(e) }))
        .filter((x) => x.shift !== null && state.qualified(x.e, t))
        .map((x) => ({ ...x, minutes: state.minutes(x.e.location, t.site) }))
        .sort((a, b) => a.minutes - b.minutes || (a.e.def.id < b.e.def.id ? -1 : 1));
      // The nearest free engineer only: if the parts or the shift rule it out, the ticket waits.
      const first = free[0];
      if (!first || !tryGive(first.e, state.ticket(ticketId), first.shift!.to))
        addWaiting(state.ticket(ticketId));
    },
    onEngineerFree,
    onStockReceived() {
      for (const e of state.engineers) onEngineerFree(e);
    },
  };
}
