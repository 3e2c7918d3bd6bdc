/**
 * The real dispatcher in the loop: on arrival the new ticket is ranked in candidates mode
 * against the routes of the engineers who could serve it (the nearest qualified ones, with their
 * queues pinned) and goes to the best candidate; every `replanEveryMinutes` each region where
 * something happened is re-planned by `solve` in plan mode with an iteration cap and a seed of its
 * own, so the run is deterministic on any machine.
 *
 * Problems are kept to what a decision can touch, so a month costs about the same per ticket on a
 * network of any size and under any backlog:
 * - arrival: the `ARRIVAL_ENGINEERS` qualified engineers nearest the site (by the solver's travel
 *   model, from where each next starts) and their queues; stock of the SKUs the new ticket can use.
 * - re-plan: one region at a time (regions.ts), its engineers, their queues and the most urgent
 *   waiting tickets of the region up to about what its engineers can still do in their current
 *   shift (`windowOf`); stock of the SKUs those tickets can use. A region is not re-planned while
 *   none of its engineers is in or about to start a shift (nights and days off): what changed is
 *   picked up by the first re-plan before the next shift.
 * Committed tickets need nothing from stock (their supply is fixed), so leaving other SKUs out
 * changes no answer.
 *
 * Work in progress is not in the problem: the engineer starts at that job's site when it is
 * planned to end (a pin would restart the trip at `now`). A ticket's stock is committed when it is
 * first assigned and never re-sourced; a committed van supply pins the ticket to that engineer,
 * and parts on a courier hold the work back (`earliestStart`) until they are planned to arrive.
 */
import { rankTicketDirect } from '../candidates/direct.ts';
import type { PartSupply, UnitSupply } from '../plan.schema.ts';
import { solvePlanRoutes } from '../plan/solve-plan.ts';
import type { Engineer, Problem, Sku, StockRecord, Ticket } from '../problem.schema.ts';
import { unitsToIso } from '../units.ts';
import { createRegions } from './regions.ts';
import type { Dispatcher } from './simulate.ts';
import type { EngineerState, SimState, Supply, TicketState } from './state.ts';
import type { StreamFactory } from './streams.ts';

/** Engineers an arrival is ranked against: the nearest qualified ones. */
export const ARRIVAL_ENGINEERS = 5;
/** Planned minutes per job (travel included) for sizing a re-plan's window of waiting tickets. */
const WINDOW_MINUTES_PER_JOB = 60;

