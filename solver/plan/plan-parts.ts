import type { Assignment, PartSupply, UnitSupply } from '../plan.schema.ts';
import { roundMinutes, unitsToIso, unitsToMinutes } from '../units.ts';
import type { Model } from './model.ts';
import type { TicketSupply } from './types.ts';

/** A time in units as the plan prints it: ISO-8601 in the offset of `now`. */
export function iso(model: Model, units: number): string {
  return unitsToIso(units, model.nowMs, model.offsetMinutes);
}

/** Minutes with two decimals from units. */
export function minutes(units: number): number {
  return roundMinutes(unitsToMinutes(units));
}

/** The plan's `parts` and `spareUnit` of a ticket arriving at `arrive` with `supply`. */
export function supplyJson(
  model: Model,
  t: number,
  supply: TicketSupply,
  arrive: number,
): { parts: PartSupply[]; spareUnit?: UnitSupply } {
  const parts: PartSupply[] = [];
  let spareUnit: UnitSupply | undefined;
  for (const draw of supply.draws) {
    const atSite = iso(model, draw.via === 'courier' ? draw.courierAt : arrive);
    const from = draw.via === 'van' ? 'van' : model.problem.locations[draw.location]!.id;
    const sku = model.catalog.ids[draw.sku]!;
    if (draw.item < 0) {
      spareUnit = { sku, from, via: draw.via, atSite };
      continue;
    }
    const asked = model.tNeeds[t]![draw.item]!.asked;
    parts.push({
      sku,
      qty: draw.qty,
      from,
      via: draw.via,
      atSite,
      ...(asked === draw.sku ? {} : { forSku: model.catalog.ids[asked]! }),
    });
  }
  return spareUnit ? { parts, spareUnit } : { parts };
}

/** On-site and spare-unit outcomes of a ticket arriving at `arrive` with `supply`. */
export function commitmentsJson(
  model: Model,
  t: number,
  supply: TicketSupply,
  arrive: number,
): Assignment['commitments'] {
  const ticket = model.problem.tickets[t]!;
  const commitments: Assignment['commitments'] = {};
  const onsiteDue = model.tDueOnsite[t]!;
  if (ticket.due.onsite && Number.isFinite(onsiteDue)) {
    commitments.onsite = {
      due: ticket.due.onsite,
      met: arrive <= onsiteDue,
      slackMinutes: minutes(onsiteDue - arrive),
    };
  }
  const unitDue = model.tDueUnit[t]!;
  if (ticket.spareUnit && ticket.due.spareUnit && Number.isFinite(unitDue)) {
    const atSite = supply.unitByArrival ? arrive : supply.unitCourierAt;
    commitments.spareUnit = {
      due: ticket.due.spareUnit,
      met: atSite <= unitDue,
      slackMinutes: minutes(unitDue - atSite),
    };
  }
  return commitments;
}
