import type { Ticket } from '../problem.schema.ts';
import { unitsToMinutes } from '../units.ts';
import { commitmentCount, type DerivedCommitments } from './commitments.ts';
import type { CheckContext } from './context.ts';
import type { DerivedTotals } from './types.ts';

const LEVELS = [1, 2, 3] as const;

/**
 * Running sums of the objective's terms and the summary's counts. Tallies add and subtract, so a
 * candidate's plan is the base plan's tally with one route's tally swapped.
 */
export class Tally {
  weightedMissed = 0;
  lateUnits = 0;
  travelUnits = 0;
  courierUnits = 0;
  coverage = 0;
  moved = 0;
  readonly met: Record<number, number> = { 1: 0, 2: 0, 3: 0 };
  readonly missed: Record<number, number> = { 1: 0, 2: 0, 3: 0 };

  /** A ticket visited by `engineerId` under an assignment. */
  served(ctx: CheckContext, ticket: Ticket, commitments: DerivedCommitments, engineerId: string): void {
    for (const commitment of [commitments.onsite, commitments.spareUnit]) {
      if (!commitment) continue;
      if (commitment.met) this.met[ticket.level]! += 1;
      else {
        this.missed[ticket.level]! += 1;
        this.weightedMissed += ctx.weightOf(ticket);
      }
      if (commitment.slack !== undefined && commitment.slack < 0) this.lateUnits -= commitment.slack;
    }
    if (ticket.previousEngineer && ticket.previousEngineer !== engineerId) this.moved += 1;
  }

  /** A ticket the plan does not serve: every commitment missed, plus one. */
  unserved(ctx: CheckContext, ticket: Ticket): void {
    const count = commitmentCount(ticket);
    this.missed[ticket.level]! += count;
    this.weightedMissed += ctx.weightOf(ticket) * (count + 1);
  }

  add(other: Tally, sign: 1 | -1 = 1): this {
    this.weightedMissed += sign * other.weightedMissed;
    this.lateUnits += sign * other.lateUnits;
    this.travelUnits += sign * other.travelUnits;
    this.courierUnits += sign * other.courierUnits;
    this.coverage += sign * other.coverage;
    this.moved += sign * other.moved;
    for (const level of LEVELS) {
      this.met[level]! += sign * other.met[level]!;
      this.missed[level]! += sign * other.missed[level]!;
    }
    return this;
  }

  totals(): DerivedTotals {
    const byLevel: Record<string, [number, number]> = {};
    let met = 0;
    let missed = 0;
    for (const level of LEVELS) {
      byLevel[String(level)] = [this.met[level]!, this.missed[level]!];
      met += this.met[level]!;
      missed += this.missed[level]!;
    }
    const lateMinutes = unitsToMinutes(this.lateUnits);
    const travelMinutes = unitsToMinutes(this.travelUnits);
    const courierMinutes = unitsToMinutes(this.courierUnits);
    return {
      objective: [
        this.weightedMissed,
        lateMinutes,
        unitsToMinutes(this.travelUnits + this.courierUnits),
        this.coverage,
      ],
      commitments: { met, missed, byLevel },
      lateMinutes,
      travelMinutes,
      courierMinutes,
      moved: this.moved,
    };
  }
}
