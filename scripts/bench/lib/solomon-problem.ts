import { Problem, type ProblemInput } from '../../../solver/problem.schema.ts';
import { euclidean, type SolomonCustomer, type SolomonInstance } from './solomon-instance.ts';

/**
 * Solomon instances in the dispatch contract. The depot is location `depot`, each customer a site
 * `site-<n>` with one ticket `cust-<n>`; travel is a matrix of Euclidean distances read as minutes
 * (double precision: the solver rounds each leg to 1/100 minute itself). Every vehicle is an
 * engineer from `depot` back to `depot`, free from `now` to `now + depot due date`, with the fleet's
 * capacity. A customer's ready time becomes `earliestStart` and its due date `due.onsite`; since
 * waiting is allowed and ready ≤ due, "arrive ≤ due" is Solomon's "service starts ≤ due". All
 * tickets are level 1, tier A, so a single window miss outweighs any distance.
 */
export const SOLOMON_NOW = '2026-01-05T00:00:00+00:00';
const NOW_MS = Date.parse(SOLOMON_NOW);

export const DEPOT_ID = 'depot';
export const SKILL = 'any';

export const siteId = (customer: Pick<SolomonCustomer, 'id'>): string => `site-${customer.id}`;
export const ticketId = (customer: Pick<SolomonCustomer, 'id'>): string => `cust-${customer.id}`;
export const engineerId = (vehicle: number): string => `vehicle-${String(vehicle).padStart(2, '0')}`;

export interface SolomonSolveOptions {
  timeLimitMs: number;
  seed: number;
}

export function solomonProblemInput(instance: SolomonInstance, options: SolomonSolveOptions): ProblemInput {
  const places = [instance.depot, ...instance.customers];
  const ids = places.map((place, i) => (i === 0 ? DEPOT_ID : siteId(place)));
  const shiftEnd = afterNow(instance.depot.dueDate);
  return {
    now: SOLOMON_NOW,
    locations: places.map((place, i) => ({ id: ids[i]!, kind: i === 0 ? 'depot' : 'site' })),
    engineers: Array.from({ length: instance.vehicles }, (_, i) => ({
      id: engineerId(i + 1),
      start: DEPOT_ID,
      end: DEPOT_ID,
      availableFrom: SOLOMON_NOW,
      shiftEnd,
      skills: { [SKILL]: 1 },
      capacity: instance.capacity,
    })),
    tickets: instance.customers.map((customer) => ({
      id: ticketId(customer),
      site: siteId(customer),
      level: 1,
      tier: 'A',
      skill: SKILL,
      minSkillLevel: 1,
      serviceMinutes: customer.serviceTime,
      parts: [],
      load: customer.demand,
      earliestStart: afterNow(customer.readyTime),
      due: { onsite: afterNow(customer.dueDate) },
    })),
    travel: {
      mode: 'matrix',
      ids,
      minutes: places.map((from) => places.map((to) => euclidean(from, to))),
    },
    options: { timeLimitMs: options.timeLimitMs, seed: options.seed, mode: 'plan' },
  };
}

export function solomonProblem(instance: SolomonInstance, options: SolomonSolveOptions): Problem {
  return Problem.parse(solomonProblemInput(instance, options));
}

/** Solomon times are minutes after the start of the horizon. */
function afterNow(minutes: number): string {
  return new Date(NOW_MS + minutes * 60_000).toISOString().replace('.000Z', '+00:00');
}
