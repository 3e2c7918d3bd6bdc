import { alternativesFor } from '../explain/alternatives.ts';
import { unassignedReason } from '../explain/unassigned.ts';
import { whyAssigned } from '../explain/why.ts';
import type { Assignment, Plan, Route as RouteJson, Stop, Summary, Unassigned } from '../plan.schema.ts';
import { commitmentsJson, iso, minutes, supplyJson } from './plan-parts.ts';
import type { SearchState } from './state.ts';

export interface PlanOptions {
  readonly method: string;
  readonly solveMs: () => number;
  /** Name other engineers and why they were not chosen (costs an insertion each). */
  readonly alternatives: boolean;
  /** Reasons that override the diagnosis for some unassigned tickets. */
  readonly reasons?: ReadonlyMap<number, string>;
}

/** Writes the state as the contract's plan: assignments, routes, unassigned, summary. */
export function toPlan(state: SearchState, options: PlanOptions): Plan {
  const { model } = state;
  const assignments: Assignment[] = [];
  const unassigned: Unassigned[] = [];
  const byLevel: Record<string, [number, number]> = { '1': [0, 0], '2': [0, 0], '3': [0, 0] };
  let met = 0;
  let missed = 0;
  let moved = 0;
  for (let t = 0; t < model.ticketCount; t++) {
    const level = byLevel[String(model.tLevel[t])]!;
    const e = state.engineerOf[t]!;
    if (e < 0) {
      const commitments =
        (Number.isFinite(model.tDueOnsite[t]) ? 1 : 0) + (Number.isFinite(model.tDueUnit[t]) ? 1 : 0);
      missed += commitments;
      level[1] += commitments;
      unassigned.push({
        ticket: model.problem.tickets[t]!.id,
        reason: options.reasons?.get(t) ?? unassignedReason(state, t),
      });
      continue;
    }
    const assignment = assignmentJson(state, t, options.alternatives);
    for (const outcome of [assignment.commitments.onsite, assignment.commitments.spareUnit]) {
      if (!outcome) continue;
      if (outcome.met) met++;
      else missed++;
      level[outcome.met ? 0 : 1]++;
    }
    if (model.tPrevious[t]! >= 0 && model.tPrevious[t] !== e) moved++;
    assignments.push(assignment);
  }

  const objective = state.objective();
  const travel = state.routes.reduce((sum, route) => sum + route.travel, 0);
  const courier = state.routes.reduce((sum, route) => sum + route.courier, 0);
  const summary: Summary = {
    commitments: { met, missed, byLevel },
    lateMinutes: minutes(objective.late),
    travelMinutes: minutes(travel),
    courierMinutes: minutes(courier),
    objective: [objective.missed, minutes(objective.late), minutes(travel + courier), objective.coverage],
    solveMs: 0,
    provenOptimal: false,
    lowerBound: null,
    moved,
    method: options.method,
  };
  const plan: Plan = { assignments, routes: routesJson(state), unassigned, summary };
  summary.solveMs = Math.max(0, Math.round(options.solveMs()));
  return plan;
}

function assignmentJson(state: SearchState, t: number, withAlternatives: boolean): Assignment {
  const { model } = state;
  const e = state.engineerOf[t]!;
  const route = state.routes[e]!;
  const stop = route.tickets.indexOf(t);
  const arrive = route.arrive[stop]!;
  const supply = state.supplyOf(t);
  return {
    ticket: model.problem.tickets[t]!.id,
    engineer: model.problem.engineers[e]!.id,
    arrive: iso(model, arrive),
    start: iso(model, route.start[stop]!),
    end: iso(model, route.depart[stop]!),
    ...supplyJson(model, t, supply, arrive),
    commitments: commitmentsJson(model, t, supply, arrive),
    why: whyAssigned(state, t),
    alternatives: withAlternatives ? alternativesFor(state, t) : [],
    ...(model.tPin[t]! >= 0 ? { pinned: true } : {}),
  };
}

/** Routes of the engineers who have stops; a pickup lists what the route's tickets draw there. */
export function routesJson(state: SearchState): RouteJson[] {
  const { model } = state;
  const routes: RouteJson[] = [];
  for (const route of state.routes) {
    if (route.locs.length === 0) continue;
    const picked = new Map<number, Record<string, number>>();
    for (const t of route.tickets) {
      if (t < 0) continue;
      for (const draw of state.supplyOf(t).draws) {
        if (draw.via !== 'pickup') continue;
        const skus = picked.get(draw.location) ?? {};
        const sku = model.catalog.ids[draw.sku]!;
        skus[sku] = (skus[sku] ?? 0) + draw.qty;
        picked.set(draw.location, skus);
      }
    }
    const stops: Stop[] = route.locs.map((loc, i) => {
      const location = model.problem.locations[loc]!.id;
      const arrive = iso(model, route.arrive[i]!);
      const depart = iso(model, route.depart[i]!);
      const t = route.tickets[i]!;
      return t < 0
        ? { type: 'pickup', location, arrive, depart, skus: picked.get(loc) ?? {} }
        : { type: 'ticket', ticket: model.problem.tickets[t]!.id, location, arrive, depart };
    });
    routes.push({
      engineer: model.problem.engineers[route.engineer]!.id,
      stops,
      finish: iso(model, route.finish),
      travelMinutes: minutes(route.travel),
    });
  }
  return routes;
}
