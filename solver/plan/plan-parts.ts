import type { Assignment, PartSupply, UnitSupply } from '../plan.schema.ts';
import { roundMinutes, TIME_UNITS_PER_MINUTE, unitsToIso, unitsToMinutes } from '../units.ts';
import type { Model } from './model.ts';
import type { TicketSupply } from './types.ts';

const MS_PER_DAY = 86_400_000;

/** Per model: the offset suffix ("+08:00") and the date part ("2026-11-28T") of each day seen. */
interface IsoParts {
  suffix: string;
  readonly days: Map<number, string>;
}
const isoParts = new WeakMap<Model, IsoParts>();

/**
 * A time in units as the plan prints it: ISO-8601 in the offset of `now`, to the second, the same
 * string as `unitsToIso`. A plan prints thousands of times on a few days, so the date part and
 * the offset are formatted once per day and the time of day by arithmetic.
 */
export function iso(model: Model, units: number): string {
  const ms = model.nowMs + (units / TIME_UNITS_PER_MINUTE) * 60_000;
  const local = Math.round(ms / 1000) * 1000 + model.offsetMinutes * 60_000;
  if (!Number.isFinite(local)) return unitsToIso(units, model.nowMs, model.offsetMinutes);
  let parts = isoParts.get(model);
  if (!parts) {
    parts = { suffix: '', days: new Map() };
    isoParts.set(model, parts);
  }
  const day = Math.floor(local / MS_PER_DAY);
  let prefix = parts.days.get(day);
  if (prefix === undefined) {
    const full = unitsToIso(units, model.nowMs, model.offsetMinutes);
    prefix = full.slice(0, 11);
    parts.days.set(day, prefix);
    parts.suffix = full.slice(19);
  }
  const seconds = Math.round((local - day * MS_PER_DAY) / 1000);
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  return `${prefix}${two(hh)}:${two(mm)}:${two(seconds % 60)}${parts.suffix}`;
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
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
