import type { Draft } from './draft.ts';
import type { RouteTiming, TicketTiming } from './evaluate.ts';
import { stockKey, type ExactInstance } from './instance.ts';

/**
 * The hard rules of docs/solver.md checked on a timed draft. The exact solver never returns a
 * draft that breaks one; the check guards the decoding of a MIP solution (tolerances) and the
 * greedy fallback, which builds drafts by trial.
 */
export function findDraftViolations(
  instance: ExactInstance,
  draft: Draft,
  routes: readonly RouteTiming[],
  timings: ReadonlyMap<number, TicketTiming>,
): string[] {
  const violations: string[] = [];
  const seen = new Set<number>();
  const pickupPosition = new Map<string, number>();

  for (const route of routes) {
    const engineer = instance.engineers[route.engineer]!;
    const visited = new Set<number>();
    let jobs = 0;
    let load = 0;
    route.stops.forEach((timed, position) => {
      if (timed.stop.kind === 'pickup') {
        if (visited.has(timed.stop.location))
          violations.push(`${engineer.id} picks up twice at one location`);
        visited.add(timed.stop.location);
        pickupPosition.set(`${route.engineer}:${timed.stop.location}`, position);
        return;
      }
      const ticket = instance.tickets[timed.stop.ticket]!;
      if (seen.has(ticket.index)) violations.push(`${ticket.id} is visited twice`);
      seen.add(ticket.index);
      jobs += 1;
      load += ticket.source.load;
      if (!ticket.eligible.includes(route.engineer))
        violations.push(`${engineer.id} may not serve ${ticket.id}`);
      if (ticket.pinFirst && position !== 0) violations.push(`${ticket.id} is pinned as the first stop`);
      if (timed.depart > engineer.shiftEnd) violations.push(`${ticket.id} ends after ${engineer.id}'s shift`);
    });
    if (route.finish > engineer.shiftEnd) violations.push(`${engineer.id} finishes after the shift`);
    if (jobs > engineer.maxJobs) violations.push(`${engineer.id} exceeds maxJobs`);
    if (load > engineer.capacity) violations.push(`${engineer.id} exceeds capacity`);
  }

  const stockUsed = new Map<string, number>();
  const vanUsed = new Map<string, number>();
  const drawnAt = new Map<string, number>();
  const use = (map: Map<string, number>, key: string, qty: number) => map.set(key, (map.get(key) ?? 0) + qty);
  const supplies = [
    ...draft.parts.map((part) => ({ ...part, isUnit: false })),
    ...draft.units.map((unit) => ({ ...unit, qty: 1, need: -1, isUnit: true })),
  ];
  for (const supply of supplies) {
    const ticket = instance.tickets[supply.ticket]!;
    const timing = timings.get(supply.ticket);
    if (!timing) {
      violations.push(`${ticket.id} gets supplies but is not visited`);
      continue;
    }
    const fits = supply.isUnit ? (ticket.unitSkus ?? []) : (ticket.needs[supply.need]?.fits ?? []);
    if (!fits.includes(supply.sku)) violations.push(`${supply.sku} does not fit ${ticket.id}`);
    const source = supply.source;
    if (source.via === 'van') {
      if (supply.isUnit) violations.push(`${ticket.id}: a spare unit cannot come from the van`);
      use(vanUsed, `${timing.engineer}:${supply.sku}`, supply.qty);
      continue;
    }
    use(stockUsed, stockKey(source.location, supply.sku), supply.qty);
    if (source.via === 'courier') {
      if (instance.courierArrival(source.location, ticket.site) === null)
        violations.push('no courier service');
      continue;
    }
    use(drawnAt, `${timing.engineer}:${source.location}`, supply.qty);
    const pickupAt = pickupPosition.get(`${timing.engineer}:${source.location}`);
    const ticketAt = routes[timing.engineer]!.stops.findIndex(
      (timed) => timed.stop.kind === 'ticket' && timed.stop.ticket === ticket.index,
    );
    if (pickupAt === undefined || pickupAt > ticketAt) violations.push(`${ticket.id}: no pickup before it`);
  }
  for (const [key, qty] of stockUsed) {
    const [location, sku] = key.split('\u0000') as [string, string];
    if (qty > instance.stockQty(Number(location), sku)) violations.push(`stock of ${sku} overused`);
  }
  for (const [key, qty] of vanUsed) {
    const [engineer, sku] = key.split(':') as [string, string];
    if (qty > (instance.engineers[Number(engineer)]!.van.get(sku) ?? 0))
      violations.push(`van stock of ${sku} overused`);
  }
  for (const key of pickupPosition.keys()) if (!drawnAt.has(key)) violations.push('an empty pickup stop');

  for (const ticket of instance.tickets) {
    if (!timings.has(ticket.index)) continue;
    ticket.needs.forEach((need, needIndex) => {
      const got = draft.parts
        .filter((part) => part.ticket === ticket.index && part.need === needIndex)
        .reduce((sum, part) => sum + part.qty, 0);
      if (got !== need.qty) violations.push(`${ticket.id} gets ${got} of ${need.qty} × ${need.sku}`);
    });
    const units = draft.units.filter((unit) => unit.ticket === ticket.index).length;
    if (units !== (ticket.unitSkus ? 1 : 0)) violations.push(`${ticket.id} gets ${units} spare units`);
  }
  return violations;
}
