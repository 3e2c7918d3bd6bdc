import {
  emptyDraft,
  type Draft,
  type DraftPart,
  type DraftSource,
  type DraftStop,
  type DraftUnit,
} from './draft.ts';
import { groupBy, timeRoute, type TicketTiming } from './evaluate.ts';
import { stockKey, type ExactInstance, type ExactTicket } from './instance.ts';

/**
 * A simple feasible plan for when the MIP is too large to build or finds nothing in time: tickets
 * in order of due time are appended to the route where they cost least (missed, then late, then
 * travel), each part from the van if it holds one, else by courier or by a pickup just before the
 * ticket, whichever of the two the trial prefers. It never breaks a hard rule; a ticket that fits
 * nowhere stays unassigned.
 */
type SupplyPreference = 'courier' | 'pickup';

interface Trial {
  readonly engineer: number;
  readonly stops: DraftStop[];
  readonly parts: DraftPart[];
  readonly units: DraftUnit[];
  readonly cost: [number, number, number];
}

export function buildGreedyDraft(instance: ExactInstance): Draft {
  const draft = emptyDraft(instance.engineers.length);
  const used = new Map<string, number>();
  const order = [...instance.tickets].sort(
    (a, b) =>
      Number(b.pinFirst) - Number(a.pinFirst) ||
      (a.dueOnsite ?? Number.POSITIVE_INFINITY) - (b.dueOnsite ?? Number.POSITIVE_INFINITY) ||
      b.weight - a.weight,
  );
  for (const ticket of order) {
    let best: Trial | null = null;
    for (const engineer of ticket.eligible)
      for (const preference of ['courier', 'pickup'] as const) {
        const trial = tryAppend(instance, draft, used, engineer, ticket, preference);
        if (trial && (!best || compareCost(trial.cost, best.cost) < 0)) best = trial;
      }
    if (!best) continue;
    draft.routes[best.engineer] = best.stops;
    draft.parts.push(...best.parts);
    draft.units.push(...best.units);
    for (const supply of [...best.parts, ...best.units.map((unit) => ({ ...unit, qty: 1 }))])
      use(used, usageKey(best.engineer, supply.source, supply.sku), supply.qty);
  }
  return draft;
}

