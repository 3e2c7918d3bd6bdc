import type { Arc, RoutingVariables } from './formulation-routes.ts';
import type { SupplyVariables } from './formulation-supply.ts';
import type { ExactInstance } from './instance.ts';
import { arrivalOf } from './formulation-supply.ts';
import { term, type LinearTerm, type ModelBuilder } from './model.ts';

const negate = (terms: readonly LinearTerm[]) => terms.map((t) => term(t.variable, -t.coefficient));

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
    if (ticket.eligible.length === 0) continue;
    const arrival = arrivalOf(routing, t);
    const unassigned = routing.unassigned[t]!;
    const latestArrival = routing.latestStart[t]!;

    if (ticket.dueOnsite !== null && latestArrival > ticket.dueOnsite) {
      // The arrival expression is zero for an unassigned ticket, so "due × (1 − u)" releases it.
      const due = ticket.dueOnsite;
      const bigM = latestArrival - due;
      const miss = builder.binary(`miss_onsite_${ticket.id}`);
      const lateBy = builder.continuous(`late_onsite_${ticket.id}`, 0, bigM);
      builder.atMost(`onsite_${ticket.id}`, [...arrival, term(unassigned, due), term(miss, -bigM)], due);
      builder.atLeast(
        `late_onsite_${ticket.id}`,
        [term(lateBy), ...negate(arrival), term(unassigned, -due)],
        -due,
      );
      missed.push(term(miss, ticket.weight));
      late.push(term(lateBy));
      addPredecessorRows(builder, arcsInto(routing, t), due, miss, lateBy, null);
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
      builder.atLeast(
        `unit_courier_miss_${ticket.id}`,
        [term(miss), ...lateCouriers.map((c) => term(c.variable, -1))],
        0,
      );
      builder.atLeast(
        `unit_courier_late_${ticket.id}`,
        [term(lateBy), ...lateCouriers.map((c) => term(c.variable, -(c.arrival - due)))],
        0,
      );
    }
    if (pickupLate > 0 && choices.pickup.length > 0) {
      // With the unit picked up (G = Σ pickup choices = 1) it arrives with the engineer; with
      // G = 0 both rows fall slack because the arrival never exceeds latestArrival.
      const bigM = pickupLate;
      const viaPickup = (coefficient: number) => choices.pickup.map((g) => term(g, coefficient));
      builder.atMost(
        `unit_pickup_miss_${ticket.id}`,
        [...arrival, ...viaPickup(latestArrival - due), term(miss, -bigM)],
        latestArrival,
      );
      builder.atLeast(
        `unit_pickup_late_${ticket.id}`,
        [term(lateBy), ...negate(arrival), ...viaPickup(due - latestArrival)],
        -latestArrival,
      );
      addPredecessorRows(builder, arcsInto(routing, t), due, miss, lateBy, choices.pickup);
    }
  }
  return { missed, late };
}

function arcsInto(routing: RoutingVariables, ticket: number): Arc[] {
  return routing.arcs.filter((arc) => arc.to.kind === 'ticket' && arc.to.ticket === ticket);
}

/**
 * Valid inequalities that make the LP see lateness: arriving over an arc whose earliest arrival
 * is after the due means missing it, and being at least that late. The big-M rows alone let a
 * fractional route arrive "a little" late everywhere at almost no cost. For a spare unit the rows
 * apply only when it is picked up (G = Σ pickup choices = 1): they are relaxed by 1 − G.
 */
function addPredecessorRows(
  builder: ModelBuilder,
  arcs: readonly Arc[],
  due: number,
  miss: number,
  lateBy: number,
  pickupChoices: readonly number[] | null,
): void {
  const lateArcs = arcs.filter((arc) => arc.earliestArrival > due);
  if (lateArcs.length === 0) return;
  const unitOnly = pickupChoices ?? [];
  const relax = pickupChoices === null ? 0 : 1;
  builder.atLeast(
    `late_arc_miss_${miss}`,
    [term(miss), ...lateArcs.map((arc) => term(arc.variable, -1)), ...unitOnly.map((g) => term(g, -1))],
    -relax,
  );
  const largest = Math.max(...lateArcs.map((arc) => arc.earliestArrival - due));
  builder.atLeast(
    `late_arc_late_${lateBy}`,
    [
      term(lateBy),
      ...lateArcs.map((arc) => term(arc.variable, -(arc.earliestArrival - due))),
      ...unitOnly.map((g) => term(g, -largest)),
    ],
    -relax * largest,
  );
}
