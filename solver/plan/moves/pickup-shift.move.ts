import { compareCost, type Cost } from '../cost.ts';
import { firstFreePosition } from '../insertion.ts';
import { buildRoute } from '../route.ts';
import type { Route } from '../types.ts';
import type { Move } from './move.ts';

/**
 * Moves one pickup stop to the best other place on its route that still comes before every
 * ticket drawing from it: earlier, so the parts ride along from the start and a later stretch of
 * the day gets shorter, or later, so an urgent ticket is reached first. Insertion places a pickup
 * for the ticket that needed it; once others draw from the same stop, its best place changes.
 */
export const pickupShiftMove: Move = {
  name: 'pickup-shift',
  kind: 'descent',
  weight: 4,
  apply(state, random) {
    const { model } = state;
    const withPickups = state.routes.filter((route) => route.tickets.some((t) => t < 0));
    if (withPickups.length === 0) return false;
    const route = random.pick(withPickups);
    const stops: number[] = [];
    route.tickets.forEach((t, i) => {
      if (t < 0) stops.push(i);
    });
    const from = random.pick(stops);
    const location = route.locs[from]!;
    // The stop may go anywhere before the first ticket that draws from it (and after a first-stop pin).
    let last = route.locs.length;
    route.tickets.forEach((t, i) => {
      if (t >= 0 && i < last && state.supplyOf(t).pickupLocations.includes(location)) last = i;
    });
    const floor = firstFreePosition(model, route);
    let best: { locs: number[]; tickets: number[]; cost: Cost } | null = null;
    for (let to = floor; to <= last; to++) {
      if (to === from || to === from + 1) continue;
      const locs = [...route.locs];
      const tickets = [...route.tickets];
      locs.splice(from, 1);
      tickets.splice(from, 1);
      const at = to > from ? to - 1 : to;
      locs.splice(at, 0, location);
      tickets.splice(at, 0, -1);
      const next = buildRoute(model, route.engineer, locs, tickets, state.supplyOf);
      if (!next) continue;
      const cost = routeCost(next);
      if (!best || compareCost(cost, best.cost) < 0) best = { locs, tickets, cost };
    }
    if (!best || compareCost(best.cost, routeCost(route)) >= 0) return false;
    return state.reorder(route.engineer, best.locs, best.tickets);
  },
};

function routeCost(route: Route): Cost {
  return { missed: route.missed, late: route.late, travel: route.travel, coverage: 0, moved: 0 };
}
