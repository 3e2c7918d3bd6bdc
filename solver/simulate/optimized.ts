/**
 * The real dispatcher in the loop: on arrival, today's routes (the engineers' queues, pinned) are
 * prepared with `prepareCandidates` and the new ticket goes to the best-ranked candidate; every
 * `replanEveryMinutes` the queued and waiting tickets are re-planned by `solve` in plan mode with
 * an iteration cap and a seed of their own, so the run is deterministic on any machine.
 *
 * Work in progress is not in the problem: the engineer starts at that job's site when it is
 * planned to end (a pin would restart the trip at `now`). A ticket's stock is committed when it is
 * first assigned and never re-sourced; a committed van supply pins the ticket to that engineer,
 * and parts on a courier hold the work back (`earliestStart`) until they are planned to arrive.
 */
import { prepareCandidates } from '../candidates/prepare.ts';
import type { PartSupply, Plan, UnitSupply } from '../plan.schema.ts';
import type { Engineer, Problem, Sku, StockRecord, Ticket } from '../problem.schema.ts';
import { solve } from '../solve.ts';
import { unitsToIso } from '../units.ts';
import type { Dispatcher } from './simulate.ts';
import type { EngineerState, SimState, Supply, TicketState } from './state.ts';
import type { StreamFactory } from './streams.ts';

