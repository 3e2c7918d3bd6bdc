/**
 * The simulated world at one moment: engineers (where, what they hold, what is queued), tickets
 * (their clocks and committed supplies) and stock (on hand, reserved, on order). Dispatchers
 * change it only through `assign`, `setQueue`, `toPool` and `commitSupply`; the event loop in
 * simulate.ts moves time.
 */
import { createTravelModel, type TravelModel } from '../travel.ts';
import type { Calendar } from './calendar.ts';
import type { SimTicket } from './demand.ts';
import type { SimEngineer, SimNetwork, SimSku, SimulationInput, StockMovement } from './types.ts';

export interface Supply {
  sku: string;
  qty: number;
  /** A stock location id, or "van" (the executing engineer's van when committed). */
  from: string;
  via: 'van' | 'pickup' | 'courier';
  /** Van supplies: whose van. */
  vanOf?: string;
  unit: boolean;
}

export type TicketStatus = 'pool' | 'queued' | 'travelling' | 'onsite' | 'done';

export interface TicketState {
  t: SimTicket;
  status: TicketStatus;
  engineer: string | null;
  /** Null until a dispatcher commits where the parts and the unit come from. */
  supply: Supply[] | null;
  /** Planned arrival of the last part courier (the dispatcher's view). */
  partsCourierPlanned: number | null;
  partsCouriersPending: number;
  onsiteAt: number | null;
  startAt: number | null;
  endAt: number | null;
  unitAt: number | null;
  onsiteDue: number | null;
  unitDue: number | null;
}

export interface EngineerState {
  def: SimEngineer;
  location: string;
  queue: string[];
  current: string | null;
  /** When the current job is planned to end (the dispatcher's view). */
  plannedFreeAt: number;
  departedAt: number;
  shiftEndOfJob: number;
  busyMinutes: number;
  overtimeMinutes: number;
}

export interface Stock {
  onHand: number;
  reserved: number;
  onOrder: number;
}

const key = (location: string, sku: string): string => `${location}|${sku}`;

/** Up to this many locations (a demo network has 476) travel minutes are cached densely (8 MB at most). */
const MINUTES_CACHE_MAX_LOCATIONS = 1000;

export class SimState {
  now = 0;
  readonly tickets = new Map<string, TicketState>();
  readonly engineers: EngineerState[];
  readonly engineerById = new Map<string, EngineerState>();
  /** Tickets waiting for an engineer (or for stock), in arrival order. */
  readonly pool = new Set<string>();
  readonly stock = new Map<string, Stock>();
  /** The same stock records by location, then SKU: `available` without building a key string. */
  private readonly stockByLocation = new Map<string, Map<string, Stock>>();
  /** The same stock records by SKU (every location and van), for network-wide sums. */
  private readonly stockBySku = new Map<string, Stock[]>();
  readonly skus = new Map<string, SimSku>();
  /** SKU → the SKUs that may serve a need for it (itself and its superseders, transitively). */
  readonly fitting = new Map<string, string[]>();
  readonly travel: TravelModel;
  /** Driving minutes by location pair, filled as asked (dispatchers ask the same pairs all month). */
  private readonly minutesCache: Float64Array | null;
  readonly movements: StockMovement[] = [];
  /** location|sku → units issued per local day (the reorder policy's history). */
  readonly issuedByDay = new Map<string, number[]>();
  stockOuts = 0;
  /** Callbacks the event loop installs: schedule a courier arrival. */
  scheduleCourier: (at: number, ticket: string, from: string, unit: boolean) => void = () => {};

