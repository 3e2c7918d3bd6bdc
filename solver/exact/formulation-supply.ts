import type { DraftSource } from './draft.ts';
import type { RoutingVariables } from './formulation-routes.ts';
import { stockKey, type ExactInstance } from './instance.ts';
import { term, type LinearTerm, type ModelBuilder } from './model.ts';

/**
 * Supply part of the MIP: for every part need, integer quantities per (fitting SKU, source), the
 * source being the serving engineer's van, a pickup node on the serving engineer's route, or a
 * courier from a stock location; for a spare unit, one binary choice of (unit SKU, source). Stock
 * rows cap each (location, SKU) and van rows each (engineer, SKU). A pickup must come before the
 * ticket that draws through it, which the arrival times enforce (a pickup takes ten minutes, so
 * a later pickup cannot precede an earlier arrival). Courier parts hold the service start back
 * to the courier's arrival; the spare unit does not.
 */
export interface SupplyVariable {
  readonly variable: number;
  readonly ticket: number;
  /** Index of the part need, or -1 for the spare unit. */
  readonly need: number;
  readonly sku: string;
  readonly source: DraftSource;
}

export interface SupplyVariables {
  readonly supplies: SupplyVariable[];
  /** Courier trips (ticket, location) with their binary and driving units, for term 3. */
  readonly trips: { ticket: number; location: number; variable: number; drive: number }[];
  /** Binaries of coverage-critical stock pairs emptied, for term 4. */
  readonly coverage: number[];
  /** Unit binaries by ticket, split by whether the unit arrives by courier or by pickup. */
  readonly unitChoices: Map<number, { courier: { variable: number; arrival: number }[]; pickup: number[] }>;
}

export function addSupply(
  builder: ModelBuilder,
  instance: ExactInstance,
  routing: RoutingVariables,
): SupplyVariables {
  const supplies: SupplyVariable[] = [];
  const stockUse = new Map<string, LinearTerm[]>();
  const vanUse = new Map<string, LinearTerm[]>();
  const pickupLinks = new Map<
    string,
    { engineer: number; location: number; ticket: number; variable: number; draws: LinearTerm[] }
  >();
  const trips = new Map<string, { ticket: number; location: number; variable: number; drive: number }>();
  const partCouriers = new Map<string, number>();
  const unitChoices: SupplyVariables['unitChoices'] = new Map();
  const push = (map: Map<string, LinearTerm[]>, key: string, variable: number) =>
    map.set(key, [...(map.get(key) ?? []), term(variable)]);

  const pickupLink = (engineer: number, location: number, ticket: number) => {
    const key = `${engineer}:${location}:${ticket}`;
    let link = pickupLinks.get(key);
    if (!link) {
      link = { engineer, location, ticket, variable: builder.binary(`q_${key}`), draws: [] };
      pickupLinks.set(key, link);
    }
    return link;
  };
  const trip = (ticket: number, location: number) => {
    const key = `${ticket}:${location}`;
    let found = trips.get(key);
    if (!found) {
      const drive = instance.courierDrive(location, instance.tickets[ticket]!.site)!;
      found = { ticket, location, variable: builder.binary(`trip_${key}`), drive };
      trips.set(key, found);
    }
    return found.variable;
  };
  const partCourier = (ticket: number, location: number) => {
    const key = `${ticket}:${location}`;
    let variable = partCouriers.get(key);
    if (variable === undefined) {
      variable = builder.binary(`w_${key}`);
      partCouriers.set(key, variable);
      builder.atMost(`trip_covers_${key}`, [term(variable), term(trip(ticket, location), -1)], 0);
      const arrival = instance.courierArrival(location, instance.tickets[ticket]!.site)!;
      builder.atLeast(
        `courier_holds_${key}`,
        [...serviceStartOf(routing, ticket), term(variable, -arrival)],
        0,
      );
    }
    return variable;
  };

  for (const ticket of instance.tickets) {
    const t = ticket.index;
    if (ticket.eligible.length === 0) continue;
    const unassigned = routing.unassigned[t]!;
    const courierReaches = (location: number) => {
      const arrival = instance.courierArrival(location, ticket.site);
      return arrival !== null && arrival <= routing.latestStart[t]!;
    };

    ticket.needs.forEach((need, k) => {
      const covering: LinearTerm[] = [];
      for (const sku of need.fits) {
        for (const e of ticket.eligible) {
          const van = instance.engineers[e]!.van.get(sku) ?? 0;
          if (van > 0) {
            const cap = Math.min(need.qty, van);
            const f = builder.addVariable(`fv_${e}_${t}_${k}_${sku}`, 0, cap, true);
            builder.atMost(`van_needs_visit_${f}`, [term(f), term(routing.assigned[e]!.get(t)!, -cap)], 0);
            push(vanUse, `${e}:${sku}`, f);
            covering.push(term(f));
            supplies.push({ variable: f, ticket: t, need: k, sku, source: { via: 'van' } });
          }
          for (const location of routing.pickups[e]!.keys()) {
            const cap = Math.min(need.qty, instance.stockQty(location, sku));
            if (cap <= 0) continue;
            const link = pickupLink(e, location, t);
            const f = builder.addVariable(`fp_${e}_${location}_${t}_${k}_${sku}`, 0, cap, true);
            builder.atMost(`pickup_link_${f}`, [term(f), term(link.variable, -cap)], 0);
            link.draws.push(term(f));
            push(stockUse, stockKey(location, sku), f);
            covering.push(term(f));
            supplies.push({ variable: f, ticket: t, need: k, sku, source: { via: 'pickup', location } });
          }
        }
        for (const location of instance.stockLocations) {
          const cap = Math.min(need.qty, instance.stockQty(location, sku));
          if (cap <= 0 || !courierReaches(location)) continue;
          const f = builder.addVariable(`fc_${location}_${t}_${k}_${sku}`, 0, cap, true);
          builder.atMost(`courier_link_${f}`, [term(f), term(partCourier(t, location), -cap)], 0);
          push(stockUse, stockKey(location, sku), f);
          covering.push(term(f));
          supplies.push({ variable: f, ticket: t, need: k, sku, source: { via: 'courier', location } });
        }
      }
      builder.equal(`need_${ticket.id}_${k}`, [...covering, term(unassigned, need.qty)], need.qty);
    });

    if (!ticket.unitSkus) continue;
    const choices = { courier: [] as { variable: number; arrival: number }[], pickup: [] as number[] };
    unitChoices.set(t, choices);
    for (const sku of ticket.unitSkus)
      for (const location of instance.stockLocations) {
        if (instance.stockQty(location, sku) <= 0) continue;
        if (courierReaches(location)) {
          const g = builder.binary(`gc_${location}_${t}_${sku}`);
          builder.atMost(`unit_trip_${g}`, [term(g), term(trip(t, location), -1)], 0);
          push(stockUse, stockKey(location, sku), g);
          choices.courier.push({ variable: g, arrival: instance.courierArrival(location, ticket.site)! });
          supplies.push({ variable: g, ticket: t, need: -1, sku, source: { via: 'courier', location } });
        }
        for (const e of ticket.eligible) {
          if (!routing.pickups[e]!.has(location)) continue;
          const link = pickupLink(e, location, t);
          const g = builder.binary(`gp_${e}_${location}_${t}_${sku}`);
          builder.atMost(`unit_pickup_${g}`, [term(g), term(link.variable, -1)], 0);
          link.draws.push(term(g));
          push(stockUse, stockKey(location, sku), g);
          choices.pickup.push(g);
          supplies.push({ variable: g, ticket: t, need: -1, sku, source: { via: 'pickup', location } });
        }
      }
    builder.equal(
      `unit_${ticket.id}`,
      [
        ...choices.courier.map((c) => term(c.variable)),
        ...choices.pickup.map((g) => term(g)),
        term(unassigned),
      ],
      1,
    );
  }

  addPickupLinkRows(builder, instance, routing, [...pickupLinks.values()]);
  for (const [key, uses] of vanUse) {
    const [e, sku] = key.split(':') as [string, string];
    builder.atMost(`van_${key}`, uses, instance.engineers[Number(e)]!.van.get(sku)!);
  }
  const coverage: number[] = [];
  for (const [key, uses] of stockUse) {
    const [location, sku] = key.split('\u0000') as [string, string];
    const qty = instance.stockQty(Number(location), sku);
    builder.atMost(`stock_${location}_${sku}`, uses, qty);
    if (!instance.isCoverageCritical(Number(location), sku)) continue;
    const emptied = builder.binary(`cov_${location}_${sku}`);
    builder.atMost(`coverage_${location}_${sku}`, [...uses, term(emptied, -1)], qty - 1);
    coverage.push(emptied);
  }
  return { supplies, trips: [...trips.values()], coverage, unitChoices };
}

