import { highsBackend } from '../../exact/highs-backend.ts';
import { jslpBackend } from '../../exact/jslp-backend.ts';
import type { MipBackend, MipOutcome, MipStatus } from '../../exact/model.ts';
import type { CoverageFormulation } from './formulation.ts';
import type { CoverageBackendName } from './types.ts';

/** The same backends the dispatch MIP uses (solver/exact): one neutral model, two solvers. */
export const COVERAGE_BACKENDS: Record<CoverageBackendName, MipBackend> = {
  highs: highsBackend,
  jslp: jslpBackend,
};

/** Costs are money with cents; a smaller difference is not worth branching for. */
const ABSOLUTE_GAP = 1e-6;
/** Stage 2 may not leave more demand uncovered than stage 1 found (rates are per year). */
const MISSED_SLACK = 1e-7;

export interface Deadline {
  readonly clock: () => number;
  readonly at: number;
}

export interface MipRun {
  readonly status: MipStatus;
  readonly values: Float64Array | null;
  /** Value of the cost objective, and the best bound on it where known. */
  readonly objective: number | null;
  readonly bound: number | null;
  readonly proven: boolean;
}

function timeLeft(deadline: Deadline): number {
  return Math.max(1, deadline.at - deadline.clock());
}

/** The hard model: minimise cost with every coverable site covered. */
export function solveCost(
  form: CoverageFormulation,
  backend: MipBackend,
  deadline: Deadline,
  relativeGap: number,
  start?: Float64Array,
): MipRun {
  const session = backend.open(form.model);
  try {
    const outcome = session.minimise(form.cost, {
      timeLimitMs: timeLeft(deadline),
      absoluteGap: ABSOLUTE_GAP,
      relativeGap,
      clock: deadline.clock,
      ...(start ? { start } : {}),
    });
    return fromOutcome(outcome, backend);
  } finally {
    session.dispose();
  }
}

/**
 * The soft model, lexicographically: first cover as much demand (rate) as capacity and budget
 * allow, then, with that much covered, minimise cost.
 */
export function solveCoverThenCost(
  form: CoverageFormulation,
  backend: MipBackend,
  deadline: Deadline,
  relativeGap: number,
): MipRun {
  const session = backend.open(form.model);
  try {
    const first = session.minimise(form.missed, {
      timeLimitMs: timeLeft(deadline),
      absoluteGap: ABSOLUTE_GAP,
      clock: deadline.clock,
    });
    if (first.values === null || first.objective === null) return fromOutcome(first, backend);
    session.addConstraint({
      name: 'missed_at_most_stage_one',
      terms: form.missed,
      lower: Number.NEGATIVE_INFINITY,
      upper: first.objective + MISSED_SLACK,
    });
    const second = session.minimise(form.cost, {
      timeLimitMs: timeLeft(deadline),
      absoluteGap: ABSOLUTE_GAP,
      relativeGap,
      clock: deadline.clock,
      start: first.values,
    });
    const run = fromOutcome(second, backend);
    return { ...run, proven: run.proven && first.status === 'optimal' };
  } finally {
    session.dispose();
  }
}

function fromOutcome(outcome: MipOutcome, backend: MipBackend): MipRun {
  return {
    status: outcome.status,
    values: outcome.values,
    objective: outcome.objective,
    bound: outcome.bound,
    // A proof is a proof only at (nearly) zero gap: 'optimal' within a relative gap is not one.
    proven:
      outcome.status === 'optimal' &&
      backend.proves &&
      outcome.objective !== null &&
      outcome.bound !== null &&
      outcome.objective - outcome.bound <= ABSOLUTE_GAP + 1e-9 * Math.abs(outcome.objective),
  };
}
