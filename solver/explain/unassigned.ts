import { isNegative } from '../plan/cost.ts';
import { bestInsertion } from '../plan/insertion.ts';
import type { Model } from '../plan/model.ts';
import type { SearchState } from '../plan/state.ts';
import { blockingReason } from './blocking.ts';
import { engineerId, skillPhrase } from './format.ts';

/**
 * Why a ticket is left out, naming the first rule that no engineer can get past: a pin that can no
 * longer be honoured, nobody with the skill, no stock of a part or unit, nobody who can finish
 * it before the shift ends even with an empty day, or full days.
 */
export function unassignedReason(state: SearchState, t: number): string {
  const { model, engineers } = state;
  const ticket = model.problem.tickets[t]!;
  const pin = model.tPin[t]!;
  if (pin >= 0) {
    if (!engineers.isQualified(t, pin))
      return `pinned to ${engineerId(model, pin)}, whose ${skillPhrase(model, t, pin)}`;
    const insertion = bestInsertion(state, t, pin);
    return insertion
      ? `pinned to ${engineerId(model, pin)}, where it would cost more than leaving it out`
      : `pinned to ${engineerId(model, pin)}, who can no longer serve it: ${blockingReason(state, t, pin)}`;
  }
  const qualified = engineers.skilled(t);
  if (qualified.length === 0) return `no engineer with ${ticket.skill} ≥ ${ticket.minSkillLevel}`;
  const stock = stockShortage(state, t, qualified);
  if (stock) return stock;
  if (!qualified.some((e) => canFinishAlone(model, t, e)))
    return `no engineer with ${ticket.skill} ≥ ${ticket.minSkillLevel} can finish it before their shift ends`;
  let feasible = false;
  for (const e of engineers.candidates(t)) {
    const insertion = bestInsertion(state, t, e);
    if (insertion && isNegative(insertion.delta))
      return `${engineerId(model, e)} could still take it; the search stopped (time or iteration limit) before placing it`;
    if (insertion) feasible = true;
  }
  if (feasible && model.tPenalty[t] === 0)
    return 'its weight is 0 (level × tier), so serving it would only add travel';
  return feasible
    ? 'serving it would make higher-priority tickets miss their commitments'
    : 'the days of the nearest qualified engineers are full (shift end, max jobs or van capacity)';
}

/** A part or unit that no reachable source still holds, in words, or null. */
function stockShortage(state: SearchState, t: number, qualified: readonly number[]): string | null {
  const { model, ledger } = state;
  // Counted over all sources together: a need may be split across them.
  const holds = (
    skus: readonly number[],
    qty: number,
    withVans: boolean,
  ): { any: boolean; left: boolean } => {
    let any = false;
    let total = 0;
    for (const sku of skus) {
      for (const slot of model.pairsBySku[sku] ?? []) {
        any = true;
        total += ledger.remaining[slot]!;
      }
      if (!withVans) continue;
      for (const e of qualified) {
        const slot = model.vanSlot(e, sku);
        if (slot < 0) continue;
        any = true;
        total += ledger.remaining[slot]!;
      }
    }
    return { any, left: total >= qty };
  };
  for (const need of model.tNeeds[t]!) {
    const name = model.catalog.ids[need.asked]!;
    const found = holds(need.compatible, need.qty, true);
    if (!found.any) return `part ${name} out of stock everywhere reachable`;
    if (!found.left) return `part ${name}: every unit in stock is used by other tickets`;
  }
  const units = model.tUnitSkus[t];
  if (units) {
    const unitModel = model.problem.tickets[t]!.spareUnit!.model;
    const found = holds(units, 1, false);
    if (!found.any) return `no spare unit of model ${unitModel} in stock`;
    if (!found.left) return `every spare unit of model ${unitModel} is used by other tickets`;
  }
  return null;
}

/** Whether engineer `e` could serve only this ticket and still be done by shift end. */
function canFinishAlone(model: Model, t: number, e: number): boolean {
  const site = model.tSite[t]!;
  const arrive = model.engReady[e]! + model.legs.units(model.engStart[e]!, site);
  const end = Math.max(arrive, model.tEarliest[t]!) + model.tService[t]!;
  const home = model.engEnd[e]! >= 0 ? model.legs.units(site, model.engEnd[e]!) : 0;
  return end + home <= model.engShiftEnd[e]!;
}
