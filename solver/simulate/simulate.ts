/**
 * The discrete-event simulation: a priority queue of events (ticket arrival, shift start, pickup,
 * engineer on site, service end, courier delivery, replenishment receipt, nightly review, re-plan)
 * over `input.days`. Engineers work their queues in order; the dispatcher (optimized.ts or
 * nearest-free.ts) decides who goes and where stock comes from. Pure and seeded: the same input,
 * seed and replication give the same result object.
 */
import { createCalendar } from './calendar.ts';
import { generateTickets } from './demand.ts';
import { EventQueue } from './event-queue.ts';
import { computeKpis } from './kpis.ts';
import { createNearestFree } from './nearest-free.ts';
import { createOptimized } from './optimized.ts';
import { nightlyReview } from './replenish.ts';
import { SimState, type EngineerState } from './state.ts';
import { streamFactory } from './streams.ts';
import type { SimulationInput, SimulationOptions, SimulationResult } from './types.ts';
import { PICKUP_MINUTES } from '../units.ts';

export type SimEvent =
  | { kind: 'arrival'; ticket: string }
  | { kind: 'shiftStart'; engineer: string }
  | { kind: 'pickup'; engineer: string; ticket: string; location: string }
  | { kind: 'onsite'; engineer: string; ticket: string }
  | { kind: 'serviceEnd'; engineer: string; ticket: string }
  | { kind: 'courier'; ticket: string; from: string; unit: boolean }
  | { kind: 'receipt'; location: string; sku: string; qty: number }
  | { kind: 'review'; day: number }
  | { kind: 'replan' };

/** What a dispatch policy does at the moments the simulation offers it. */
export interface Dispatcher {
  onArrival(ticketId: string): void;
  /** An engineer finished a job or started a shift. */
  onEngineerFree(engineer: EngineerState): void;
  /** Stock arrived: tickets waiting for it may go now. */
  onStockReceived(): void;
  /** Periodic re-plan (optimized only). */
  onReplan?(): void;
}