/**
 * A pickup link (engineer e draws at location p for ticket t) needs e to serve t, to visit p,
 * to draw at least one unit, and p's arrival ten minutes (or more) before t's. A visited pickup
 * node needs at least one link, so no route stops at a depot for nothing.
 */
function addPickupLinkRows(
  builder: ModelBuilder,
  instance: ExactInstance,
  routing: RoutingVariables,
  links: { engineer: number; location: number; ticket: number; variable: number; draws: LinearTerm[] }[],
): void {
  const linksByNode = new Map<string, LinearTerm[]>();
  for (const link of links) {
    const pickup = routing.pickups[link.engineer]!.get(link.location)!;
    const served = routing.assigned[link.engineer]!.get(link.ticket)!;
    builder.atMost(`link_visit_${link.variable}`, [term(link.variable), term(pickup.visit, -1)], 0);
    builder.atMost(`link_serve_${link.variable}`, [term(link.variable), term(served, -1)], 0);
    builder.atMost(
      `link_draws_${link.variable}`,
      [term(link.variable), ...link.draws.map((d) => term(d.variable, -1))],
      0,
    );
    // Linked: the ticket's arrival is at least the pickup's arrival plus the pickup's ten minutes.
    const bigM = pickup.latestArrival + instance.pickupUnits;
    builder.atLeast(
      `pickup_before_${link.variable}`,
      [
        ...routing.arrivals[link.engineer]!.get(link.ticket)!,
        ...pickup.arrival.map((t) => term(t.variable, -t.coefficient)),
        term(link.variable, -bigM),
      ],
      instance.pickupUnits - bigM,
    );
    const node = `${link.engineer}:${link.location}`;
    linksByNode.set(node, [...(linksByNode.get(node) ?? []), term(link.variable)]);
  }
  routing.pickups.forEach((pickups, engineer) => {
    for (const [location, pickup] of pickups)
      builder.atMost(
        `pickup_used_${engineer}_${location}`,
        [
          term(pickup.visit),
          ...(linksByNode.get(`${engineer}:${location}`) ?? []).map((t) => term(t.variable, -1)),
        ],
        0,
      );
  });
}

/** Σ over engineers of the service start at a ticket (each is zero unless that engineer serves it). */
export function serviceStartOf(routing: RoutingVariables, ticket: number): LinearTerm[] {
  return routing.serviceStarts.flatMap((starts) => (starts.has(ticket) ? [term(starts.get(ticket)!)] : []));
}

/** Σ over engineers of the arrival at a ticket. */
export function arrivalOf(routing: RoutingVariables, ticket: number): LinearTerm[] {
  return routing.arrivals.flatMap((arrivals) => arrivals.get(ticket) ?? []);
}
