import { fitsEngineer, firstFreePosition } from '../plan/insertion.ts';
import type { SearchState } from '../plan/state.ts';
import { supplyOptions } from '../plan/supply.ts';
import { clock, engineerId, skillPhrase } from './format.ts';

/**
 * The hard rule that keeps ticket `t` off engineer `e`'s route, for a route where no legal
 * insertion exists: skill, a pin elsewhere, job count, van capacity, a first stop already
 * pinned, no stock source, or (what is left) the shift end.
 */
export function blockingReason(state: SearchState, t: number, e: number): string {
  const { model, engineers } = state;
  if (!engineers.isQualified(t, e)) return `skill ${skillPhrase(model, t, e)}`;
  const pin = model.tPin[t]!;
  if (pin >= 0 && pin !== e) return `ticket pinned to ${engineerId(model, pin)}`;
  const route = state.routes[e]!;
  if (!fitsEngineer(model, route, t)) {
    return route.jobs + 1 > model.engMaxJobs[e]!
      ? `max jobs ${model.engMaxJobs[e]} reached`
      : `van capacity ${model.engCapacity[e]} full`;
  }
  if (model.tPinFirst[t] && firstFreePosition(model, route) > 0)
    return 'already on the way to a pinned first stop';
  if (supplyOptions(model, state.ledger, state.supplyIndex, t, route).length === 0)
    return 'no stock source it can reach for the parts or unit';
  return `shift ends ${clock(model, model.engShiftEnd[e]!)}`;
}
