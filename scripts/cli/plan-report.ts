import type { Plan } from '../../solver/plan.schema.ts';
import type { PlanValidation, PlanViolation } from '../../solver/validate-plan.ts';

/** The one line the CLI prints after solving. */
export function formatPlanSummary(plan: Plan, validation: PlanValidation): string {
  const { summary } = plan;
  const verdict = validation.valid ? 'valid' : `INVALID (${validation.violations.length} violations)`;
  return [
    `assigned ${plan.assignments.length}`,
    `unassigned ${plan.unassigned.length}`,
    `commitments met ${summary.commitments.met} / missed ${summary.commitments.missed}`,
    `objective [${summary.objective.join(', ')}]`,
    `solveMs ${Math.round(summary.solveMs)}`,
    verdict,
  ].join(', ');
}

export function formatViolation(violation: PlanViolation): string {
  return `  ${violation.rule}: ${violation.message}`;
}
