import type { Plan, PlanValidation } from '../../solver/index.ts';
import type { PlanKpis, PlanValidationView } from './dispatch-plan.schemas.ts';

/** At most this many violations are stored with a plan; the count says how many there were. */
const MAX_STORED_VIOLATIONS = 50;

/** The plan in the numbers a dispatcher compares plans by (all read off the plan itself). */
export function planKpis(plan: Plan): PlanKpis {
  const { summary } = plan;
  return {
    tickets: plan.assignments.length + plan.unassigned.length,
    assigned: plan.assignments.length,
    unassigned: plan.unassigned.length,
    engineersUsed: plan.routes.filter((route) => route.stops.some((stop) => stop.type === 'ticket')).length,
    pinned: plan.assignments.filter((assignment) => assignment.pinned).length,
    moved: summary.moved ?? 0,
    commitmentsMet: summary.commitments.met,
    commitmentsMissed: summary.commitments.missed,
    byLevel: summary.commitments.byLevel,
    lateMinutes: summary.lateMinutes,
    travelMinutes: summary.travelMinutes,
    courierMinutes: summary.courierMinutes,
    objective: [...summary.objective],
    solverMs: summary.solveMs,
  };
}

/** The checker's verdict as stored: valid or not, and the first violations with their rules. */
export function validationView(validation: PlanValidation): PlanValidationView {
  return {
    valid: validation.valid,
    violationCount: validation.violations.length,
    violations: validation.violations.slice(0, MAX_STORED_VIOLATIONS).map((violation) => ({ ...violation })),
  };
}