  constructor(
    readonly input: SimulationInput,
    readonly calendar: Calendar,
  ) {
    const network: SimNetwork = input.network;
    this.travel = createTravelModel(network);
    const n = this.travel.size;
    this.minutesCache = n <= MINUTES_CACHE_MAX_LOCATIONS ? new Float64Array(n * n).fill(NaN) : null;
    this.engineers = network.engineers.map((def) => ({
      def,
      location: def.home,
      queue: [],
      current: null,
      plannedFreeAt: 0,
      departedAt: 0,
      shiftEndOfJob: 0,
      busyMinutes: 0,
      overtimeMinutes: 0,
    }));
    for (const e of this.engineers) {
      this.engineerById.set(e.def.id, e);
      for (const [sku, qty] of Object.entries(e.def.vanStock ?? {}))
        this.stockAt(`van:${e.def.id}`, sku).onHand += qty;
    }
    for (const record of network.stock) this.stockAt(record.location, record.sku).onHand += record.qty;
    for (const sku of network.skus) this.skus.set(sku.sku, sku);
    const supersededBy = new Map<string, string[]>();
    for (const sku of network.skus)
      for (const old of sku.supersedes ?? [])
        supersededBy.set(old, [...(supersededBy.get(old) ?? []), sku.sku]);
    for (const sku of network.skus) {
      const seen = [sku.sku];
      for (let i = 0; i < seen.length; i++)
        for (const next of supersededBy.get(seen[i]!) ?? []) if (!seen.includes(next)) seen.push(next);
      this.fitting.set(sku.sku, seen);
    }
  }

  minutes(from: string, to: string): number {
    const a = this.travel.indexOf(from);
    const b = this.travel.indexOf(to);
    const cache = this.minutesCache;
    if (!cache) return this.travel.units(a, b) / 100;
    const k = a * this.travel.size + b;
    let value = cache[k]!;
    if (Number.isNaN(value)) {
      value = this.travel.units(a, b) / 100;
      cache[k] = value;
    }
    return value;
  }

  stockAt(location: string, sku: string): Stock {
    const k = key(location, sku);
    let s = this.stock.get(k);
    if (!s) {
      s = { onHand: 0, reserved: 0, onOrder: 0 };
      this.stock.set(k, s);
      const atLocation = this.stockByLocation.get(location);
      if (atLocation) atLocation.set(sku, s);
      else this.stockByLocation.set(location, new Map([[sku, s]]));
      const holders = this.stockBySku.get(sku);
      if (holders) holders.push(s);
      else this.stockBySku.set(sku, [s]);
    }
    return s;
  }

  /** Units of `sku` available anywhere (stock locations and vans): on hand less reserved. */
  availableAnywhere(sku: string): number {
    let total = 0;
    for (const s of this.stockBySku.get(sku) ?? []) total += s.onHand - s.reserved;
    return total;
  }

  available(location: string, sku: string): number {
    const s = this.stockByLocation.get(location)?.get(sku);
    return s ? s.onHand - s.reserved : 0;
  }

  /** SKUs of kind unit that serve a spare-unit need for `model`. */
  unitSkus(model: string): readonly string[] {
    let skus = this.unitSkusByModel.get(model);
    if (!skus) {
      const out: string[] = [];
      for (const sku of this.skus.values())
        if (sku.kind === 'unit' && sku.model === model)
          for (const f of this.fitting.get(sku.sku) ?? []) out.push(f);
      skus = [...new Set(out)];
      this.unitSkusByModel.set(model, skus);
    }
    return skus;
  }
  /** `unitSkus` by model (the catalog does not change during a run). */
  private readonly unitSkusByModel = new Map<string, readonly string[]>();

  /** Reserves what a dispatcher chose and sends the couriers now. Throws if the stock is not there. */
  commitSupply(ticketId: string, supply: Supply[]): void {
    const ts = this.ticket(ticketId);
    if (ts.supply) throw new Error(`ticket ${ticketId} already has its supply`);
    const courierFrom = new Set<string>();
    for (const s of supply) {
      const location = s.via === 'van' ? `van:${s.vanOf}` : s.from;
      const stock = this.stockAt(location, s.sku);
      if (stock.onHand - stock.reserved < s.qty)
        throw new Error(`not enough ${s.sku} at ${location} for ticket ${ticketId}`);
      stock.reserved += s.qty;
      if (s.via === 'courier') {
        // The courier takes the stock off the shelf when it leaves.
        this.issue(location, s.sku, s.qty, ticketId);
        courierFrom.add(s.from);
      }
    }
    ts.supply = supply;
    const handling = this.input.network.courier?.handlingMinutes ?? 30;
    const speed = this.input.network.courier?.speedFactor ?? 1;
    // One courier trip per stock location, carrying parts and the unit together (docs/solver.md).
    for (const from of courierFrom.keys()) {
      const carriesParts = supply.some((s) => s.via === 'courier' && s.from === from && !s.unit);
      const carriesUnit = supply.some((s) => s.via === 'courier' && s.from === from && s.unit);
      const planned = this.now + handling + this.minutes(from, ts.t.site) / speed;
      if (carriesParts) {
        ts.partsCouriersPending += 1;
        ts.partsCourierPlanned = Math.max(ts.partsCourierPlanned ?? 0, planned);
      }
      this.scheduleCourier(planned + ts.t.courierDelayMinutes, ticketId, from, carriesUnit);
    }
  }

