import type { Plan } from '../plan.schema.ts';
import type { Problem } from '../problem.schema.ts';
import type { SolverRuntime } from '../runtime.ts';
import { createEngineerIndex } from './engineer-index.ts';
import { buildModel, type Model } from './model.ts';
import type { Part } from './partition.ts';
import { insertAnywhere } from './regret.ts';
import {
  alternativesFit,
  runHeuristic,
  untriedReasons,
  writingReserveMs,
  type HeuristicRun,
} from './heuristic.ts';
import { SearchState } from './state.ts';
import { toPlan } from './to-plan.ts';
import type { Draw, TicketSupply } from './types.ts';

/**
 * Share of the time before the writing reserve that the parts use together, each in proportion
 * to its tickets; the cross-border repair has the rest.
 */
const PARTS_SHARE = 0.85;

/** A part solved on its own, in its own indices. */
interface SolvedPart {
  readonly part: Part;
  readonly state: SearchState;
  readonly run: HeuristicRun;
}

/** One route of a solved part, in the whole problem's indices. */
interface PartRoute {
  readonly engineer: number;
  readonly locs: readonly number[];
  readonly tickets: readonly number[];
  readonly supplies: ReadonlyMap<number, TicketSupply>;
}

/**
 * Plan mode on a large day split into parts (partition.ts). Each part is a problem of its own
 * (its engineers, its tickets, its stock locations and the locations they use) solved by the
 * same construction and search, one after the other, with a share of the time limit in
 * proportion to its tickets (or the same iteration cap each). A part draws only from its own
 * stock locations and its engineers' vans, so no unit can be used twice. The parts' routes are
 * then put together on the whole problem, one stock ledger for all, and every ticket still out
 * (highest level first) tries its nearest engineers again, of any part, now with every unit the
 * parts left anywhere (the cross-border repair), until the time is up; without a clock the
 * repair runs to the end.
 */
export function solvePartitioned(problem: Problem, runtime: SolverRuntime, parts: readonly Part[]): Plan {
  const startedAt = runtime.now();
  const limitMs = problem.options.timeLimitMs;
  const ticketCount = parts.reduce((sum, part) => sum + part.tickets.length, 0);
  const reserveMs = writingReserveMs(limitMs, problem.tickets.length);
  const partsEnd = startedAt + (limitMs - reserveMs) * PARTS_SHARE;
  const solved: SolvedPart[] = [];
  let ticketsLeft = ticketCount;
  for (const part of parts) {
    // Its share of the time left, so that a part that ran over is made up by the ones after it.
    const leftMs = runtime.maxIterations === undefined ? partsEnd - runtime.now() : limitMs;
    const shareMs = Math.max(1, (leftMs * part.tickets.length) / Math.max(1, ticketsLeft));
    ticketsLeft -= part.tickets.length;
    solved.push(solvePart(problem, part, runtime, shareMs));
  }

  // The whole problem's model, built once the parts are done (they need only their own).
  const model = buildModel(problem);

  const state = new SearchState(model, createEngineerIndex(model));
  for (const part of solved)
    for (const route of routesOf(part, model))
      if (!state.adopt(route.engineer, route.locs, route.tickets, route.supplies))
        throw new Error(`part route of engineer ${route.engineer} does not fit the whole problem`);

  const deadline = startedAt + limitMs - reserveMs;
  const outOfTime = (): boolean => runtime.maxIterations === undefined && runtime.now() >= deadline;
  const repaired = repairAcrossBorders(state, outOfTime);

  const untried = solved
    .flatMap(({ part, run }) => run.untried.map((t) => part.tickets[t]!))
    .filter((t) => state.engineerOf[t]! < 0);
  const iterations = solved.reduce((sum, { run }) => sum + run.iterations, 0);
  return toPlan(state, {
    method: `partitioned(${parts.length} parts)+regret+ils(${iterations} iterations)+border(${repaired})`,
    solveMs: () => runtime.now() - startedAt,
    alternatives: alternativesFit(state, runtime, startedAt, limitMs),
    reasons: untriedReasons(untried, limitMs),
  });
}

/**
 * Offers each ticket still out, highest level first, to its nearest engineers, of any part and
 * with the stock every part left; returns how many it placed.
 */
