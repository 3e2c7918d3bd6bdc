/**
 * 4-hour spare-unit coverage positioning (pure). Entry point: `positionSpareUnits`.
 */
import type { SolverRuntime } from '../../runtime.ts';
import type { CoverageInputRaw, CoverageResult } from './types.ts';

export * from './types.ts';
export { positionSpareUnits, DEFAULT_COVERAGE_BACKEND } from './position.ts';
export { CheckedCoverageInput, parseCoverageInput } from './validate.ts';
export { lambdaMax, poissonCdf, poissonFillRate } from './poisson.ts';
export { planMovements } from './movements.ts';
export { simulateCoverage, type CoverageSimulation, type SimulationOptions } from './simulate.ts';

/**
 * Validates the input (throws a ZodError naming the field), solves one MIP per model (jointly when
 * location capacity or the purchase budget couples models), and derives transfers and purchases.
 * `runtime.now` measures solve time and enforces `timeLimitMs`; it defaults to no clock (0).
 */
export type PositionSpareUnits = (
  input: CoverageInputRaw,
  runtime?: Pick<SolverRuntime, 'now'>,
) => CoverageResult;
