/**
 * Preventive work (inspections, training) as data: planned, assigned to an engineer, done, and
 * its report filed; or cancelled before it is done. Pure, so it is tested on its own.
 */

export const PREVENTIVE_STATUSES = ['planned', 'assigned', 'done', 'report_filed', 'cancelled'] as const;
export type PreventiveStatus = (typeof PREVENTIVE_STATUSES)[number];

const NEXT: Readonly<Record<PreventiveStatus, readonly PreventiveStatus[]>> = {
  planned: ['assigned', 'cancelled'],
  // Another engineer may take an assigned job over.
  assigned: ['assigned', 'done', 'cancelled'],
  done: ['report_filed'],
  report_filed: [],
  cancelled: [],
};

export const allowedPreventiveTransitions = (from: PreventiveStatus): readonly PreventiveStatus[] =>
  NEXT[from];

export const isPreventiveTransitionAllowed = (from: PreventiveStatus, to: PreventiveStatus): boolean =>
  NEXT[from].includes(to);

/** A job's window and details may change only while the work is still ahead. */
export const isEditable = (status: PreventiveStatus): boolean =>
  status === 'planned' || status === 'assigned';

/** Working days after the work is done within which its report is due (commitments.md). */
export const REPORT_WORKING_DAYS = 3;

export type Recurrence = 'once' | 'monthly' | 'twice-a-year';

const MONTHS: Readonly<Record<Recurrence, number>> = { once: 0, monthly: 1, 'twice-a-year': 6 };

/** The instant `months` calendar months later (UTC), on the month's last day when it is shorter. */
function addMonths(at: Date, months: number): Date {
  const shifted = new Date(at);
  const day = at.getUTCDate();
  shifted.setUTCDate(1);
  shifted.setUTCMonth(shifted.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0)).getUTCDate();
  shifted.setUTCDate(Math.min(day, lastDay));
  return shifted;
}

/**
 * The window of the next occurrence of recurring work, or undefined for work done once. The start
 * moves by whole months and the window keeps its length, so a window at a month's end stays open
 * for as long as before even when the next month is shorter.
 */
export function nextWindow(
  recurrence: Recurrence,
  window: { start: Date; end: Date },
): { start: Date; end: Date } | undefined {
  const months = MONTHS[recurrence];
  if (months === 0) return undefined;
  const start = addMonths(window.start, months);
  return { start, end: new Date(start.getTime() + (window.end.getTime() - window.start.getTime())) };
}
