import type { Cost } from './cost.ts';
import { createCoverageIndex, type CoverageIndex } from './coverage.ts';
import type { EngineerIndex } from './engineer-index.ts';
import type { Insertion } from './insertion.ts';
import { Journal } from './journal.ts';
import { Ledger } from './ledger.ts';
import type { Model } from './model.ts';
import { buildRoute, emptyRoute, type SupplyOf } from './route.ts';
import { SupplyIndex } from './supply-index.ts';
import { createTicketNeighbours, type TicketNeighbours } from './ticket-neighbours.ts';
import type { Route, TicketSupply } from './types.ts';

/** Everything needed to put a state back as it was (the best plan so far). */
export interface StateSnapshot {
  readonly routes: readonly Route[];
  readonly engineerOf: Int32Array;
  readonly supplies: readonly (TicketSupply | null)[];
  readonly ledger: ReturnType<Ledger['snapshot']>;
  readonly totals: Totals;
}

interface Totals {
  missed: number;
  late: number;
  travel: number;
  moved: number;
}

/**
 * The search's one mutable solution: routes, who serves what with which supply, the stock ledger,
 * and the objective kept up to date on every change. Changes go through `insert` and `remove`,
 * which record their undo in the journal, so a move is tried for real and rolled back if it does
 * not pay.
 */
export class SearchState {
  readonly journal = new Journal();
  readonly ledger: Ledger;
  readonly supplyIndex: SupplyIndex;
  readonly neighbours: TicketNeighbours;
  readonly routes: Route[];
  readonly engineerOf: Int32Array;
  readonly supplies: (TicketSupply | null)[];
  private totals: Totals;

  readonly supplyOf: SupplyOf = (t) => {
    const supply = this.supplies[t];
    if (!supply) throw new Error(`ticket ${t} has no supply`);
    return supply;
  };

  constructor(
    readonly model: Model,
    readonly engineers: EngineerIndex,
    /** Candidates mode passes the day's, whose answers are already known. */
    coverage: CoverageIndex = createCoverageIndex(model),
  ) {
    this.ledger = new Ledger(model, coverage, this.journal);
    this.supplyIndex = new SupplyIndex(model);
    this.neighbours = createTicketNeighbours(model);
    this.routes = Array.from({ length: model.engineerCount }, (_, e) => emptyRoute(model, e));
    this.engineerOf = new Int32Array(model.ticketCount).fill(-1);
    this.supplies = new Array<TicketSupply | null>(model.ticketCount).fill(null);
    let missed = 0;
    for (let t = 0; t < model.ticketCount; t++) missed += model.tPenalty[t]!;
    this.totals = { missed, late: 0, travel: 0, moved: 0 };
  }

  objective(): Cost {
    const { missed, late, travel, moved } = this.totals;
    return { missed, late, travel, coverage: this.ledger.coverageTaken, moved };
  }

  /** Whether the insertion was computed on the current route and its stock is still there. */
  isCurrent(insertion: Insertion): boolean {
    if (this.routes[insertion.engineer] !== insertion.route || this.engineerOf[insertion.ticket]! >= 0)
      return false;
    const needed = new Map<number, number>();
    for (const draw of insertion.supply.draws) needed.set(draw.slot, (needed.get(draw.slot) ?? 0) + draw.qty);
    let coverage = 0;
    for (const [slot, qty] of needed) {
      if (this.ledger.remaining[slot]! < qty) return false;
      if (this.ledger.wouldEmptySoleCover(slot, qty)) coverage++;
    }
    return coverage === insertion.delta.coverage;
  }

  /** Applies an insertion; false (and nothing changed) when it is stale or the route breaks. */
  insert(insertion: Insertion): boolean {
    if (!this.isCurrent(insertion)) return false;
    const { ticket: t, engineer: e, route, position, pickups, pickupPosition } = insertion;
    const locs = [...route.locs];
    const tickets = [...route.tickets];
    locs.splice(position, 0, this.model.tSite[t]!);
    tickets.splice(position, 0, t);
    if (pickups.length > 0) {
      locs.splice(pickupPosition, 0, ...pickups);
      tickets.splice(pickupPosition, 0, ...pickups.map(() => -1));
    }
    this.setSupply(t, insertion.supply);
    const next = buildRoute(this.model, e, locs, tickets, this.supplyOf);
    if (!next) {
      this.setSupply(t, null);
      return false;
    }
    for (const draw of insertion.supply.draws) this.ledger.draw(draw.slot, draw.qty);
    this.setEngineer(t, e);
    this.setRoute(e, next);
    return true;
  }

