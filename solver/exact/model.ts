/**
 * A mixed-integer linear model in a solver-neutral form: variables with bounds and integrality,
 * constraints as lower ≤ Σ coefficient × variable ≤ upper, objectives as sparse linear terms.
 * The formulation writes this once; each backend (HiGHS, javascript-lp-solver) translates it.
 */
export interface MipVariable {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  readonly integer: boolean;
}

export interface LinearTerm {
  readonly variable: number;
  readonly coefficient: number;
}

export interface MipConstraint {
  readonly name: string;
  readonly terms: readonly LinearTerm[];
  /** -Infinity when the row has no lower bound. */
  readonly lower: number;
  /** Infinity when the row has no upper bound. */
  readonly upper: number;
}

export interface MipModel {
  readonly variables: readonly MipVariable[];
  readonly constraints: readonly MipConstraint[];
}

export type LinearExpression = readonly LinearTerm[];

export type MipStatus = 'optimal' | 'feasible' | 'infeasible' | 'unknown';

export interface MipOutcome {
  /** optimal: proven within the gap; feasible: a solution but no proof (a limit was hit). */
  readonly status: MipStatus;
  readonly values: Float64Array | null;
  readonly objective: number | null;
  /** The best proven lower bound on the objective, where the backend reports one. */
  readonly bound: number | null;
}

export interface MinimiseOptions {
  readonly timeLimitMs: number;
  /** Stop when incumbent − bound ≤ this (0.5 proves optimality of an integer-valued objective). */
  readonly absoluteGap: number;
  /** Stop when (incumbent − bound) / |incumbent| ≤ this, where the backend supports it. Default 0. */
  readonly relativeGap?: number;
  /** A feasible solution to start from, where the backend can use one. */
  readonly start?: Float64Array;
  /** The caller's monotonic clock (ms), for a backend that cannot tell a timeout from a proof. */
  readonly clock: () => number;
  /**
   * A cap on branch-and-bound nodes, where the backend supports one: unlike a time limit it stops
   * at the same point on any machine, so a run with it is reproducible.
   */
  readonly nodeLimit?: number;
}

/** One model kept open across several solves, so a lexicographic driver can add rows. */
export interface MipSession {
  minimise(objective: LinearExpression, options: MinimiseOptions): MipOutcome;
  addConstraint(constraint: MipConstraint): void;
  dispose(): void;
}

export interface MipBackend {
  readonly name: string;
  /** Whether an "optimal" from this backend is taken as a proof (summary.provenOptimal). */
  readonly proves: boolean;
  open(model: MipModel): MipSession;
}

/** Collects variables and rows; merges repeated terms, which HiGHS rejects within one row. */
export class ModelBuilder {
  private readonly variables: MipVariable[] = [];
  private readonly constraints: MipConstraint[] = [];

  get variableCount(): number {
    return this.variables.length;
  }

  addVariable(name: string, lower: number, upper: number, integer: boolean): number {
    this.variables.push({ name, lower, upper, integer });
    return this.variables.length - 1;
  }

  lowerOf(variable: number): number {
    return this.variables[variable]!.lower;
  }

  binary(name: string): number {
    return this.addVariable(name, 0, 1, true);
  }

  continuous(name: string, lower: number, upper: number): number {
    return this.addVariable(name, lower, upper, false);
  }

  addConstraint(name: string, terms: readonly LinearTerm[], lower: number, upper: number): void {
    const merged = mergeTerms(terms);
    if (merged.length === 0) {
      if (lower > 1e-9 || upper < -1e-9) throw new Error(`constraint ${name} is empty and infeasible`);
      return;
    }
    this.constraints.push({ name, terms: merged, lower, upper });
  }

  atMost(name: string, terms: readonly LinearTerm[], upper: number): void {
    this.addConstraint(name, terms, Number.NEGATIVE_INFINITY, upper);
  }

  atLeast(name: string, terms: readonly LinearTerm[], lower: number): void {
    this.addConstraint(name, terms, lower, Number.POSITIVE_INFINITY);
  }

  equal(name: string, terms: readonly LinearTerm[], value: number): void {
    this.addConstraint(name, terms, value, value);
  }

  build(): MipModel {
    return { variables: [...this.variables], constraints: [...this.constraints] };
  }
}

export function term(variable: number, coefficient = 1): LinearTerm {
  return { variable, coefficient };
}

export function mergeTerms(terms: readonly LinearTerm[]): LinearTerm[] {
  const sums = new Map<number, number>();
  for (const { variable, coefficient } of terms) sums.set(variable, (sums.get(variable) ?? 0) + coefficient);
  return [...sums]
    .filter(([, coefficient]) => coefficient !== 0)
    .map(([variable, coefficient]) => ({ variable, coefficient }));
}

export function evaluateExpression(expression: LinearExpression, values: Float64Array): number {
  return expression.reduce((sum, { variable, coefficient }) => sum + coefficient * values[variable]!, 0);
}
