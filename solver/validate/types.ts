import type { Objective } from '../plan.schema.ts';

/** Every rule the checker enforces; a violation names exactly one. */
export type ViolationRule =
  | 'unknown-ticket'
  | 'ticket-twice'
  | 'ticket-missing'
  | 'unknown-engineer'
  | 'unknown-location'
  | 'route-twice'
  | 'stop-location'
  | 'skill'
  | 'shift-end'
  | 'max-jobs'
  | 'capacity'
  | 'time-mismatch'
  | 'earliest-start'
  | 'parts-missing'
  | 'parts-excess'
  | 'part-incompatible'
  | 'supply-source'
  | 'stock-overuse'
  | 'van-overuse'
  | 'pickup-missing'
  | 'pickup-mismatch'
  | 'pickup-repeated'
  | 'courier-unavailable'
  | 'unit-missing'
  | 'unit-incompatible'
  | 'commitment-mismatch'
  | 'pin'
  | 'route-assignment-mismatch'
  | 'summary-mismatch'
  | 'objective-mismatch'
  | 'candidate-position'
  | 'candidate-order'
  | 'candidate-consequences';

export interface PlanViolation {
  rule: ViolationRule;
  message: string;
  ticket?: string;
  engineer?: string;
}

/** Met and missed commitment counts; `byLevel[level] = [met, missed]`. */
export interface CommitmentCounts {
  met: number;
  missed: number;
  byLevel: Record<string, [number, number]>;
}

/** What the checker re-derived from the problem and the plan's decisions alone. */
export interface DerivedTotals {
  objective: Objective;
  commitments: CommitmentCounts;
  lateMinutes: number;
  travelMinutes: number;
  courierMinutes: number;
  moved: number;
}

export interface PlanValidation {
  valid: boolean;
  violations: PlanViolation[];
  derived: DerivedTotals;
}

/** Collects violations; `scope` prefixes messages (a candidate's rank, for instance). */
export class ViolationSink {
  constructor(
    readonly violations: PlanViolation[] = [],
    private readonly scope = '',
  ) {}

  report(rule: ViolationRule, message: string, about: { ticket?: string; engineer?: string } = {}): void {
    const violation: PlanViolation = { rule, message: this.scope + message };
    if (about.ticket !== undefined) violation.ticket = about.ticket;
    if (about.engineer !== undefined) violation.engineer = about.engineer;
    this.violations.push(violation);
  }

  /** A sink that reports into the same list with an extra message prefix. */
  scoped(prefix: string): ViolationSink {
    return new ViolationSink(this.violations, this.scope + prefix);
  }
}
