import type { Model } from './model.ts';
import type { TicketSupply } from './types.ts';

/**
 * A ticket's commitments as a function of the engineer's arrival: on-site is met iff arrival ≤
 * due; the spare unit is met iff it is at the site by its due, which is the arrival when the
 * engineer carries it and the courier's arrival otherwise.
 */
export function missedAt(model: Model, t: number, supply: TicketSupply, arrive: number): number {
  let missed = arrive > model.tDueOnsite[t]! ? 1 : 0;
  if (model.tHasUnit[t]) {
    const atSite = supply.unitByArrival ? arrive : supply.unitCourierAt;
    if (atSite > model.tDueUnit[t]!) missed++;
  }
  return missed * model.tWeight[t]!;
}

export function lateAt(model: Model, t: number, supply: TicketSupply, arrive: number): number {
  let late = Math.max(0, arrive - model.tDueOnsite[t]!);
  if (model.tHasUnit[t]) {
    const atSite = supply.unitByArrival ? arrive : supply.unitCourierAt;
    late += Math.max(0, atSite - model.tDueUnit[t]!);
  }
  return late;
}

/**
 * The latest arrival that keeps every commitment of the ticket that depends on the arrival (the
 * on-site due, and the unit's when the engineer carries it) as it is: Infinity without one.
 */
export function arrivalDue(model: Model, t: number, supply: TicketSupply): number {
  const onsite = model.tDueOnsite[t]!;
  return model.tHasUnit[t] && supply.unitByArrival ? Math.min(onsite, model.tDueUnit[t]!) : onsite;
}
