import type { Model } from '../plan/model.ts';
import { iso } from '../plan/plan-parts.ts';
import { TIME_UNITS_PER_MINUTE } from '../units.ts';

/** "14:20": a time of day in the problem's offset, as a dispatcher reads it. */
export function clock(model: Model, units: number): string {
  return iso(model, units).slice(11, 16);
}

/** "38 min", "2 h", "1 h 20 min": a duration in units, rounded to the minute. */
export function duration(units: number): string {
  const minutes = Math.round(Math.abs(units) / TIME_UNITS_PER_MINUTE);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "nearest", "2nd-nearest", "3rd-nearest", "11th-nearest". */
export function nearestOrdinal(rank: number): string {
  if (rank <= 1) return 'nearest';
  const tens = rank % 100;
  const suffix =
    tens >= 11 && tens <= 13
      ? 'th'
      : rank % 10 === 1
        ? 'st'
        : rank % 10 === 2
          ? 'nd'
          : rank % 10 === 3
            ? 'rd'
            : 'th';
  return `${rank}${suffix}-nearest`;
}

export function engineerId(model: Model, engineer: number): string {
  return model.problem.engineers[engineer]!.id;
}

export function skuId(model: Model, sku: number): string {
  return model.catalog.ids[sku]!;
}

export function locationId(model: Model, location: number): string {
  return model.problem.locations[location]!.id;
}

/** "his-server 2 ≥ 2" or "his-server 1 < 2" or "no xray skill". */
export function skillPhrase(model: Model, ticket: number, engineer: number): string {
  const { skill, minSkillLevel } = model.problem.tickets[ticket]!;
  const level = model.problem.engineers[engineer]!.skills[skill];
  if (level === undefined) return `no ${skill} skill`;
  return `${skill} ${level} ${level >= minSkillLevel ? '≥' : '<'} ${minSkillLevel}`;
}