  /** Takes reserved stock off the shelf (pickup, courier departure, van use at the site). */
  issue(location: string, sku: string, qty: number, ticket: string): void {
    const stock = this.stockAt(location, sku);
    if (stock.reserved < qty || stock.onHand < qty)
      throw new Error(`issue of unreserved ${sku} at ${location}`);
    stock.reserved -= qty;
    stock.onHand -= qty;
    this.movements.push({ at: this.now, location, sku, qty: -qty, kind: 'issue', ticket });
    if (!location.startsWith('van:')) {
      const k = key(location, sku);
      const days = this.issuedByDay.get(k) ?? [];
      const day = Math.max(0, this.calendar.dayOf(this.now));
      while (days.length <= day) days.push(0);
      days[day]! += qty;
      this.issuedByDay.set(k, days);
    }
  }

  receive(location: string, sku: string, qty: number): void {
    const stock = this.stockAt(location, sku);
    stock.onHand += qty;
    stock.onOrder -= qty;
    this.movements.push({ at: this.now, location, sku, qty, kind: 'receipt' });
  }

  ticket(id: string): TicketState {
    const ts = this.tickets.get(id);
    if (!ts) throw new Error(`unknown ticket ${id}`);
    return ts;
  }

  /** Puts a ticket in an engineer's queue at `index` (end by default). */
  assign(ticketId: string, engineerId: string, index?: number): void {
    const ts = this.ticket(ticketId);
    const e = this.engineerById.get(engineerId)!;
    this.detach(ts);
    ts.status = 'queued';
    ts.engineer = engineerId;
    e.queue.splice(index ?? e.queue.length, 0, ticketId);
  }

  /** Makes `ticketIds` (a re-plan's route) the head of an engineer's queue, taking them from wherever they were. */
  setQueue(engineerId: string, ticketIds: string[]): void {
    const e = this.engineerById.get(engineerId)!;
    for (const id of ticketIds) this.detach(this.ticket(id));
    const rest = e.queue.filter((id) => !ticketIds.includes(id));
    e.queue.length = 0;
    e.queue.push(...ticketIds, ...rest);
    for (const id of ticketIds) {
      const ts = this.ticket(id);
      ts.status = 'queued';
      ts.engineer = engineerId;
    }
  }

  toPool(ticketId: string): void {
    const ts = this.ticket(ticketId);
    this.detach(ts);
    ts.status = 'pool';
    ts.engineer = null;
    this.pool.add(ticketId);
  }

  private detach(ts: TicketState): void {
    if (ts.status !== 'pool' && ts.status !== 'queued')
      throw new Error(`ticket ${ts.t.id} is already ${ts.status}`);
    this.pool.delete(ts.t.id);
    if (ts.engineer) {
      const e = this.engineerById.get(ts.engineer)!;
      const i = e.queue.indexOf(ts.t.id);
      if (i >= 0) e.queue.splice(i, 1);
    }
  }

  /** Is the engineer qualified for the ticket's skill at its level? */
  qualified(e: EngineerState, t: SimTicket): boolean {
    return (e.def.skills[t.skill] ?? 0) >= t.minSkillLevel;
  }

  stockValue(): number {
    let value = 0;
    for (const [k, s] of this.stock) {
      if (k.startsWith('van:')) continue;
      value += s.onHand * (this.skus.get(k.slice(k.indexOf('|') + 1))?.unitCost ?? 0);
    }
    return value;
  }
}