export function createOptimized(
  state: SimState,
  streams: StreamFactory,
  calls: { rank: number; replan: number },
  startNext: (e: EngineerState) => void,
): Dispatcher {
  const { network } = state.input;
  const iso = (minute: number): string =>
    unitsToIso(Math.round(minute * 100), state.calendar.startMs, state.calendar.offsetMinutes);
  const skus: Sku[] = network.skus.map((s) => ({
    sku: s.sku,
    kind: s.kind,
    model: s.model,
    fits: s.fits ?? [],
    supersedes: s.supersedes ?? [],
  }));

  const engineersNow = (): Engineer[] =>
    state.engineers.map((e) => {
      const shift = state.calendar.nextShift(e.def, state.now) ?? { from: state.now, to: state.now };
      const busy = e.current !== null;
      const start = busy ? state.ticket(e.current!).t.site : shift.from > state.now ? e.def.home : e.location;
      const freeAt = Math.max(state.now, shift.from, busy ? e.plannedFreeAt : state.now);
      const vanStock: Record<string, number> = {};
      for (const sku of state.skus.keys()) {
        const qty = state.available(`van:${e.def.id}`, sku);
        if (qty > 0) vanStock[sku] = qty;
      }
      return {
        id: e.def.id,
        start,
        availableFrom: iso(Math.min(freeAt, shift.to)),
        shiftEnd: iso(shift.to),
        skills: e.def.skills,
        vanStock,
      };
    });

  const stockNow = (): StockRecord[] => {
    const records: StockRecord[] = [];
    for (const [k, s] of state.stock) {
      if (k.startsWith('van:') || s.onHand - s.reserved <= 0) continue;
      const [location, sku] = k.split('|') as [string, string];
      records.push({ location, sku, qty: s.onHand - s.reserved });
    }
    return records;
  };

  const asTicket = (ts: TicketState, pinQueued: boolean): Ticket => {
    const { t } = ts;
    const committed = ts.supply !== null;
    const vanOf = ts.supply?.find((s) => s.via === 'van')?.vanOf;
    const pinTo = vanOf ?? (pinQueued && ts.status === 'queued' ? ts.engineer : null);
    const courierWait = ts.partsCourierPlanned !== null && ts.partsCourierPlanned > state.now;
    return {
      id: t.id,
      site: t.site,
      level: t.level,
      tier: t.tier,
      skill: t.skill,
      minSkillLevel: t.minSkillLevel,
      serviceMinutes: t.serviceMinutes,
      parts: committed ? [] : t.parts,
      spareUnit: committed ? null : t.spareUnit,
      due: {
        onsite: ts.onsiteDue === null ? null : iso(ts.onsiteDue),
        spareUnit: committed || ts.unitDue === null ? null : iso(ts.unitDue),
      },
      load: 0,
      earliestStart: courierWait ? iso(ts.partsCourierPlanned!) : null,
      pin: pinTo ? { engineer: pinTo, first: false } : null,
      previousEngineer: ts.status === 'queued' ? ts.engineer : null,
    };
  };

  const locationById = new Map(network.locations.map((l) => [l.id, l]));
  // Only the locations the problem refers to: the solver's travel cache is dense over them, and a
  // national network has hundreds of sites with no open ticket.
  const problemOf = (tickets: TicketState[], pinQueued: boolean, seed: number): Problem => {
    const engineers = engineersNow();
    const stock = stockNow();
    const used = new Set<string>([
      ...engineers.map((e) => e.start),
      ...stock.map((r) => r.location),
      ...tickets.map((ts) => ts.t.site),
    ]);
    return {
      now: iso(state.now),
      locations: network.locations.filter((l) => used.has(l.id)),
      engineers,
      stock,
      skus,
      tickets: tickets.map((ts) => asTicket(ts, pinQueued)),
      travel: network.travel,
      courier: network.courier,
      weights: network.weights ?? { level: [1_000_000, 1000, 1], tier: { A: 3, B: 2, C: 1 } },
      options: { timeLimitMs: 3_600_000, seed, mode: 'plan', maxCandidates: 1, coverageMinutes: 240 },
    };
  };

  const queuedTickets = (): TicketState[] =>
    state.engineers.flatMap((e) => e.queue.map((id) => state.ticket(id)));

  const toSupply = (parts: PartSupply[], unit: UnitSupply | null | undefined, engineer: string): Supply[] => [
    ...parts.map((p) => ({
      sku: p.sku,
      qty: p.qty,
      from: p.from,
      via: p.via,
      unit: false,
      ...(p.via === 'van' ? { vanOf: engineer } : {}),
    })),
    ...(unit ? [{ sku: unit.sku, qty: 1, from: unit.from, via: unit.via, unit: true }] : []),
  ];

  const ticketOrder = (plan: Plan, engineer: string): string[] =>
    (plan.routes.find((r) => r.engineer === engineer)?.stops ?? []).flatMap((s) =>
      s.type === 'ticket' ? [s.ticket] : [],
    );

  // A re-plan of an unchanged world (no arrival, no job done, no stock, no shift start since the
  // last one) is skipped: it is what keeps nights cheap.
  let changed = true;

  return {
    onArrival(ticketId) {
      changed = true;
      const ts = state.ticket(ticketId);
      const day = prepareCandidates(problemOf(queuedTickets(), true, 1));
      calls.rank += 1;
      const known = day.problem.locations.some((l) => l.id === ts.t.site);
      const plan = day.rank({
        ticket: asTicket(ts, false),
        locations: known ? [] : [locationById.get(ts.t.site)!],
      });
      const best = plan.candidates?.[0];
      if (!best) return; // waits in the pool for the next re-plan
      // The candidate's position counts every stop of the day's route, pickups included.
      const stops = plan.routes.find((r) => r.engineer === best.engineer)?.stops ?? [];
      const before = stops.slice(0, best.position).filter((s) => s.type === 'ticket').length;
      const order = ticketOrder(plan, best.engineer);
      const e = state.engineerById.get(best.engineer)!;
      state.commitSupply(ticketId, toSupply(best.parts, best.spareUnit, best.engineer));
      state.setQueue(best.engineer, [
        ...order.filter((id) => e.queue.includes(id)),
        ...e.queue.filter((id) => !order.includes(id)),
      ]);
      state.assign(ticketId, best.engineer, before);
      startNext(e);
    },
    onEngineerFree() {
      // Queues are the plan; the engineer simply goes on with the next stop.
      changed = true;
    },
    onStockReceived() {
      // The next re-plan sees the new stock.
      changed = true;
    },
    onReplan() {
      if (!changed) return;
      changed = false;
      const open = [...queuedTickets(), ...[...state.pool].map((id) => state.ticket(id))];
      if (open.length === 0) return;
      const seed = streams('replan', calls.replan).int(2 ** 31);
      calls.replan += 1;
      const iterations = state.input.dispatch.replanIterations ?? 50;
      const plan = solve(problemOf(open, false, seed), { now: () => 0, maxIterations: iterations });
      const byTicket = new Map(plan.assignments.map((a) => [a.ticket, a]));
      for (const ts of open) {
        const a = byTicket.get(ts.t.id);
        if (!a) {
          if (ts.status === 'queued') state.toPool(ts.t.id);
        } else if (!ts.supply) {
          state.commitSupply(ts.t.id, toSupply(a.parts, a.spareUnit, a.engineer));
        }
      }
      for (const e of state.engineers) {
        const order = ticketOrder(plan, e.def.id);
        if (order.length > 0) state.setQueue(e.def.id, order);
      }
      for (const e of state.engineers) startNext(e);
    },
  };
}
