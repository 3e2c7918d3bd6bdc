import type { SuggestionDraft } from './reorder-decisions.ts';

/**
 * Which of a run's suggestions are stored for a depot manager to review. A national night plans
 * hundreds of thousands of pairs and about nine in ten have nothing to do; storing those only
 * slowed the run and buried the rest. Stored: any action other than none, 4-hour coverage at
 * risk, or an alert that asks for a decision. Alerts that only describe the demand (too little
 * history, no demand, lumpy demand) do not; the run's counts say how many pairs were planned and
 * not stored.
 */
const INFORMATIONAL_ALERTS: ReadonlySet<string> = new Set([
  'too-little-history',
  'no-demand',
  'lumpy-demand',
]);

export function needsReview(draft: SuggestionDraft): boolean {
  return (
    draft.action !== 'none' ||
    draft.coverageAtRisk ||
    draft.alerts.some((alert) => !INFORMATIONAL_ALERTS.has(alert.code))
  );
}
