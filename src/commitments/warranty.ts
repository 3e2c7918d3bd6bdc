import { z } from 'zod';
import { WarrantyExclusion, type OutOfWarrantyPolicy, type WarrantyTerms } from './catalog.schema.ts';
import { CommitmentError } from './errors.ts';
import { isLocalDate, type LocalDate } from './zoned-time.ts';

/**
 * Who pays for a repair. Inside a component's warranty, parts and labour are free. Outside it the
 * contract's policy applies: parts at cost and no labour fee (plan 1), or parts and labour at the
 * published rate (plan 4). Damage by the user, by unauthorised repairers or by force majeure is
 * covered by neither, inside or outside the warranty.
 */

export const FaultCause = z.enum(['normal-use', ...WarrantyExclusion.options]);
export type FaultCause = z.infer<typeof FaultCause>;

export type WarrantyDecisionName = 'free' | 'parts-only' | 'parts-and-labour' | 'not-covered';

export interface WarrantyDecision {
  decision: WarrantyDecisionName;
  reason: string;
}

interface WarrantyQuestion {
  /** A component of `terms.months`, e.g. `main-unit`, `piping`, `electrical`, `software-support`. */
  component: string;
  /** The local date the fault was reported. */
  faultOn: LocalDate;
  cause: FaultCause;
  terms: WarrantyTerms;
}

/**
 * Either the date the cover started (installation, acceptance or sale, as the contract says), from
 * which the component's warranty is computed, or the last covered day the installed base records.
 */
export type WarrantyInput = WarrantyQuestion &
  ({ coverStartsOn: LocalDate; coveredUntil?: never } | { coveredUntil: LocalDate; coverStartsOn?: never });

function assertDate(value: string, path: string): void {
  if (!isLocalDate(value)) {
    throw new CommitmentError('invalid-input', 'not a date', [
      { path, message: `${value} is not YYYY-MM-DD` },
    ]);
  }
}

/**
 * The last covered day of a warranty of `months` months that starts on `coverStartsOn`. Periods in
 * months are counted as the Civil Code counts them (民法典, 期间计算): the start day does not
 * count, and the period ends on the same day of the month `months` later, or on that month's last
 * day when it has no such day (31 January + 1 month ends on 28 or 29 February).
 */
export function lastCoveredDay(coverStartsOn: LocalDate, months: number): LocalDate {
  assertDate(coverStartsOn, 'coverStartsOn');
  const [year, month, day] = coverStartsOn.split('-').map(Number) as [number, number, number];
  const monthIndex = month - 1 + months;
  const daysInTarget = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, monthIndex, Math.min(day, daysInTarget))).toISOString().slice(0, 10);
}

/** The last covered day of every component in the terms, for a cover that starts on one date. */
export function warrantyEnds(coverStartsOn: LocalDate, terms: WarrantyTerms): Record<string, LocalDate> {
  return Object.fromEntries(
    Object.entries(terms.months).map(([component, months]) => [
      component,
      lastCoveredDay(coverStartsOn, months),
    ]),
  );
}

const CHARGED: Record<OutOfWarrantyPolicy, { decision: WarrantyDecisionName; what: string }> = {
  'parts-at-cost-no-labour': { decision: 'parts-only', what: 'parts at cost, no labour fee' },
  'parts-and-labour': { decision: 'parts-and-labour', what: 'parts and labour at the published rate' },
};

export function decideWarranty(input: WarrantyInput): WarrantyDecision {
  const { component, faultOn, cause, terms } = input;
  assertDate(faultOn, 'faultOn');
  if (cause !== 'normal-use' && terms.exclusions.includes(cause)) {
    return {
      decision: 'not-covered',
      reason: `${cause} is excluded: neither the warranty nor the contract covers it`,
    };
  }
  let coveredUntil: LocalDate;
  if (input.coveredUntil !== undefined) {
    assertDate(input.coveredUntil, 'coveredUntil');
    coveredUntil = input.coveredUntil;
  } else {
    const months = terms.months[component];
    if (months === undefined) {
      throw new CommitmentError('unknown-component', `no warranty length for ${component}`, [
        { path: 'component', message: `known components: ${Object.keys(terms.months).join(', ')}` },
      ]);
    }
    coveredUntil = lastCoveredDay(input.coverStartsOn, months);
  }
  if (faultOn <= coveredUntil) {
    return {
      decision: 'free',
      reason: `${component} is under warranty until ${coveredUntil}: parts and labour free`,
    };
  }
  const charged = CHARGED[terms.outOfWarranty];
  return {
    decision: charged.decision,
    reason: `${component} warranty ended ${coveredUntil}; the contract charges ${charged.what}`,
  };
}