function compareCost(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function usageKey(engineer: number, source: DraftSource, sku: string): string {
  return source.via === 'van' ? `van:${engineer}:${sku}` : stockKey(source.location, sku);
}

function use(used: Map<string, number>, key: string, qty: number): void {
  used.set(key, (used.get(key) ?? 0) + qty);
}

function tryAppend(
  instance: ExactInstance,
  draft: Draft,
  used: ReadonlyMap<string, number>,
  engineerIndex: number,
  ticket: ExactTicket,
  preference: SupplyPreference,
): Trial | null {
  const engineer = instance.engineers[engineerIndex]!;
  const route = draft.routes[engineerIndex]!;
  if (ticket.pinFirst && route.length > 0) return null;
  const tentative = new Map<string, number>();
  const left = (key: string, held: number) => held - (used.get(key) ?? 0) - (tentative.get(key) ?? 0);
  const pickupsOnRoute = new Set(route.flatMap((stop) => (stop.kind === 'pickup' ? [stop.location] : [])));
  const newPickups: number[] = [];
  const lastLocation = () => {
    const last = newPickups.at(-1) ?? route.at(-1);
    if (last === undefined) return engineer.start;
    if (typeof last === 'number') return last;
    return last.kind === 'pickup' ? last.location : instance.tickets[last.ticket]!.site;
  };

  /** The stock source to draw `sku` from next, by the trial's preference, or null. */
  const stockSource = (sku: string): DraftSource | null => {
    const holding = instance.stockLocations.filter(
      (location) => left(stockKey(location, sku), instance.stockQty(location, sku)) > 0,
    );
    const byCourier = holding
      .filter((location) => instance.courierArrival(location, ticket.site) !== null)
      .sort((a, b) => instance.courierArrival(a, ticket.site)! - instance.courierArrival(b, ticket.site)!);
    const canPickUp = !ticket.pinFirst;
    const onRoute = holding.filter(
      (location) => pickupsOnRoute.has(location) || newPickups.includes(location),
    );
    const nearest = [...holding].sort(
      (a, b) => instance.travel.units(lastLocation(), a) - instance.travel.units(lastLocation(), b),
    );
    const pickup = canPickUp ? (onRoute[0] ?? nearest[0]) : undefined;
    const courier = byCourier[0];
    const viaCourier = courier === undefined ? null : ({ via: 'courier', location: courier } as const);
    const viaPickup = pickup === undefined ? null : ({ via: 'pickup', location: pickup } as const);
    return preference === 'courier' ? (viaCourier ?? viaPickup) : (viaPickup ?? viaCourier);
  };
  const take = (source: DraftSource, sku: string, qty: number) => {
    use(tentative, usageKey(engineerIndex, source, sku), qty);
    if (
      source.via === 'pickup' &&
      !pickupsOnRoute.has(source.location) &&
      !newPickups.includes(source.location)
    )
      newPickups.push(source.location);
  };

  const parts: DraftPart[] = [];
  for (const [need, { fits, qty }] of ticket.needs.entries()) {
    let missing = qty;
    for (const sku of fits) {
      const fromVan = Math.min(missing, left(`van:${engineerIndex}:${sku}`, engineer.van.get(sku) ?? 0));
      if (fromVan <= 0) continue;
      take({ via: 'van' }, sku, fromVan);
      parts.push({ ticket: ticket.index, need, sku, qty: fromVan, source: { via: 'van' } });
      missing -= fromVan;
    }
    while (missing > 0) {
      const options = fits.map((sku) => ({ sku, source: stockSource(sku) })).filter((o) => o.source !== null);
      const option = options[0];
      if (!option) return null;
      const source = option.source!;
      const available = left(
        usageKey(engineerIndex, source, option.sku),
        instance.stockQty((source as { location: number }).location, option.sku),
      );
      const qtyTaken = Math.min(missing, available);
      take(source, option.sku, qtyTaken);
      parts.push({ ticket: ticket.index, need, sku: option.sku, qty: qtyTaken, source });
      missing -= qtyTaken;
    }
  }
  const units: DraftUnit[] = [];
  if (ticket.unitSkus) {
    const option = ticket.unitSkus
      .map((sku) => ({ sku, source: stockSource(sku) }))
      .find((o) => o.source !== null);
    if (!option) return null;
    take(option.source!, option.sku, 1);
    units.push({ ticket: ticket.index, sku: option.sku, source: option.source! });
  }

  const stops: DraftStop[] = [
    ...route,
    ...newPickups.map((location) => ({ kind: 'pickup' as const, location })),
    { kind: 'ticket', ticket: ticket.index },
  ];
  const partsByTicket = groupBy([...draft.parts, ...parts], (part) => part.ticket);
  const timings = new Map<number, TicketTiming>();
  const timed = timeRoute(
    instance,
    engineerIndex,
    stops,
    partsByTicket,
    { units: [...draft.units, ...units] },
    timings,
  );
  const tickets = stops.flatMap((stop) => (stop.kind === 'ticket' ? [instance.tickets[stop.ticket]!] : []));
  if (timed.finish > engineer.shiftEnd || timed.stops.some((stop) => stop.depart > engineer.shiftEnd))
    return null;
  if (tickets.length > engineer.maxJobs) return null;
  if (tickets.reduce((sum, t) => sum + t.source.load, 0) > engineer.capacity) return null;

  // Appending leaves earlier stops' times alone, so the ticket's own commitments and the change
  // in driving are the whole cost of the trial.
  const timing = timings.get(ticket.index)!;
  let missed = 0;
  let late = 0;
  for (const commitment of [timing.onsite, timing.unit]) {
    if (!commitment) continue;
    if (!commitment.met) missed += ticket.weight;
    late += Math.max(0, commitment.at - commitment.due);
  }
  const before = timeRoute(instance, engineerIndex, route, partsByTicket, draft, new Map()).travel;
  const courierLocations = new Set(
    [...parts, ...units].flatMap((supply) =>
      supply.source.via === 'courier' ? [supply.source.location] : [],
    ),
  );
  const courier = [...courierLocations].reduce(
    (sum, location) => sum + (instance.courierDrive(location, ticket.site) ?? 0),
    0,
  );
  return {
    engineer: engineerIndex,
    stops,
    parts,
    units,
    cost: [missed, late, timed.travel - before + courier],
  };
}
