/**
 * The solver's public API: the problem and plan schemas (the JSON contract), `solve` for every
 * mode, the independent checker, the runtime it needs, and the types.
 */
export * from './problem.schema.ts';
export * from './plan.schema.ts';
export { solve } from './solve.ts';
/** Today's routes built once, then many tickets ranked against them (the dispatcher's "who goes?"). */
export { prepareCandidates, type CandidatesQuery, type PreparedCandidates } from './candidates/prepare.ts';
export { validatePlan, validateCandidates } from './validate-plan.ts';
export type {
  CommitmentCounts,
  DerivedTotals,
  PlanValidation,
  PlanViolation,
  ViolationRule,
} from './validate-plan.ts';
export type { SolverRuntime } from './runtime.ts';
export { createTravelModel, type TravelModel } from './travel.ts';
export { TIME_UNITS_PER_MINUTE, PICKUP_MINUTES } from './units.ts';
