import type { Assignment, Route, Summary } from '../plan.schema.ts';
import { unitsToMinutes } from '../units.ts';
import { compareCommitments, MINUTES_TOLERANCE } from './commitments.ts';
import type { CheckContext } from './context.ts';
import type { RouteEvaluation, TicketVisit } from './route.ts';
import type { DerivedTotals, ViolationSink } from './types.ts';

/** Weighted-miss totals are sums of products of weights: compare them relatively. */
const RELATIVE_TOLERANCE = 1e-9;

/** Reported stop times, finish and travel of one route against the re-derived ones. */
export function compareRoute(
  ctx: CheckContext,
  route: Route,
  evaluation: RouteEvaluation,
  sink: ViolationSink,
): void {
  const engineer = route.engineer;
  route.stops.forEach((stop, i) => {
    const timing = evaluation.stops[i]!;
    if (Number.isNaN(timing.arrive)) return;
    const what = stop.type === 'ticket' ? stop.ticket : `pickup at ${stop.location}`;
    const ticket = stop.type === 'ticket' ? stop.ticket : undefined;
    checkTime(ctx, `${engineer} stop ${i + 1} (${what}) arrive`, stop.arrive, timing.arrive, sink, {
      engineer,
      ticket,
    });
    checkTime(ctx, `${engineer} stop ${i + 1} (${what}) depart`, stop.depart, timing.depart, sink, {
      engineer,
      ticket,
    });
  });
  if (route.finish !== undefined && route.stops.length > 0)
    checkTime(ctx, `${engineer} finish`, route.finish, evaluation.finish, sink, { engineer });
  if (route.travelMinutes !== undefined)
    checkMinutes(`${engineer} route travelMinutes`, route.travelMinutes, evaluation.travelUnits, sink);
}

/** What an assignment and a candidate both report about one ticket's visit. */
export type ReportedVisit = Pick<Assignment, 'arrive' | 'start' | 'parts' | 'spareUnit' | 'commitments'> & {
  end?: string;
};

export function compareVisit(
  ctx: CheckContext,
  reported: ReportedVisit,
  visit: TicketVisit,
  sink: ViolationSink,
): void {
  const ticket = visit.ticket;
  const about = { ticket: ticket.id };
  checkTime(ctx, `${ticket.id} arrive`, reported.arrive, visit.arrive, sink, about);
  if (ticket.earliestStart && Date.parse(reported.start) < Date.parse(ticket.earliestStart) - 1000)
    sink.report(
      'earliest-start',
      `${ticket.id} starts at ${reported.start}, before ${ticket.earliestStart}`,
      about,
    );
  else checkTime(ctx, `${ticket.id} start`, reported.start, visit.start, sink, about);
  if (reported.end !== undefined) checkTime(ctx, `${ticket.id} end`, reported.end, visit.end, sink, about);
  const supplies = visit.supplies;
  if (supplies) {
    reported.parts.forEach((part, i) =>
      checkTime(ctx, `${ticket.id} ${part.sku} atSite`, part.atSite, supplies.partsAtSite[i]!, sink, about),
    );
    if (reported.spareUnit && supplies.unitAtSite !== undefined)
      checkTime(ctx, `${ticket.id} unit atSite`, reported.spareUnit.atSite, supplies.unitAtSite, sink, about);
  }
  compareCommitments(ctx, reported.commitments, visit.commitments, ticket.id, sink);
}

export function compareSummary(summary: Summary, derived: DerivedTotals, sink: ViolationSink): void {
  const problems: string[] = [];
  const { commitments } = summary;
  if (commitments.met !== derived.commitments.met)
    problems.push(`commitments met ${commitments.met}, expected ${derived.commitments.met}`);
  if (commitments.missed !== derived.commitments.missed)
    problems.push(`commitments missed ${commitments.missed}, expected ${derived.commitments.missed}`);
  const levels = new Set([...Object.keys(commitments.byLevel), ...Object.keys(derived.commitments.byLevel)]);
  for (const level of levels) {
    const [met, missed] = commitments.byLevel[level] ?? [0, 0];
    const [expectedMet, expectedMissed] = derived.commitments.byLevel[level] ?? [0, 0];
    if (met !== expectedMet || missed !== expectedMissed)
      problems.push(`byLevel[${level}] [${met}, ${missed}], expected [${expectedMet}, ${expectedMissed}]`);
  }
  for (const key of ['lateMinutes', 'travelMinutes', 'courierMinutes'] as const)
    if (!(Math.abs(summary[key] - derived[key]) <= MINUTES_TOLERANCE))
      problems.push(`${key} ${summary[key]}, expected ${derived[key]}`);
  if (summary.moved !== undefined && summary.moved !== derived.moved)
    problems.push(`moved ${summary.moved}, expected ${derived.moved}`);
  for (const problem of problems) sink.report('summary-mismatch', `summary ${problem}`);
  compareObjective('summary objective', summary.objective, derived.objective, sink);
}

export function compareObjective(
  label: string,
  reported: readonly number[],
  derived: readonly number[],
  sink: ViolationSink,
): void {
  if (!sameObjective(reported, derived))
    sink.report('objective-mismatch', `${label} [${reported.join(', ')}], expected [${derived.join(', ')}]`);
}

function sameObjective(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== 4 || b.length !== 4) return false;
  const [missA, lateA, travelA, coverA] = a as [number, number, number, number];
  const [missB, lateB, travelB, coverB] = b as [number, number, number, number];
  return (
    Math.abs(missA - missB) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(missB)) &&
    Math.abs(lateA - lateB) <= MINUTES_TOLERANCE &&
    Math.abs(travelA - travelB) <= MINUTES_TOLERANCE &&
    coverA === coverB
  );
}

function checkTime(
  ctx: CheckContext,
  label: string,
  reported: string,
  derived: number,
  sink: ViolationSink,
  about: { ticket?: string; engineer?: string },
): void {
  if (!ctx.sameTime(reported, derived))
    sink.report('time-mismatch', `${label} ${reported}, expected ${ctx.toIso(derived)}`, about);
}

function checkMinutes(label: string, reported: number, derivedUnits: number, sink: ViolationSink): void {
  const derived = unitsToMinutes(derivedUnits);
  if (!(Math.abs(reported - derived) <= MINUTES_TOLERANCE))
    sink.report('summary-mismatch', `${label} ${reported}, expected ${derived}`);
}
