import type { Plan } from './plan.schema.ts';
import type { Problem } from './problem.schema.ts';
import { checkCandidates } from './validate/candidates.ts';
import { compareRoute, compareSummary, compareVisit } from './validate/compare.ts';
import { createCheckContext } from './validate/context.ts';
import { derivePlan } from './validate/derive.ts';
import { indexPlan } from './validate/plan-index.ts';
import { ViolationSink, type PlanValidation } from './validate/types.ts';

export type {
  CommitmentCounts,
  DerivedTotals,
  PlanValidation,
  PlanViolation,
  ViolationRule,
} from './validate/types.ts';

/**
 * The independent checker (docs/solver.md). It takes from the plan only its decisions (who
 * serves which ticket in which order, which pickups, which stock by which way) and re-derives
 * every time, commitment and total from the problem, reporting each disagreement and each broken
 * rule as a violation. A bad plan never throws. Candidates, when the plan has them, are checked too.
 */
export function validatePlan(problem: Problem, plan: Plan): PlanValidation {
  const ctx = createCheckContext(problem);
  const sink = new ViolationSink();
  const index = indexPlan(ctx, plan, sink);
  const derivation = derivePlan(ctx, index, sink);

  for (const route of index.routes) {
    const { evaluation } = derivation.routes.get(route.engineer)!;
    compareRoute(ctx, route, evaluation, sink);
    for (const visit of evaluation.visits) {
      const assignment = index.assignments.get(visit.ticket.id);
      if (visit.supplies && assignment) compareVisit(ctx, assignment, visit, sink);
    }
  }
  derivation.ledger.reportOveruse(ctx, sink);
  const derived = derivation.tally.totals();
  compareSummary(plan.summary, derived, sink);
  if (plan.candidates) checkCandidates(ctx, plan, plan.candidates, sink);

  return { valid: sink.violations.length === 0, violations: sink.violations, derived };
}

/**
 * Checks only the candidates of a candidates-mode plan: each one re-derived as if its ticket were
 * inserted at `position` into that engineer's route of the plan (without the ticket).
 */
export function validateCandidates(
  problem: Problem,
  plan: Plan,
): Pick<PlanValidation, 'valid' | 'violations'> {
  const sink = new ViolationSink();
  checkCandidates(createCheckContext(problem), plan, plan.candidates ?? [], sink);
  return { valid: sink.violations.length === 0, violations: sink.violations };
}
