import type { Candidate, Plan, Stop } from '../plan.schema.ts';
import type { Ticket } from '../problem.schema.ts';
import { roundMinutes, unitsToMinutes } from '../units.ts';
import { MINUTES_TOLERANCE } from './commitments.ts';
import { compareObjective, compareVisit } from './compare.ts';
import type { CheckContext } from './context.ts';
import { derivePlan, discardSink, tallyRoute, type PlanDerivation } from './derive.ts';
import { StockLedger } from './ledger.ts';
import { indexPlan, type PlanIndex } from './plan-index.ts';
import { evaluateRoute, type TicketVisit } from './route.ts';
import { Tally } from './tally.ts';
import type { ViolationSink } from './types.ts';

interface CandidateBase {
  ticket: Ticket;
  index: PlanIndex;
  derivation: PlanDerivation;
  objective: readonly number[];
}

/**
 * Checks a candidates-mode answer. The base is the plan without the candidates' ticket (its
 * stops and assignment removed, and it counts neither as served nor as unassigned); each
 * candidate is that base with the ticket inserted at `position` of the engineer's stops, preceded
 * by a pickup stop at each location it picks up from that the route does not visit earlier.
 * `objective` is the whole plan so changed, `delta` its difference from the base, and a
 * consequence's `slackLostMinutes` how much later that ticket is reached.
 */
export function checkCandidates(
  ctx: CheckContext,
  plan: Plan,
  candidates: readonly Candidate[],
  sink: ViolationSink,
): void {
  const ticketId = ctx.problem.options.ticket ?? ctx.problem.tickets[0]?.id;
  const ticket = ticketId === undefined ? undefined : ctx.tickets.get(ticketId);
  if (!ticket || candidates.length === 0) return;
  const discard = discardSink();
  const index = indexPlan(ctx, withoutTicket(plan, ticket.id), discard);
  const derivation = derivePlan(ctx, index, discard, ticket.id);
  const base = { ticket, index, derivation, objective: derivation.tally.totals().objective };

  checkOrder(candidates, sink);
  for (const candidate of candidates)
    checkCandidate(
      ctx,
      base,
      candidate,
      sink.scoped(`candidate ${candidate.rank} (${candidate.engineer}): `),
    );
}

function withoutTicket(plan: Plan, ticket: string): Plan {
  return {
    ...plan,
    assignments: plan.assignments.filter((assignment) => assignment.ticket !== ticket),
    unassigned: plan.unassigned.filter((entry) => entry.ticket !== ticket),
    routes: plan.routes.map((route) => ({
      ...route,
      stops: route.stops.filter((stop) => stop.type !== 'ticket' || stop.ticket !== ticket),
    })),
  };
}

function checkOrder(candidates: readonly Candidate[], sink: ViolationSink): void {
  candidates.forEach((candidate, i) => {
    if (candidate.rank !== i + 1)
      sink.report('candidate-order', `candidate at index ${i} has rank ${candidate.rank}, expected ${i + 1}`);
    const previous = candidates[i - 1];
    if (previous && lexicographicallyBefore(candidate.objective, previous.objective))
      sink.report('candidate-order', `candidate ${candidate.rank} is better than candidate ${previous.rank}`);
  });
}

function lexicographicallyBefore(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i += 1) {
    const tolerance = i === 0 || i === 3 ? 0 : MINUTES_TOLERANCE;
    if (a[i]! < b[i]! - tolerance) return true;
    if (a[i]! > b[i]! + tolerance) return false;
  }
  return false;
}

