/**
 * 4-hour spare-unit coverage positioning (pure). Entry point: `positionSpareUnits`
 * (being written; its signature is `PositionSpareUnits`).
 */
import type { SolverRuntime } from '../../runtime.ts';
import type { CoverageInputRaw, CoverageResult } from './types.ts';

export * from './types.ts';

/**
 * Validates the input (throws a ZodError naming the field), solves one MIP per model (jointly when
 * location capacity or the purchase budget couples models), and derives transfers and purchases.
 * `runtime.now` measures solve time and enforces `timeLimitMs`; it defaults to no clock (0).
 */
export type PositionSpareUnits = (input: CoverageInputRaw, runtime?: Pick<SolverRuntime, 'now'>) => CoverageResult;