  /**
   * Gives an engineer with no stops a whole route at once, its tickets with their supplies (a part
   * of a partitioned problem solved on its own, solve-partitioned.ts); false (nothing changed)
   * when a hard rule breaks or the stock is no longer there.
   */
  adopt(
    e: number,
    locs: readonly number[],
    tickets: readonly number[],
    supplies: ReadonlyMap<number, TicketSupply>,
  ): boolean {
    if (this.routes[e]!.locs.length > 0) return false;
    const needed = new Map<number, number>();
    for (const supply of supplies.values())
      for (const draw of supply.draws) needed.set(draw.slot, (needed.get(draw.slot) ?? 0) + draw.qty);
    for (const [slot, qty] of needed) if (this.ledger.remaining[slot]! < qty) return false;
    for (const t of tickets) if (t >= 0 && (this.engineerOf[t]! >= 0 || !supplies.has(t))) return false;
    const next = buildRoute(this.model, e, locs, tickets, (t) => supplies.get(t)!);
    if (!next) return false;
    for (const [t, supply] of supplies) {
      this.setSupply(t, supply);
      this.setEngineer(t, e);
    }
    for (const [slot, qty] of needed) this.ledger.draw(slot, qty);
    this.setRoute(e, next);
    return true;
  }

  /** Takes a ticket off its route (and its pickup stops where nothing else draws). */
  remove(t: number): boolean {
    const e = this.engineerOf[t]!;
    if (e < 0) return false;
    const route = this.routes[e]!;
    const supply = this.supplyOf(t);
    const keep = route.tickets.map((other) => other !== t);
    for (const location of supply.pickupLocations) {
      const shared = route.tickets.some(
        (other) => other >= 0 && other !== t && this.supplies[other]!.pickupLocations.includes(location),
      );
      if (shared) continue;
      route.locs.forEach((loc, i) => {
        if (route.tickets[i]! < 0 && loc === location) keep[i] = false;
      });
    }
    const locs = route.locs.filter((_, i) => keep[i]);
    const tickets = route.tickets.filter((_, i) => keep[i]);
    const next = buildRoute(this.model, e, locs, tickets, this.supplyOf);
    if (!next) return false;
    for (const draw of supply.draws) this.ledger.release(draw.slot, draw.qty);
    this.setEngineer(t, -1);
    this.setSupply(t, null);
    this.setRoute(e, next);
    return true;
  }

  /**
   * Replaces an engineer's stop sequence by another order of the same stops (tickets keep their
   * supplies); false (nothing changed) when a hard rule breaks or a ticket would come before a
   * pickup it draws from.
   */
  reorder(e: number, locs: readonly number[], tickets: readonly number[]): boolean {
    if (!pickupsComeFirst(this, locs, tickets)) return false;
    const next = buildRoute(this.model, e, locs, tickets, this.supplyOf);
    if (!next) return false;
    this.setRoute(e, next);
    return true;
  }

  assignedTickets(): number[] {
    const result: number[] = [];
    for (let t = 0; t < this.model.ticketCount; t++) if (this.engineerOf[t]! >= 0) result.push(t);
    return result;
  }

  snapshot(): StateSnapshot {
    return {
      routes: [...this.routes],
      engineerOf: this.engineerOf.slice(),
      supplies: [...this.supplies],
      ledger: this.ledger.snapshot(),
      totals: { ...this.totals },
    };
  }

  restore(snapshot: StateSnapshot): void {
    if (this.journal.open) throw new Error('cannot restore during a trial');
    this.routes.splice(0, this.routes.length, ...snapshot.routes);
    this.engineerOf.set(snapshot.engineerOf);
    this.supplies.splice(0, this.supplies.length, ...snapshot.supplies);
    this.ledger.restore(snapshot.ledger);
    this.totals = { ...snapshot.totals };
  }

  private setRoute(e: number, next: Route): void {
    const before = this.routes[e]!;
    this.routes[e] = next;
    this.totals.missed += next.missed - before.missed;
    this.totals.late += next.late - before.late;
    this.totals.travel += next.travel + next.courier - before.travel - before.courier;
    this.journal.record(() => this.setRoute(e, before));
  }

  private setEngineer(t: number, e: number): void {
    const before = this.engineerOf[t]!;
    if (before === e) return;
    this.engineerOf[t] = e;
    const penalty = this.model.tPenalty[t]!;
    if (before < 0) this.totals.missed -= penalty;
    if (e < 0) this.totals.missed += penalty;
    const previous = this.model.tPrevious[t]!;
    if (previous >= 0)
      this.totals.moved += (e >= 0 && e !== previous ? 1 : 0) - (before >= 0 && before !== previous ? 1 : 0);
    this.journal.record(() => this.setEngineer(t, before));
  }

  private setSupply(t: number, supply: TicketSupply | null): void {
    const before = this.supplies[t]!;
    this.supplies[t] = supply;
    this.journal.record(() => this.setSupply(t, before));
  }
}

/** Whether every ticket of the sequence comes after the pickup stops it draws from. */
function pickupsComeFirst(state: SearchState, locs: readonly number[], tickets: readonly number[]): boolean {
  for (let i = 0; i < tickets.length; i++) {
    const t = tickets[i]!;
    if (t < 0) continue;
    for (const location of state.supplyOf(t).pickupLocations) {
      let before = false;
      for (let j = 0; j < i && !before; j++) before = tickets[j]! < 0 && locs[j] === location;
      if (!before) return false;
    }
  }
  return true;
}
