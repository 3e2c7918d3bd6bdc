import type { PartSupply, Plan, UnitSupply } from '../plan.schema.ts';
import type { Problem } from '../problem.schema.ts';
import type { SolverRuntime } from '../runtime.ts';
import { createEngineerIndex } from './engineer-index.ts';
import {
  alternativesFit,
  repairUnassigned,
  runHeuristic,
  untriedReasons,
  writingReserveMs,
} from './heuristic.ts';
import { buildModel } from './model.ts';
import { partitionProblem } from './partition.ts';
import { supplyJson } from './plan-parts.ts';
import { solvePartitioned } from './solve-partitioned.ts';
import { SearchState } from './state.ts';
import { toPlan } from './to-plan.ts';

/**
 * Plan mode: regret construction, then iterated local search until the deadline (or, when the
 * runtime gives maxIterations, for exactly that many iterations, so a seed reproduces the plan on
 * any machine), then a last pass that offers every unassigned ticket to its nearest engineers
 * again. The search stops early enough for the plan and its explanations to be written within
 * the limit (writingReserveMs). Under a deadline construction is anytime (construct.ts): it
 * hurries at half the search time and finishes every ticket it can by a greedy pass, leaving
 * tickets untried only once the whole limit has passed; the search keeps the best plan so far. A large day (partition.ts) is split
 * into geographic parts solved one by one and put together (solve-partitioned.ts).
 */
export function solvePlan(problem: Problem, runtime: SolverRuntime): Plan {
  const parts = partitionProblem(problem);
  if (parts) return solvePartitioned(problem, runtime, parts);
  const startedAt = runtime.now();
  const model = buildModel(problem);
  const state = new SearchState(model, createEngineerIndex(model));
  const limitMs = problem.options.timeLimitMs;
  const reserveMs = writingReserveMs(limitMs, model.ticketCount);
  const run = runHeuristic(state, runtime, startedAt, limitMs, reserveMs);
  const deadline = startedAt + limitMs - reserveMs;
  repairUnassigned(state, () => runtime.maxIterations === undefined && runtime.now() >= deadline);
  return toPlan(state, {
    method: `regret+ils(${run.iterations} iterations)`,
    solveMs: () => runtime.now() - startedAt,
    alternatives: alternativesFit(state, runtime, startedAt, limitMs),
    reasons: untriedReasons(run.untried, limitMs),
  });
}

/** A plan-mode answer as routes and supplies only. */
export interface PlanRoutes {
  /** Each engineer with stops: its tickets in route order. */
  readonly routes: readonly { readonly engineer: string; readonly tickets: readonly string[] }[];
  /** Each assigned ticket: its engineer and where its parts and spare unit come from. */
  readonly assignments: ReadonlyMap<
    string,
    { readonly engineer: string; readonly parts: PartSupply[]; readonly spareUnit?: UnitSupply }
  >;
}

/**
 * The plan `solvePlan` returns, read as routes and supplies without writing the why and the
 * alternatives of every assignment (a simulation re-plans hundreds of times a month and reads
 * nothing else). The same construction, search and repair on the same state, so the same routes
 * and supplies; a day large enough to be partitioned goes through `solvePlan` itself.
 */
export function solvePlanRoutes(problem: Problem, runtime: SolverRuntime): PlanRoutes {
  if (partitionProblem(problem)) return routesOfPlan(solvePlan(problem, runtime));
  const startedAt = runtime.now();
  const model = buildModel(problem);
  const state = new SearchState(model, createEngineerIndex(model));
  const limitMs = problem.options.timeLimitMs;
  const reserveMs = writingReserveMs(limitMs, model.ticketCount);
  runHeuristic(state, runtime, startedAt, limitMs, reserveMs);
  const deadline = startedAt + limitMs - reserveMs;
  repairUnassigned(state, () => runtime.maxIterations === undefined && runtime.now() >= deadline);
  const routes: { engineer: string; tickets: string[] }[] = [];
  const assignments = new Map<string, { engineer: string; parts: PartSupply[]; spareUnit?: UnitSupply }>();
  for (const route of state.routes) {
    if (route.locs.length === 0) continue;
    const engineer = model.problem.engineers[route.engineer]!.id;
    const tickets: string[] = [];
    route.tickets.forEach((t, stop) => {
      if (t < 0) return;
      const id = model.problem.tickets[t]!.id;
      tickets.push(id);
      assignments.set(id, { engineer, ...supplyJson(model, t, state.supplyOf(t), route.arrive[stop]!) });
    });
    routes.push({ engineer, tickets });
  }
  return { routes, assignments };
}

function routesOfPlan(plan: Plan): PlanRoutes {
  return {
    routes: plan.routes.map((route) => ({
      engineer: route.engineer,
      tickets: route.stops.flatMap((stop) => (stop.type === 'ticket' ? [stop.ticket] : [])),
    })),
    assignments: new Map(
      plan.assignments.map((a) => [
        a.ticket,
        { engineer: a.engineer, parts: a.parts, ...(a.spareUnit ? { spareUnit: a.spareUnit } : {}) },
      ]),
    ),
  };
}
