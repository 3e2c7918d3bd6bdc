import type { RoutingVariables } from './formulation-routes.ts';
import type { SupplyVariables } from './formulation-supply.ts';
import type { ExactInstance } from './instance.ts';
import { term, type LinearTerm, type ModelBuilder } from './model.ts';

/**
 * Commitment part of the MIP: a binary "missed" and a continuous "late" per commitment. On-site:
 * missed when the arrival A exceeds the due. Spare unit: a courier's arrival is a constant of the
 * chosen source, so the choice itself says missed or not and how late; a picked-up unit arrives
 * with the engineer, at A. An unassigned ticket is released from both rows (its A is free) and
 * pays its commitments plus one through the unassigned binary instead.
 */
export interface CommitmentTerms {
  readonly missed: LinearTerm[];
  readonly late: LinearTerm[];
}

export function addCommitments(
  builder: ModelBuilder,
  instance: ExactInstance,
  routing: RoutingVariables,
  supply: SupplyVariables,
): CommitmentTerms {
  const missed: LinearTerm[] = [];
  const late: LinearTerm[] = [];
  for (const ticket of instance.tickets) {
    const t = ticket.index;
    missed.push(term(routing.unassigned[t]!, ticket.weight * (ticket.commitmentCount + 1)));
    const arrival = routing.arrival[t];
    if (arrival === null || arrival === undefined) continue;
    const unassigned = routing.unassigned[t]!;
    const latestArrival = routing.serviceStartUpper[t]!;

    if (ticket.dueOnsite !== null && latestArrival > ticket.dueOnsite) {
      const bigM = latestArrival - ticket.dueOnsite;
      const miss = builder.binary(`miss_onsite_${ticket.id}`);
      const lateBy = builder.continuous(`late_onsite_${ticket.id}`, 0, bigM);
      builder.atMost(`onsite_${ticket.id}`, [term(arrival), term(miss, -bigM), term(unassigned, -bigM)], ticket.dueOnsite);
      builder.atLeast(`late_onsite_${ticket.id}`, [term(lateBy), term(arrival, -1), term(unassigned, bigM)], -ticket.dueOnsite);
      missed.push(term(miss, ticket.weight));
      late.push(term(lateBy));
    }

    const choices = supply.unitChoices.get(t);
    if (ticket.dueUnit === null || !choices) continue;
    const due = ticket.dueUnit;
    const pickupLate = Math.max(0, latestArrival - due);
    const courierLate = Math.max(0, ...choices.courier.map((c) => c.arrival - due));
    if (pickupLate === 0 && courierLate === 0) continue;
    const miss = builder.binary(`miss_unit_${ticket.id}`);
    const lateBy = builder.continuous(`late_unit_${ticket.id}`, 0, Math.max(pickupLate, courierLate));
    missed.push(term(miss, ticket.weight));
    late.push(term(lateBy));
    const lateCouriers = choices.courier.filter((c) => c.arrival > due);
    if (lateCouriers.length > 0) {
      builder.atLeast(`unit_courier_miss_${ticket.id}`, [term(miss), ...lateCouriers.map((c) => term(c.variable, -1))], 0);
      builder.atLeast(
        `unit_courier_late_${ticket.id}`,
        [term(lateBy), ...lateCouriers.map((c) => term(c.variable, -(c.arrival - due)))],
        0,
      );
    }
    if (pickupLate > 0 && choices.pickup.length > 0) {
      // With the unit picked up (Σ pickup choices = 1) it arrives at A; otherwise both rows relax.
      const bigM = pickupLate;
      const viaPickup = choices.pickup.map((g) => term(g, bigM));
      builder.atMost(`unit_pickup_miss_${ticket.id}`, [term(arrival), term(miss, -bigM), ...viaPickup], due + bigM);
      builder.atLeast(
        `unit_pickup_late_${ticket.id}`,
        [term(lateBy), term(arrival, -1), ...choices.pickup.map((g) => term(g, -bigM))],
        -due - bigM,
      );
    }
  }
  return { missed, late };
}
