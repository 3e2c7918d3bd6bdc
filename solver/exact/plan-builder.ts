import type { Assignment, CommitmentOutcome, PartSupply, Plan, Route, UnitSupply } from '../plan.schema.ts';
import { roundMinutes, unitsToIso, unitsToMinutes } from '../units.ts';
import type { Draft, DraftSource } from './draft.ts';
import type { CommitmentTiming, DraftEvaluation, TicketTiming } from './evaluate.ts';
import type { ExactInstance } from './instance.ts';
import { alternativesFor, unassignedReason } from './reasons.ts';

/** What the plan says about how it was found. */
export interface PlanProvenance {
  readonly solveMs: number;
  readonly provenOptimal: boolean;
  readonly lowerBound: number | null;
  readonly method: string;
  /** One sentence on why each assignment is what it is. */
  readonly why: string;
}

/** Turns an evaluated draft into the contract's plan: ISO times, minutes, supplies, summary. */
export function buildPlan(
  instance: ExactInstance,
  draft: Draft,
  evaluation: DraftEvaluation,
  provenance: PlanProvenance,
): Plan {
  const iso = (units: number) => unitsToIso(units, instance.nowMs, instance.offsetMinutes);
  const locationId = (index: number) => instance.problem.locations[index]!.id;

  const assignments: Assignment[] = [];
  for (const route of evaluation.routes)
    for (const timed of route.stops) {
      if (timed.stop.kind !== 'ticket') continue;
      const timing = evaluation.timings.get(timed.stop.ticket)!;
      assignments.push(assignmentOf(instance, draft, timing, provenance.why, iso, locationId));
    }

  const routes: Route[] = evaluation.routes
    .filter((route) => route.stops.length > 0)
    .map((route) => ({
      engineer: instance.engineers[route.engineer]!.id,
      stops: route.stops.map((timed) =>
        timed.stop.kind === 'ticket'
          ? {
              type: 'ticket' as const,
              ticket: instance.tickets[timed.stop.ticket]!.id,
              location: locationId(timed.location),
              arrive: iso(timed.arrive),
              depart: iso(timed.depart),
            }
          : {
              type: 'pickup' as const,
              location: locationId(timed.location),
              arrive: iso(timed.arrive),
              depart: iso(timed.depart),
              skus: pickupSkus(draft, route.engineer, timed.location, evaluation),
            },
      ),
      finish: iso(route.finish),
      travelMinutes: unitsToMinutes(route.travel),
    }));

  const counts = commitmentCounts(instance, evaluation);
  const [missed, late, travelAndCourier, coverage] = evaluation.objective;
  return {
    assignments,
    routes,
    unassigned: evaluation.unassigned.map((ticket) => ({
      ticket: instance.tickets[ticket]!.id,
      reason: unassignedReason(instance, ticket, provenance.provenOptimal),
    })),
    summary: {
      commitments: counts,
      lateMinutes: unitsToMinutes(late),
      travelMinutes: unitsToMinutes(evaluation.travelUnits),
      courierMinutes: unitsToMinutes(evaluation.courierUnits),
      objective: [missed, unitsToMinutes(late), unitsToMinutes(travelAndCourier), coverage],
      solveMs: Math.round(provenance.solveMs),
      provenOptimal: provenance.provenOptimal,
      lowerBound: provenance.lowerBound,
      moved: evaluation.moved,
      method: provenance.method,
    },
  };
}

function assignmentOf(
  instance: ExactInstance,
  draft: Draft,
  timing: TicketTiming,
  why: string,
  iso: (units: number) => string,
  locationId: (index: number) => string,
): Assignment {
  const ticket = instance.tickets[timing.ticket]!;
  const from = (source: DraftSource) => (source.via === 'van' ? 'van' : locationId(source.location));
  const atSite = (source: DraftSource) =>
    source.via === 'courier'
      ? (instance.courierArrival(source.location, ticket.site) ?? timing.arrive)
      : timing.arrive;

  const lines = new Map<string, PartSupply>();
  for (const part of draft.parts.filter((p) => p.ticket === ticket.index)) {
    const needed = ticket.needs[part.need]!.sku;
    const key = [needed, part.sku, from(part.source), part.source.via].join('\u0000');
    const line = lines.get(key);
    if (line) line.qty += part.qty;
    else
      lines.set(key, {
        sku: part.sku,
        qty: part.qty,
        from: from(part.source),
        via: part.source.via,
        atSite: iso(atSite(part.source)),
        ...(part.sku === needed ? {} : { forSku: needed }),
      });
  }
  const unit = draft.units.find((u) => u.ticket === ticket.index);
  const spareUnit: UnitSupply | undefined = unit && {
    sku: unit.sku,
    from: from(unit.source),
    via: unit.source.via,
    atSite: iso(atSite(unit.source)),
  };
  const outcome = (
    commitment: CommitmentTiming | null,
    due: string | null | undefined,
  ): CommitmentOutcome | undefined =>
    commitment && due
      ? {
          due,
          met: commitment.met,
          slackMinutes: roundMinutes(unitsToMinutes(commitment.due - commitment.at)),
        }
      : undefined;
  const onsite = outcome(timing.onsite, ticket.source.due.onsite);
  const unitCommitment = outcome(timing.unit, ticket.source.due.spareUnit);
  return {
    ticket: ticket.id,
    engineer: instance.engineers[timing.engineer]!.id,
    arrive: iso(timing.arrive),
    start: iso(timing.start),
    end: iso(timing.end),
    parts: [...lines.values()],
    ...(spareUnit ? { spareUnit } : {}),
    commitments: { ...(onsite ? { onsite } : {}), ...(unitCommitment ? { spareUnit: unitCommitment } : {}) },
    why,
    alternatives: alternativesFor(instance, ticket.index, timing.engineer),
    ...(ticket.source.pin ? { pinned: true } : {}),
  };
}

function pickupSkus(draft: Draft, engineer: number, location: number, evaluation: DraftEvaluation) {
  const skus: Record<string, number> = {};
  const throughHere = (ticket: number, source: DraftSource) =>
    source.via === 'pickup' &&
    source.location === location &&
    evaluation.timings.get(ticket)?.engineer === engineer;
  for (const part of draft.parts)
    if (throughHere(part.ticket, part.source)) skus[part.sku] = (skus[part.sku] ?? 0) + part.qty;
  for (const unit of draft.units)
    if (throughHere(unit.ticket, unit.source)) skus[unit.sku] = (skus[unit.sku] ?? 0) + 1;
  return skus;
}

/** Met and missed commitments; an unassigned ticket's commitments all count as missed. */
function commitmentCounts(instance: ExactInstance, evaluation: DraftEvaluation) {
  const byLevel: Record<string, [number, number]> = {};
  let met = 0;
  let missed = 0;
  for (const ticket of instance.tickets) {
    const level = (byLevel[String(ticket.source.level)] ??= [0, 0]);
    const timing = evaluation.timings.get(ticket.index);
    const outcomes = timing
      ? [timing.onsite, timing.unit].filter((c) => c !== null).map((c) => c.met)
      : Array.from({ length: ticket.commitmentCount }, () => false);
    for (const isMet of outcomes) {
      if (isMet) met += 1;
      else missed += 1;
      level[isMet ? 0 : 1] += 1;
    }
  }
  return { met, missed, byLevel };
}