function repairAcrossBorders(state: SearchState, outOfTime: () => boolean): number {
  const { model } = state;
  const out: number[] = [];
  for (let t = 0; t < model.ticketCount; t++) if (state.engineerOf[t]! < 0) out.push(t);
  out.sort((a, b) => model.tLevel[a]! - model.tLevel[b]! || a - b);
  let placed = 0;
  for (const t of out) {
    if (outOfTime()) break;
    if (insertAnywhere(state, t, state.engineers.candidates(t))) placed++;
  }
  return placed;
}

/** Solves one part on its own, with its own stock locations only. */
function solvePart(problem: Problem, part: Part, runtime: SolverRuntime, shareMs: number): SolvedPart {
  const model = buildModel(subProblem(problem, part, shareMs));
  const state = new SearchState(model, createEngineerIndex(model));
  // A part writes no plan: its search may use its whole share.
  const run = runHeuristic(state, runtime, runtime.now(), shareMs, 0);
  return { part, state, run };
}

/** A solved part's routes, with their tickets' supplies, in the whole problem's indices. */
function routesOf({ part, state }: SolvedPart, whole: Model): PartRoute[] {
  const toWhole = indexMaps(whole, state.model);
  const routes: PartRoute[] = [];
  for (const route of state.routes) {
    if (route.locs.length === 0) continue;
    const engineer = part.engineers[route.engineer]!;
    const supplies = new Map<number, TicketSupply>();
    for (const t of route.tickets)
      if (t >= 0) supplies.set(part.tickets[t]!, mapSupply(state.supplyOf(t), whole, engineer, toWhole));
    routes.push({
      engineer,
      locs: route.locs.map((loc) => toWhole.loc[loc]!),
      tickets: route.tickets.map((t) => (t < 0 ? -1 : part.tickets[t]!)),
      supplies,
    });
  }
  return routes;
}

/**
 * The part as a problem: its engineers and tickets, its stock, the locations they use (in the
 * whole problem's order), and its share of the time limit.
 */
function subProblem(problem: Problem, part: Part, shareMs: number): Problem {
  const stock = problem.stock.filter((record) => part.stockLocations.has(record.location));
  const engineers = part.engineers.map((e) => problem.engineers[e]!);
  const tickets = part.tickets.map((t) => problem.tickets[t]!);
  const used = new Set<string>();
  for (const engineer of engineers) {
    used.add(engineer.start);
    if (engineer.end !== undefined) used.add(engineer.end);
  }
  for (const ticket of tickets) used.add(ticket.site);
  for (const record of stock) used.add(record.location);
  return {
    ...problem,
    locations: problem.locations.filter((location) => used.has(location.id)),
    engineers,
    tickets,
    stock,
    options: { ...problem.options, timeLimitMs: Math.max(1, Math.round(shareMs)) },
  };
}

interface IndexMaps {
  /** Location index of the part's model → the whole model's. */
  readonly loc: Int32Array;
  /** SKU index of the part's catalog → the whole catalog's. */
  readonly sku: Int32Array;
}

function indexMaps(whole: Model, model: Model): IndexMaps {
  return {
    loc: Int32Array.from(model.problem.locations, (location) => whole.travel.indexOf(location.id)),
    sku: Int32Array.from(model.catalog.ids, (id) => whole.catalog.indexOf(id)),
  };
}

/** A part's supply in the whole model's indices (slots, SKUs and locations differ). */
function mapSupply(supply: TicketSupply, whole: Model, engineer: number, toWhole: IndexMaps): TicketSupply {
  const draws = supply.draws.map((draw): Draw => {
    const sku = toWhole.sku[draw.sku]!;
    const location = draw.location < 0 ? -1 : toWhole.loc[draw.location]!;
    const slot = draw.via === 'van' ? whole.vanSlot(engineer, sku) : whole.pairSlot(location, sku);
    if (slot < 0) throw new Error(`no stock slot for a part's draw of ${whole.catalog.ids[sku]}`);
    return { ...draw, sku, location, slot };
  });
  return {
    ...supply,
    draws,
    pickupLocations: supply.pickupLocations.map((loc) => toWhole.loc[loc]!),
  };
}