export function createOptimized(
  state: SimState,
  streams: StreamFactory,
  calls: { rank: number; replan: number },
  startNext: (e: EngineerState) => void,
): Dispatcher {
  const { network } = state.input;
  const every = state.input.dispatch.replanEveryMinutes ?? 60;
  const isoCache = new Map<number, string>();
  const iso = (minute: number): string => {
    const units = Math.round(minute * 100);
    let text = isoCache.get(units);
    if (text === undefined) {
      if (isoCache.size > 50_000) isoCache.clear();
      text = unitsToIso(units, state.calendar.startMs, state.calendar.offsetMinutes);
      isoCache.set(units, text);
    }
    return text;
  };
  const skuById = new Map(network.skus.map((s) => [s.sku, s]));
  /**
   * The catalog a problem needs: the SKUs its needs can use (each need's SKU and what supersedes
   * it, transitively; a model's units and what supersedes them), which is closed under the
   * "supersedes" the solver follows, so no need is met differently than with the whole catalog.
   */
  const skusOf = (needed: ReadonlySet<string>): Sku[] =>
    [...needed].flatMap((id) => {
      const s = skuById.get(id);
      if (!s) return [];
      return [
        {
          sku: s.sku,
          kind: s.kind,
          model: s.model,
          fits: s.fits ?? [],
          supersedes: (s.supersedes ?? []).filter((old) => needed.has(old)),
        },
      ];
    });
  const stockLocations = [
    ...new Set([
      ...network.locations.filter((l) => l.kind !== 'site').map((l) => l.id),
      ...network.stock.map((r) => r.location),
    ]),
  ];
  const regions = createRegions(state);
  const changed = regions.members.map(() => true);
  /**
   * Waiting (pool) tickets by region, most urgent first (`urgency`, a total order on keys that do
   * not change while a ticket waits); -1: no engineer is qualified, never planned. Kept sorted by
   * binary insertion so a re-plan's window is a prefix, not a sort of a backlog that grows all
   * month on an overloaded network.
   */
  const waitingIn = regions.members.map((): TicketState[] => []);
  /** Where `ts` is, or would go, in a list sorted by `urgency`. */
  const positionIn = (list: readonly TicketState[], ts: TicketState): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (urgency(list[mid]!, ts) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const regionOf = (ts: TicketState): number => {
    const vanOf = ts.supply?.find((s) => s.via === 'van')?.vanOf;
    return vanOf ? regions.regionOfEngineer(vanOf) : regions.regionOfTicket(ts.t);
  };
  /** The region each waiting ticket was filed under. */
  const filedIn = new Map<TicketState, number>();
  const toWaiting = (ts: TicketState): void => {
    const region = regionOf(ts);
    leaveWaiting(ts);
    if (region < 0) return;
    const list = waitingIn[region]!;
    list.splice(positionIn(list, ts), 0, ts);
    filedIn.set(ts, region);
  };
  const leaveWaiting = (ts: TicketState): void => {
    const region = filedIn.get(ts);
    if (region === undefined) return;
    const list = waitingIn[region]!;
    const at = positionIn(list, ts);
    if (list[at] !== ts) throw new Error(`ticket ${ts.t.id} is not where its region's waiting list keeps it`);
    list.splice(at, 1);
    filedIn.delete(ts);
  };

  /** Where and when an engineer's next job can start (after work in progress, at the next shift). */
  const planningStart = (e: EngineerState) => {
    const shift = state.calendar.nextShift(e.def, state.now) ?? { from: state.now, to: state.now };
    const busy = e.current !== null;
    const start = busy ? state.ticket(e.current!).t.site : shift.from > state.now ? e.def.home : e.location;
    const freeAt = Math.max(state.now, shift.from, busy ? e.plannedFreeAt : state.now);
    return { shift, start, freeAt: Math.min(freeAt, shift.to) };
  };

  const engineerJson = (e: EngineerState, needed: ReadonlySet<string>): Engineer => {
    const { shift, start, freeAt } = planningStart(e);
    const vanStock: Record<string, number> = {};
    for (const sku of needed) {
      const qty = state.available(`van:${e.def.id}`, sku);
      if (qty > 0) vanStock[sku] = qty;
    }
    return {
      id: e.def.id,
      start,
      availableFrom: iso(freeAt),
      shiftEnd: iso(shift.to),
      skills: e.def.skills,
      vanStock,
    };
  };

  /** SKUs that can serve the needs of the uncommitted tickets (committed ones need nothing). */
  const neededSkus = (tickets: readonly TicketState[]): Set<string> => {
    const needed = new Set<string>();
    for (const ts of tickets) {
      if (ts.supply) continue;
      for (const need of ts.t.parts)
        for (const sku of state.fitting.get(need.sku) ?? [need.sku]) needed.add(sku);
      if (ts.t.spareUnit) for (const sku of state.unitSkus(ts.t.spareUnit.model)) needed.add(sku);
    }
    return needed;
  };

  const stockOf = (needed: ReadonlySet<string>): StockRecord[] => {
    const records: StockRecord[] = [];
    for (const location of stockLocations)
      for (const sku of needed) {
        const qty = state.available(location, sku);
        if (qty > 0) records.push({ location, sku, qty });
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
  // Only the locations the problem refers to: the solver's travel cache is dense over them.
  const problemOf = (
    members: readonly EngineerState[],
    tickets: readonly TicketState[],
    needed: ReadonlySet<string>,
    pinQueued: boolean,
    seed: number,
  ): Problem => {
    const engineers = members.map((e) => engineerJson(e, needed));
    const stock = stockOf(needed);
    const used = new Set<string>([
      ...engineers.map((e) => e.start),
      ...stock.map((r) => r.location),
      ...tickets.map((ts) => ts.t.site),
    ]);
    return {
      now: iso(state.now),
      locations: [...used].map((id) => locationById.get(id)!),
      engineers,
      stock,
      skus: skusOf(needed),
      tickets: tickets.map((ts) => asTicket(ts, pinQueued)),
      travel: network.travel,
      courier: network.courier,
      weights: network.weights ?? { level: [1_000_000, 1000, 1], tier: { A: 3, B: 2, C: 1 } },
      options: { timeLimitMs: 3_600_000, seed, mode: 'plan', maxCandidates: 1, coverageMinutes: 240 },
    };
  };

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

  /** The qualified engineers nearest the ticket's site, from where each next starts (ties by id). */
  const qualifiedFor = new Map<string, EngineerState[]>();
  const nearestQualified = (ts: TicketState): EngineerState[] => {
    const k = `${ts.t.skill}|${ts.t.minSkillLevel}`;
    let qualified = qualifiedFor.get(k);
    if (!qualified) {
      qualified = state.engineers.filter((e) => state.qualified(e, ts.t));
      qualifiedFor.set(k, qualified);
    }
    return qualified
      .map((e) => ({ e, minutes: state.minutes(planningStart(e).start, ts.t.site) }))
      .sort((a, b) => a.minutes - b.minutes || (a.e.def.id < b.e.def.id ? -1 : 1))
      .slice(0, ARRIVAL_ENGINEERS)
      .map((x) => x.e);
  };

  /** Most urgent first: level, then the on-site due time, then arrival. */
  const urgency = (a: TicketState, b: TicketState): number =>
    a.t.level - b.t.level || (a.onsiteDue ?? Infinity) - (b.onsiteDue ?? Infinity) || a.t.index - b.t.index;

  /**
   * The waiting tickets a region's re-plan offers the solver: the most urgent, as many as its
   * engineers could still start in their current shifts at `WINDOW_MINUTES_PER_JOB` each (at
   * least one per engineer) less what is already queued. The rest wait for a later re-plan.
   */
  const windowOf = (region: number, queued: number): TicketState[] => {
    const members = regions.members[region]!;
    let minutes = 0;
    for (const e of members) {
      const { shift, freeAt } = planningStart(e);
      minutes += Math.max(0, shift.to - freeAt);
    }
    const room = Math.max(members.length, Math.ceil(minutes / WINDOW_MINUTES_PER_JOB) - queued);
    return waitingIn[region]!.slice(0, room);
  };

  /** Someone in the region works now or starts before the next re-plan. */
  const atWorkSoon = (region: number): boolean =>
    regions.members[region]!.some((e) => {
      const shift = state.calendar.nextShift(e.def, state.now);
      return shift !== null && shift.from < state.now + every;
    });

  const replanRegion = (region: number): void => {
    const members = regions.members[region]!;
    const queued = members.flatMap((e) => e.queue.map((id) => state.ticket(id)));
    const open = [...queued, ...windowOf(region, queued.length)];
    if (open.length === 0) return;
    const seed = streams('replan', calls.replan).int(2 ** 31);
    calls.replan += 1;
    const iterations = state.input.dispatch.replanIterations ?? 10;
    const problem = problemOf(members, open, neededSkus(open), false, seed);
    const plan = solvePlanRoutes(problem, { now: () => 0, maxIterations: iterations });
    for (const ts of open) {
      const a = plan.assignments.get(ts.t.id);
      if (!a) {
        if (ts.status === 'queued') {
          state.toPool(ts.t.id);
          toWaiting(ts);
        }
        continue;
      }
      leaveWaiting(ts);
      if (!ts.supply) state.commitSupply(ts.t.id, toSupply(a.parts, a.spareUnit, a.engineer));
    }
    for (const route of plan.routes) state.setQueue(route.engineer, [...route.tickets]);
    for (const e of members) startNext(e);
  };

  return {
    onArrival(ticketId) {
      const ts = state.ticket(ticketId);
      const home = regions.regionOfTicket(ts.t);
      if (home >= 0) changed[home] = true;
      const members = nearestQualified(ts);
      if (members.length === 0) return; // no one can ever take it
      const queued = members.flatMap((e) => e.queue.map((id) => state.ticket(id)));
      const problem = problemOf(members, [ts, ...queued], neededSkus([ts]), true, 1);
      const ranked = rankTicketDirect(
        { ...problem, options: { ...problem.options, mode: 'candidates', ticket: ts.t.id } },
        0,
      );
      calls.rank += 1;
      const best = ranked.candidates[0];
      if (!best) {
        toWaiting(ts); // waits in the pool for a re-plan of its region
        return;
      }
      // The candidate's position counts every stop of the day's route, pickups included.
      const stops = ranked.stopsOf(best.engineer);
      const before = stops.slice(0, best.position).filter((id) => id !== null).length;
      const order = stops.filter((id) => id !== null);
      const e = state.engineerById.get(best.engineer)!;
      changed[regions.regionOfEngineer(best.engineer)] = true;
      state.commitSupply(ticketId, toSupply(best.parts, best.spareUnit, best.engineer));
      state.setQueue(best.engineer, [
        ...order.filter((id) => e.queue.includes(id)),
        ...e.queue.filter((id) => !order.includes(id)),
      ]);
      state.assign(ticketId, best.engineer, before);
      startNext(e);
    },
    onEngineerFree(e) {
      // Queues are the plan; the engineer simply goes on with the next stop.
      changed[regions.regionOfEngineer(e.def.id)] = true;
    },
    onStockReceived() {
      // The next re-plans see the new stock.
      changed.fill(true);
    },
    onReplan() {
      for (let region = 0; region < regions.members.length; region++) {
        if (!changed[region] || !atWorkSoon(region)) continue;
        changed[region] = false;
        replanRegion(region);
      }
    },
  };
}
