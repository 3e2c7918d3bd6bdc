import type { Model } from '../plan/model.ts';
import type { Draw, TicketSupply } from '../plan/types.ts';
import { clock, duration, locationId, skuId } from './format.ts';

/**
 * How the parts and the spare unit reach the site, in words: "P-PSU-650 from the van",
 * "P-FAN-2 (supersedes P-FAN-1) picked up at D-CTU", "unit U-HIS-R740 from O-YB by courier,
 * 25 min to spare".
 */
export function supplyPhrases(model: Model, t: number, supply: TicketSupply, arrive: number): string[] {
  const phrases: string[] = [];
  for (const draw of supply.draws) {
    if (draw.item < 0) phrases.push(unitPhrase(model, t, draw, arrive));
    else phrases.push(partPhrase(model, t, draw));
  }
  return phrases;
}

function partPhrase(model: Model, t: number, draw: Draw): string {
  const asked = model.tNeeds[t]![draw.item]!.asked;
  const name = `${draw.qty > 1 ? `${draw.qty}× ` : ''}${skuId(model, draw.sku)}${
    draw.sku === asked ? '' : ` (supersedes ${skuId(model, asked)})`
  }`;
  if (draw.via === 'van') return `${name} from the van`;
  if (draw.via === 'pickup') return `${name} picked up at ${locationId(model, draw.location)}`;
  return `${name} by courier from ${locationId(model, draw.location)}, on site ${clock(model, draw.courierAt)}`;
}

function unitPhrase(model: Model, t: number, draw: Draw, arrive: number): string {
  const atSite = draw.via === 'courier' ? draw.courierAt : arrive;
  const how = draw.via === 'courier' ? 'by courier' : 'carried by the engineer';
  const base = `unit ${skuId(model, draw.sku)} from ${locationId(model, draw.location)} ${how}`;
  const due = model.tDueUnit[t]!;
  if (!Number.isFinite(due)) return base;
  return atSite <= due
    ? `${base}, ${duration(due - atSite)} to spare`
    : `${base}, ${duration(atSite - due)} after its due ${clock(model, due)}`;
}
