import * as lpSolverModule from 'javascript-lp-solver';
import { interopDefault } from './module-interop.ts';
import type {
  LinearExpression,
  MipBackend,
  MipConstraint,
  MipModel,
  MipOutcome,
  MipSession,
} from './model.ts';

/**
 * javascript-lp-solver behind the neutral model: pure JavaScript branch and bound on a dense
 * tableau. It has no persistent model and no starting incumbent, so every stage is a fresh solve
 * of the model plus the rows added so far. It reports no bound; a solve that ends before its
 * timeout has explored the whole tree and is optimal (tolerance 0).
 */
const solver = interopDefault<typeof lpSolverModule.default.default>(lpSolverModule.default);
type JsonModel = Parameters<typeof solver.Solve>[0];
const OBJECTIVE = '__objective';
/**
 * The library stops silently at its timeout and exposes no node count, so a solve that returns
 * after this share of its limit is taken as stopped by the limit, not as proven.
 */
const TIMEOUT_SHARE = 0.95;

export const jslpBackend: MipBackend = {
  name: 'javascript-lp-solver',
  // Its LP relaxation has been seen to stop above the true optimum (docs/benchmarks.md), so its
  // "optimal" drives the stages but never becomes summary.provenOptimal.
  proves: false,
  open(model: MipModel): MipSession {
    const added: MipConstraint[] = [];
    return {
      minimise(objective: LinearExpression, options): MipOutcome {
        const json = toJsonModel(
          model,
          [...model.constraints, ...added],
          objective,
          options.timeLimitMs,
          options.relativeGap ?? 0,
        );
        const startedAt = options.clock();
        const result = solver.Solve(json) as Record<string, number | boolean | undefined>;
        const timedOut = options.clock() - startedAt >= options.timeLimitMs * TIMEOUT_SHARE;
        if (!result.feasible) return { status: 'infeasible', values: null, objective: null, bound: null };
        const values = new Float64Array(model.variables.length);
        model.variables.forEach((_, i) => {
          const value = result[`v${i}`];
          values[i] = typeof value === 'number' ? value : 0;
        });
        const objectiveValue = objective.reduce((sum, t) => sum + t.coefficient * values[t.variable]!, 0);
        const integral = model.variables.every(
          (v, i) => !v.integer || Math.abs(values[i]! - Math.round(values[i]!)) < 1e-6,
        );
        if (!integral) return { status: 'unknown', values: null, objective: null, bound: null };
        if (timedOut) return { status: 'feasible', values, objective: objectiveValue, bound: null };
        return { status: 'optimal', values, objective: objectiveValue, bound: objectiveValue };
      },
      addConstraint(constraint: MipConstraint): void {
        added.push(constraint);
      },
      dispose(): void {
        added.length = 0;
      },
    };
  },
};

function toJsonModel(
  model: MipModel,
  constraints: readonly MipConstraint[],
  objective: LinearExpression,
  timeLimitMs: number,
  relativeGap: number,
): JsonModel {
  const variables: Record<string, Record<string, number>> = {};
  const rows: Record<string, { min?: number; max?: number; equal?: number }> = {};
  const ints: Record<string, 1> = {};
  model.variables.forEach((variable, i) => {
    const column: Record<string, number> = { [OBJECTIVE]: 0 };
    variables[`v${i}`] = column;
    if (variable.integer) ints[`v${i}`] = 1;
    const bounds: { min?: number; max?: number } = {};
    if (variable.lower > 0) bounds.min = variable.lower;
    if (Number.isFinite(variable.upper)) bounds.max = variable.upper;
    if (bounds.min !== undefined || bounds.max !== undefined) {
      rows[`b${i}`] = bounds;
      column[`b${i}`] = 1;
    }
  });
  for (const { variable, coefficient } of objective)
    variables[`v${variable}`]![OBJECTIVE] = variables[`v${variable}`]![OBJECTIVE]! + coefficient;
  constraints.forEach((constraint, r) => {
    const bounds: { min?: number; max?: number; equal?: number } = {};
    if (constraint.lower === constraint.upper) bounds.equal = constraint.lower;
    else {
      if (Number.isFinite(constraint.lower)) bounds.min = constraint.lower;
      if (Number.isFinite(constraint.upper)) bounds.max = constraint.upper;
    }
    rows[`r${r}`] = bounds;
    for (const { variable, coefficient } of constraint.terms)
      variables[`v${variable}`]![`r${r}`] = coefficient;
  });
  return {
    optimize: OBJECTIVE,
    opType: 'min',
    constraints: rows,
    variables,
    ints,
    options: { timeout: Math.max(1, Math.round(timeLimitMs)), tolerance: relativeGap },
  };
}
