import type { Plan } from '../../../solver/plan.schema.ts';
import type { PlanValidation } from '../../../solver/validate-plan.ts';
import { euclidean, type SolomonCustomer, type SolomonInstance } from './solomon-instance.ts';
import { DEPOT_ID, siteId } from './solomon-problem.ts';

/**
 * The Solomon score of a plan: distance recomputed in double precision from the routes' order of
 * stops (the solver's travel minutes are sums of legs rounded to 1/100 minute, which is not what
 * the best-known values measure), and the number of routes that serve at least one customer.
 */
export interface SolomonScore {
  distance: number;
  routesUsed: number;
}

export function scoreRoutes(instance: SolomonInstance, plan: Plan): SolomonScore {
  const places = new Map<string, SolomonCustomer>([[DEPOT_ID, instance.depot]]);
  for (const customer of instance.customers) places.set(siteId(customer), customer);
  const placeOf = (location: string): SolomonCustomer => {
    const place = places.get(location);
    if (!place) throw new Error(`${instance.name}: the plan visits unknown location ${location}`);
    return place;
  };

  let distance = 0;
  let routesUsed = 0;
  for (const route of plan.routes) {
    if (route.stops.length === 0) continue;
    routesUsed++;
    let previous = instance.depot;
    for (const stop of route.stops) {
      const place = placeOf(stop.location);
      distance += euclidean(previous, place);
      previous = place;
    }
    distance += euclidean(previous, instance.depot);
  }
  return { distance, routesUsed };
}

export interface Feasibility {
  feasible: boolean;
  /** Why not, in a few words ("3 unassigned, 1 late"); empty when feasible. */
  reason: string;
}

/**
 * A Solomon plan is feasible only if the checker accepts it, every ticket is served, and the
 * checker (not the plan's own summary) counts no missed commitment.
 */
export function judgeFeasibility(validation: PlanValidation, plan: Plan): Feasibility {
  const problems: string[] = [];
  if (!validation.valid) {
    const rules = [...new Set(validation.violations.map((violation) => violation.rule))];
    problems.push(`INVALID: ${validation.violations.length} violations (${rules.join(', ')})`);
  }
  if (plan.unassigned.length > 0) problems.push(`${plan.unassigned.length} unassigned`);
  const missed = validation.derived.commitments.missed - plan.unassigned.length;
  if (missed > 0) problems.push(`${missed} late`);
  return { feasible: problems.length === 0, reason: problems.join(', ') };
}
