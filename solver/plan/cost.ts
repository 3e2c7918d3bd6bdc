/**
 * The lexicographic objective of docs/solver.md as five numbers, compared in order: weighted
 * missed commitments, late time units, travel + courier time units, coverage taken, and the
 * hidden fifth tie-breaker, tickets moved away from their previous engineer. Time terms are
 * integer units, so sums and comparisons are exact.
 */
export interface Cost {
  missed: number;
  late: number;
  travel: number;
  coverage: number;
  moved: number;
}

export const ZERO_COST: Readonly<Cost> = Object.freeze({
  missed: 0,
  late: 0,
  travel: 0,
  coverage: 0,
  moved: 0,
});

export function cost(missed: number, late: number, travel: number, coverage: number, moved: number): Cost {
  return { missed, late, travel, coverage, moved };
}

/** Negative when a is better than b, positive when worse, 0 when equal in all five terms. */
export function compareCost(a: Readonly<Cost>, b: Readonly<Cost>): number {
  // Weights may be fractional, so weighted sums built in different orders can differ in the last
  // bits; such differences are noise, not a better plan.
  const missed = a.missed - b.missed;
  if (Math.abs(missed) > 1e-9 * (1 + Math.abs(a.missed))) return missed;
  return a.late - b.late || a.travel - b.travel || a.coverage - b.coverage || a.moved - b.moved;
}

export function isNegative(a: Readonly<Cost>): boolean {
  return compareCost(a, ZERO_COST) < 0;
}

export function addCost(a: Readonly<Cost>, b: Readonly<Cost>): Cost {
  return {
    missed: a.missed + b.missed,
    late: a.late + b.late,
    travel: a.travel + b.travel,
    coverage: a.coverage + b.coverage,
    moved: a.moved + b.moved,
  };
}

export function subtractCost(a: Readonly<Cost>, b: Readonly<Cost>): Cost {
  return {
    missed: a.missed - b.missed,
    late: a.late - b.late,
    travel: a.travel - b.travel,
    coverage: a.coverage - b.coverage,
    moved: a.moved - b.moved,
  };
}
