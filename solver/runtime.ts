/**
 * What the solver needs from its caller besides the problem. The solver never reads the clock
 * itself: a deadline only means something against a clock the caller hands in (the CLI and the
 * service pass `performance.now`, tests pass a counter so that runs are reproducible).
 */
export interface SolverRuntime {
  /** Milliseconds on a monotonic clock. */
  now: () => number;
  /**
   * Optional cap on search iterations. With it, a run is identical for a seed however fast the
   * machine is (tests and golden files use it); without it, the time limit alone stops the search.
   */
  maxIterations?: number;
}
