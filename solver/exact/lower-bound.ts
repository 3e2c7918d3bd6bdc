import type { ExactInstance, ExactTicket } from './instance.ts';

/**
 * A lower bound on objective term 1 that needs no MIP: each ticket on its own, with every engineer
 * free to drive straight to it (or by the shortest chain of legs). A commitment that even then
 * cannot be met is missed in every plan; a ticket nobody can serve is unassigned in every plan.
 * Valid for any problem size, so it is the bound reported when the MIP is too large to build.
 */
export function missedLowerBound(instance: ExactInstance): number {
  return instance.tickets.reduce((sum, ticket) => sum + ticketLowerBound(instance, ticket), 0);
}

function ticketLowerBound(instance: ExactInstance, ticket: ExactTicket): number {
  const unassignedCost = ticket.weight * (ticket.commitmentCount + 1);
  const unitSources = (ticket.unitSkus ?? []).flatMap((sku) =>
    instance.stockLocations.filter((location) => instance.stockQty(location, sku) > 0),
  );
  if (ticket.unitSkus && unitSources.length === 0) return unassignedCost;
  const courierUnit = Math.min(
    ...unitSources.map(
      (location) => instance.courierArrival(location, ticket.site) ?? Number.POSITIVE_INFINITY,
    ),
  );
  let best = unassignedCost;
  for (const e of ticket.eligible) {
    const engineer = instance.engineers[e]!;
    const arrive = engineer.departs + instance.legLowerBound(engineer.start, ticket.site);
    let missed = 0;
    if (ticket.dueOnsite !== null && arrive > ticket.dueOnsite) missed += 1;
    if (ticket.dueUnit !== null) {
      const pickedUp = Math.min(
        ...unitSources.map(
          (location) =>
            engineer.departs +
            instance.legLowerBound(engineer.start, location) +
            instance.pickupUnits +
            instance.legLowerBound(location, ticket.site),
        ),
      );
      if (Math.min(courierUnit, pickedUp) > ticket.dueUnit) missed += 1;
    }
    best = Math.min(best, ticket.weight * missed);
  }
  return best;
}
