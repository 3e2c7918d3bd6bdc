import { CommitmentError } from './errors.ts';
import { toEpochMs, type Instant } from './zoned-time.ts';

/**
 * Three strikes (三包): a device repaired three times for the same fault and still not working is
 * replaced by a new unit of the same brand and model. A new ticket for that device and fault after
 * three repairs is the proof that it is still not working, so the fourth ticket needs a replacement
 * unit, not an engineer with parts.
 */

export const DEFAULT_REPAIRS_BEFORE_REPLACEMENT = 3;

/** One earlier ticket of the same device. */
export interface RepairRecord {
  ticketId: string;
  faultCode: string;
  /** When the repair was finished; null while the ticket is open, so it is not a repair yet. */
  resolvedAt: Instant | null;
  /** Whether the device worked after this repair (reported in the reason). */
  stillWorking: boolean;
}

export interface ThreeStrikesInput {
  /** The device's earlier tickets, in any order; the new ticket itself may be among them. */
  history: readonly RepairRecord[];
  ticket: { id: string; faultCode: string; reportedAt: Instant };
  /** The profile's `threeStrikes.repairsBeforeReplacement`; 3 unless the contract says otherwise. */
  repairsBeforeReplacement?: number;
}

export interface ThreeStrikesDecision {
  replacement: boolean;
  /** Ticket ids of the earlier repairs of the same fault, oldest first. */
  repairs: string[];
  reason: string;
}

/** Fault codes compare without surrounding spaces and without case: `e-psu ` is `E-PSU`. */
function sameFault(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * Whether the new ticket needs a replacement unit. Counted: earlier tickets of the same fault that
 * were resolved by the time the new one was reported, once each; open tickets and the new ticket
 * itself are not repairs.
 */
export function decideThreeStrikes(input: ThreeStrikesInput): ThreeStrikesDecision {
  const threshold = input.repairsBeforeReplacement ?? DEFAULT_REPAIRS_BEFORE_REPLACEMENT;
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new CommitmentError('invalid-input', 'invalid three-strikes threshold', [
      { path: 'repairsBeforeReplacement', message: `${threshold} is not a whole number ≥ 1` },
    ]);
  }
  const { ticket } = input;
  const reportedMs = toEpochMs(ticket.reportedAt, 'ticket.reportedAt');
  const seen = new Set<string>();
  const repairs = input.history
    .map((record, index) => ({
      record,
      resolvedMs:
        record.resolvedAt === null ? null : toEpochMs(record.resolvedAt, `history.${index}.resolvedAt`),
    }))
    .filter(({ record, resolvedMs }) => {
      if (record.ticketId === ticket.id || seen.has(record.ticketId)) return false;
      if (!sameFault(record.faultCode, ticket.faultCode) || resolvedMs === null || resolvedMs > reportedMs)
        return false;
      seen.add(record.ticketId);
      return true;
    })
    .sort((a, b) => a.resolvedMs! - b.resolvedMs!);

  const ids = repairs.map(({ record }) => record.ticketId);
  const fault = ticket.faultCode.trim();
  if (repairs.length < threshold) {
    const earlier = ids.length
      ? `${ids.length} earlier repair(s) of fault ${fault} (${ids.join(', ')})`
      : `no earlier repair of fault ${fault}`;
    return {
      replacement: false,
      repairs: ids,
      reason: `${earlier}; a replacement unit is due after ${threshold} repairs`,
    };
  }
  const last = repairs[repairs.length - 1]!.record;
  const lastOutcome = last.stillWorking
    ? `the fault came back after ${last.ticketId}`
    : `${last.ticketId} left the device not working`;
  return {
    replacement: true,
    repairs: ids,
    reason:
      `${ordinal(repairs.length + 1)} ticket for fault ${fault} after ${repairs.length} repairs (${ids.join(', ')}); ` +
      `${lastOutcome}: replace with a new unit of the same brand and model (三包)`,
  };
}
