import type { ExactFormulation } from './formulation.ts';
import { evaluateExpression, type MipSession, type MipStatus } from './model.ts';

/**
 * Lexicographic optimisation by stages: minimise term 1; add the row "term 1 ≤ its optimum";
 * minimise term 2; and so on. Chosen over one objective with scaled weights because the terms
 * span about fourteen orders of magnitude (weights up to 3·10⁶ per commitment, then minutes in
 * 1/100) and a MIP solver's tolerances (1e-6 feasibility, a relative gap) would blur the lower
 * terms of a scaled sum; a stage compares one term at a time, in its own integer units.
 *
 * An integer-valued term fixed at "≤ optimum + 0.5" admits exactly the solutions at its optimum.
 * Each stage starts from the previous stage's solution, which satisfies the new row. A stage whose
 * incumbent already sits on a known lower bound is proven without a solve.
 */
export interface StageReport {
  readonly stage: number;
  readonly status: MipStatus | 'skipped' | 'no-time';
  readonly objective: number | null;
  readonly bound: number | null;
}

export interface LexicographicResult {
  readonly values: Float64Array | null;
  /** Whether every term was proven optimal in order. */
  readonly proven: boolean;
  /** The best bound on term 1 (its optimum when stage 1 was proven). */
  readonly firstTermBound: number | null;
  readonly stages: StageReport[];
}

export interface LexicographicOptions {
  readonly clock: () => number;
  readonly deadline: number;
  /** A lower bound per stage known without solving (0 where nothing better is known). */
  readonly knownLowerBounds: readonly number[];
  /** Branch-and-bound nodes per stage (reproducible runs); absent: only the deadline stops a stage. */
  readonly nodeLimit?: number;
}

export function solveLexicographic(
  session: MipSession,
  formulation: ExactFormulation,
  options: LexicographicOptions,
): LexicographicResult {
  const stages: StageReport[] = [];
  let values: Float64Array | null = null;
  let firstTermBound: number | null = null;
  let proven = true;

  for (const [index, objective] of formulation.objectives.entries()) {
    const integral = formulation.integral[index]!;
    const known = options.knownLowerBounds[index] ?? 0;
    const fix = (optimum: number) =>
      session.addConstraint({
        name: `fix_term_${index + 1}`,
        terms: objective,
        lower: Number.NEGATIVE_INFINITY,
        upper: optimum + (integral ? 0.5 : 1e-6 * Math.max(1, Math.abs(optimum))),
      });
    if (objective.length === 0) {
      stages.push({ stage: index + 1, status: 'skipped', objective: 0, bound: 0 });
      continue;
    }
    if (values && evaluateExpression(objective, values) <= known + (integral ? 0.5 : 1e-9)) {
      const value = evaluateExpression(objective, values);
      fix(value);
      if (index === 0) firstTermBound = known;
      stages.push({ stage: index + 1, status: 'skipped', objective: value, bound: known });
      continue;
    }
    const remaining = options.deadline - options.clock();
    if (remaining <= 0) {
      stages.push({ stage: index + 1, status: 'no-time', objective: null, bound: null });
      proven = false;
      break;
    }
    const outcome = session.minimise(objective, {
      timeLimitMs: remaining,
      absoluteGap: integral ? 0.5 : 1e-6,
      clock: options.clock,
      ...(options.nodeLimit === undefined ? {} : { nodeLimit: options.nodeLimit }),
      ...(values ? { start: values } : {}),
    });
    stages.push({
      stage: index + 1,
      status: outcome.status,
      objective: outcome.objective,
      bound: outcome.bound,
    });
    if (index === 0 && outcome.bound !== null) firstTermBound = Math.max(known, outcome.bound);
    if (outcome.values) values = outcome.values;
    if (outcome.status !== 'optimal' || outcome.objective === null) {
      proven = false;
      break;
    }
    fix(outcome.objective);
  }
  return { values, proven, firstTermBound, stages };
}