function checkCandidate(
  ctx: CheckContext,
  base: CandidateBase,
  candidate: Candidate,
  sink: ViolationSink,
): void {
  const { ticket, index, derivation } = base;
  const engineer = ctx.engineers.get(candidate.engineer);
  if (!engineer) {
    sink.report('unknown-engineer', `unknown engineer ${candidate.engineer}`, {
      engineer: candidate.engineer,
    });
    return;
  }
  const baseStops = index.routes.find((route) => route.engineer === engineer.id)?.stops ?? [];
  if (candidate.position > baseStops.length) {
    sink.report(
      'candidate-position',
      `position ${candidate.position} past the route's ${baseStops.length} stops`,
      {
        engineer: engineer.id,
      },
    );
    return;
  }
  const first = baseStops[0];
  const firstPinned = first?.type === 'ticket' ? ctx.tickets.get(first.ticket)?.pin : undefined;
  if (
    candidate.position === 0 &&
    firstPinned?.first &&
    firstPinned.engineer === engineer.id &&
    first?.type === 'ticket'
  )
    sink.report('pin', `goes before ${first.ticket}, pinned as ${engineer.id}'s first stop`, {
      ticket: ticket.id,
    });

  const discard = discardSink();
  const evaluation = evaluateRoute(
    ctx,
    engineer,
    insertTicket(baseStops, ticket, candidate),
    (id) =>
      id === ticket.id
        ? candidate
        : index.stopEngineer.get(id) === engineer.id
          ? index.assignments.get(id)
          : undefined,
    { route: sink, ticket: (id) => (id === ticket.id ? sink : discard) },
    { checkPickupTotals: false },
  );
  const visit = evaluation.visits.find((v) => v.ticket.id === ticket.id)!;
  compareVisit(ctx, candidate, visit, sink);

  const ledger = new StockLedger(derivation.ledger);
  for (const draw of visit.supplies?.draws ?? []) ledger.draw(draw);
  ledger.reportOveruse(ctx, sink);

  const before = derivation.routes.get(engineer.id);
  const total = new Tally().add(derivation.tally).add(tallyRoute(ctx, evaluation, new StockLedger()));
  if (before) total.add(before.tally, -1);
  total.coverage += derivation.coverage.count(ledger);
  const objective = total.totals().objective;
  compareObjective('objective', candidate.objective, objective, sink);
  const delta = objective.map((term, i) =>
    i === 1 || i === 2 ? roundMinutes(term - base.objective[i]!) : term - base.objective[i]!,
  );
  compareObjective('delta', candidate.delta, delta, sink);

  const previous = new Map((before?.evaluation.visits ?? []).map((v) => [v.ticket.id, v]));
  checkConsequences(candidate, evaluation.visits, previous, ticket.id, sink);
}

function insertTicket(baseStops: readonly Stop[], ticket: Ticket, candidate: Candidate): Stop[] {
  const before = baseStops.slice(0, candidate.position);
  const visited = new Set(before.flatMap((stop) => (stop.type === 'pickup' ? [stop.location] : [])));
  const pickups: Stop[] = [];
  for (const supply of [...candidate.parts, ...(candidate.spareUnit ? [candidate.spareUnit] : [])]) {
    if (supply.via !== 'pickup' || visited.has(supply.from)) continue;
    visited.add(supply.from);
    pickups.push({ type: 'pickup', location: supply.from, arrive: '', depart: '', skus: {} });
  }
  const stop: Stop = { type: 'ticket', ticket: ticket.id, location: ticket.site, arrive: '', depart: '' };
  return [...before, ...pickups, stop, ...baseStops.slice(candidate.position)];
}

function checkConsequences(
  candidate: Candidate,
  visits: readonly TicketVisit[],
  previous: ReadonlyMap<string, TicketVisit>,
  ticket: string,
  sink: ViolationSink,
): void {
  const derived = new Map<string, { slackLost: number; becomesLate: boolean }>();
  for (const visit of visits) {
    const old = previous.get(visit.ticket.id);
    if (visit.ticket.id === ticket || !old) continue;
    const becomesLate =
      (old.commitments.onsite?.met === true && visit.commitments.onsite?.met === false) ||
      (old.commitments.spareUnit?.met === true && visit.commitments.spareUnit?.met === false);
    derived.set(visit.ticket.id, { slackLost: unitsToMinutes(visit.arrive - old.arrive), becomesLate });
  }
  const reported = new Set<string>();
  for (const consequence of candidate.consequences) {
    reported.add(consequence.ticket);
    const mine = derived.get(consequence.ticket);
    if (!mine) {
      sink.report('candidate-consequences', `${consequence.ticket} is not on the route`, {
        ticket: consequence.ticket,
      });
      continue;
    }
    if (
      !(Math.abs(consequence.slackLostMinutes - mine.slackLost) <= MINUTES_TOLERANCE) ||
      consequence.becomesLate !== mine.becomesLate
    )
      sink.report(
        'candidate-consequences',
        `${consequence.ticket} loses ${consequence.slackLostMinutes} min (late: ${consequence.becomesLate}), expected ${mine.slackLost} min (late: ${mine.becomesLate})`,
        { ticket: consequence.ticket },
      );
  }
  for (const [id, mine] of derived)
    if (mine.becomesLate && !reported.has(id))
      sink.report('candidate-consequences', `${id} becomes late and is not listed`, { ticket: id });
}