export function simulate(input: SimulationInput, options: SimulationOptions): SimulationResult {
  const calendar = createCalendar(input.start);
  const streams = streamFactory(options.seed, options.replication);
  const state = new SimState(input, calendar);
  const horizon = input.days * 1440;
  const queue = new EventQueue<SimEvent>();
  state.scheduleCourier = (at, ticket, from, unit) => queue.push(at, { kind: 'courier', ticket, from, unit });
  const solverCalls = { rank: 0, replan: 0 };
  const dispatcher: Dispatcher =
    input.dispatch.policy === 'optimized'
      ? createOptimized(state, streams, solverCalls, (e) => startNext(e))
      : createNearestFree(state, (e) => startNext(e));

  const tickets = generateTickets(input, calendar, streams);
  for (const t of tickets) {
    const onsite = input.promises.onsiteMinutes[t.level][t.tier];
    const unit = input.promises.spareUnitMinutes[t.tier];
    state.tickets.set(t.id, {
      t,
      status: 'pool',
      engineer: null,
      supply: null,
      partsCourierPlanned: null,
      partsCouriersPending: 0,
      onsiteAt: null,
      startAt: null,
      endAt: null,
      unitAt: null,
      onsiteDue: onsite === null ? null : t.at + onsite,
      unitDue: t.spareUnit && unit !== null ? t.at + unit : null,
    });
    queue.push(t.at, { kind: 'arrival', ticket: t.id });
  }
  for (let d = 0; d <= input.days; d++) {
    for (const e of state.engineers) {
      const shift = calendar.shift(e.def, d);
      if (shift && shift.from >= 0 && shift.from < horizon)
        queue.push(shift.from, { kind: 'shiftStart', engineer: e.def.id });
    }
    if (d > 0 && calendar.dayStart(d) < horizon) queue.push(calendar.dayStart(d), { kind: 'review', day: d });
  }
  if (dispatcher.onReplan) {
    const every = input.dispatch.replanEveryMinutes ?? 60;
    for (let at = every; at < horizon; at += every) queue.push(at, { kind: 'replan' });
  }

  const stockValues: number[] = [];
  const purchases = { orders: 0, units: 0, value: 0 };
  let events = 0;

  /** Sends an idle engineer in shift to the first queued ticket it can reach before the shift ends. */
  function startNext(e: EngineerState): void {
    if (e.current !== null || e.queue.length === 0) return;
    const shift = calendar.nextShift(e.def, state.now);
    if (!shift || shift.from > state.now) return;
    const ts = state.ticket(e.queue[0]!);
    const pickups = [...new Set((ts.supply ?? []).filter((s) => s.via === 'pickup').map((s) => s.from))];
    let at = state.now;
    let here = e.location;
    const legs: { at: number; location: string }[] = [];
    for (const location of pickups) {
      at += state.minutes(here, location);
      legs.push({ at, location });
      at += PICKUP_MINUTES;
      here = location;
    }
    at += state.minutes(here, ts.t.site);
    if (at >= shift.to) return;
    e.queue.shift();
    e.current = ts.t.id;
    e.departedAt = state.now;
    e.shiftEndOfJob = shift.to;
    e.plannedFreeAt = Math.max(at, ts.partsCourierPlanned ?? 0) + ts.t.serviceMinutes;
    ts.status = 'travelling';
    for (const leg of legs)
      queue.push(leg.at, { kind: 'pickup', engineer: e.def.id, ticket: ts.t.id, location: leg.location });
    queue.push(at, { kind: 'onsite', engineer: e.def.id, ticket: ts.t.id });
  }

  function startService(ticketId: string): void {
    const ts = state.ticket(ticketId);
    for (const s of ts.supply ?? [])
      if (s.via === 'van') state.issue(`van:${s.vanOf}`, s.sku, s.qty, ticketId);
    ts.startAt = state.now;
    queue.push(state.now + ts.t.actualServiceMinutes, {
      kind: 'serviceEnd',
      engineer: ts.engineer!,
      ticket: ticketId,
    });
  }

  for (let next = queue.pop(); next && next.at < horizon; next = queue.pop()) {
    state.now = next.at;
    events += 1;
    const ev = next.event;
    switch (ev.kind) {
      case 'arrival': {
        countStockOuts(state, ev.ticket);
        state.pool.add(ev.ticket);
        dispatcher.onArrival(ev.ticket);
        break;
      }
      case 'shiftStart': {
        const e = state.engineerById.get(ev.engineer)!;
        if (e.current === null) e.location = e.def.home;
        dispatcher.onEngineerFree(e);
        startNext(e);
        break;
      }
      case 'pickup': {
        const ts = state.ticket(ev.ticket);
        for (const s of ts.supply ?? [])
          if (s.via === 'pickup' && s.from === ev.location) state.issue(s.from, s.sku, s.qty, ev.ticket);
        if (ts.supply?.some((s) => s.via === 'pickup' && s.unit && s.from === ev.location)) ts.unitAt = -1;
        break;
      }
      case 'onsite': {
        const e = state.engineerById.get(ev.engineer)!;
        const ts = state.ticket(ev.ticket);
        e.location = ts.t.site;
        ts.status = 'onsite';
        ts.onsiteAt = state.now;
        // A unit the engineer picked up arrives with the engineer.
        if (ts.unitAt === -1) ts.unitAt = state.now;
        if (ts.partsCouriersPending === 0) startService(ev.ticket);
        break;
      }
      case 'courier': {
        const ts = state.ticket(ev.ticket);
        if (ev.unit && ts.unitAt === null) ts.unitAt = state.now;
        const carriesParts = (ts.supply ?? []).some(
          (s) => s.via === 'courier' && s.from === ev.from && !s.unit,
        );
        if (carriesParts) {
          ts.partsCouriersPending -= 1;
          if (ts.partsCouriersPending === 0 && ts.status === 'onsite' && ts.startAt === null)
            startService(ev.ticket);
        }
        break;
      }
      case 'serviceEnd': {
        const e = state.engineerById.get(ev.engineer)!;
        const ts = state.ticket(ev.ticket);
        ts.status = 'done';
        ts.endAt = state.now;
        e.current = null;
        e.busyMinutes += state.now - e.departedAt;
        e.overtimeMinutes += Math.max(0, state.now - e.shiftEndOfJob);
        dispatcher.onEngineerFree(e);
        startNext(e);
        break;
      }
      case 'receipt': {
        state.receive(ev.location, ev.sku, ev.qty);
        dispatcher.onStockReceived();
        break;
      }
      case 'review': {
        options.onProgress?.(ev.day, input.days);
        stockValues.push(state.stockValue());
        if (input.reorder) {
          const orders = nightlyReview(state, input.reorder, ev.day, streams);
          for (const order of orders) {
            purchases.orders += 1;
            purchases.units += order.qty;
            purchases.value += order.qty * (state.skus.get(order.sku)?.unitCost ?? 0);
            queue.push(order.arrivesAt, {
              kind: 'receipt',
              location: order.location,
              sku: order.sku,
              qty: order.qty,
            });
          }
        }
        break;
      }
      case 'replan': {
        dispatcher.onReplan?.();
        break;
      }
    }
  }
  state.now = horizon;
  if (stockValues.length === 0) stockValues.push(state.stockValue());

  const shiftMinutes = state.engineers.reduce((sum, e) => {
    let total = 0;
    for (let d = -1; d <= input.days; d++) {
      const s = calendar.shift(e.def, d);
      if (s) total += Math.max(0, Math.min(s.to, horizon) - Math.max(s.from, 0));
    }
    return sum + total;
  }, 0);
  const kpis = computeKpis(state, { horizon, shiftMinutes, stockValues, purchases });
  const outcomes = [...state.tickets.values()].map((ts) => ({
    id: ts.t.id,
    level: ts.t.level,
    tier: ts.t.tier,
    arrivedAt: ts.t.at,
    engineer: ts.engineer,
    onsiteAt: ts.onsiteAt,
    endAt: ts.endAt,
    unitAt: ts.unitAt !== null && ts.unitAt >= 0 ? ts.unitAt : null,
    onsiteDue: ts.onsiteDue,
    unitDue: ts.unitDue,
  }));
  options.onProgress?.(input.days, input.days);
  return { kpis, tickets: outcomes, movements: state.movements, events, solverCalls };
}

/** A need that no stock in the network (stock locations and vans) could cover when the ticket came in. */
function countStockOuts(state: SimState, ticketId: string): void {
  const { t } = state.ticket(ticketId);
  const availableOf = (skus: readonly string[]): number =>
    skus.reduce((total, sku) => total + state.availableAnywhere(sku), 0);
  for (const need of t.parts)
    if (availableOf(state.fitting.get(need.sku) ?? [need.sku]) < need.qty) state.stockOuts += 1;
  if (t.spareUnit && availableOf(state.unitSkus(t.spareUnit.model)) < 1) state.stockOuts += 1;
}
