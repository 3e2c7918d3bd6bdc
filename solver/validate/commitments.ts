import type { Assignment } from '../plan.schema.ts';
import type { Ticket } from '../problem.schema.ts';
import { unitsToMinutes } from '../units.ts';
import type { CheckContext } from './context.ts';
import type { ViolationSink } from './types.ts';

/** Reported minutes (slack, late, travel) may differ from the re-derived ones by this much. */
export const MINUTES_TOLERANCE = 0.02;

export interface DerivedCommitment {
  due: number;
  met: boolean;
  /** due − arrival in units; undefined when the unit never arrives (a violation elsewhere). */
  slack: number | undefined;
}

export interface DerivedCommitments {
  onsite?: DerivedCommitment;
  spareUnit?: DerivedCommitment;
}

const KINDS = ['onsite', 'spareUnit'] as const;

/** The commitments a ticket has, judged against when the engineer and the unit arrive. */
export function deriveCommitments(
  ctx: CheckContext,
  ticket: Ticket,
  arrive: number,
  unitAtSite: number | undefined,
): DerivedCommitments {
  const derived: DerivedCommitments = {};
  if (ticket.due.onsite) derived.onsite = judge(ctx.toUnits(ticket.due.onsite), arrive);
  if (ticket.spareUnit && ticket.due.spareUnit) {
    const due = ctx.toUnits(ticket.due.spareUnit);
    derived.spareUnit =
      unitAtSite === undefined ? { due, met: false, slack: undefined } : judge(due, unitAtSite);
  }
  return derived;
}

function judge(due: number, at: number): DerivedCommitment {
  return { due, met: at <= due, slack: due - at };
}

/** The number of commitments a ticket has; an unassigned ticket misses them all. */
export function commitmentCount(ticket: Ticket): number {
  return (ticket.due.onsite ? 1 : 0) + (ticket.spareUnit && ticket.due.spareUnit ? 1 : 0);
}

export function compareCommitments(
  ctx: CheckContext,
  reported: Assignment['commitments'],
  derived: DerivedCommitments,
  ticket: string,
  sink: ViolationSink,
): void {
  for (const kind of KINDS) {
    const mine = derived[kind];
    const theirs = reported[kind];
    if (!mine && !theirs) continue;
    if (!mine) {
      sink.report('commitment-mismatch', `${ticket} reports a ${kind} commitment it does not have`, {
        ticket,
      });
      continue;
    }
    if (!theirs) {
      sink.report('commitment-mismatch', `${ticket} does not report its ${kind} commitment`, { ticket });
      continue;
    }
    const problems: string[] = [];
    if (!ctx.sameTime(theirs.due, mine.due))
      problems.push(`due ${theirs.due}, expected ${ctx.toIso(mine.due)}`);
    if (theirs.met !== mine.met) problems.push(`met ${theirs.met}, expected ${mine.met}`);
    if (
      mine.slack !== undefined &&
      !(Math.abs(theirs.slackMinutes - unitsToMinutes(mine.slack)) <= MINUTES_TOLERANCE)
    )
      problems.push(`slack ${theirs.slackMinutes} min, expected ${unitsToMinutes(mine.slack)}`);
    if (problems.length > 0)
      sink.report('commitment-mismatch', `${ticket} ${kind}: ${problems.join('; ')}`, { ticket });
  }
}
