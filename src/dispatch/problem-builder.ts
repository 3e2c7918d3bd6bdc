import type { Problem } from '../../solver/index.ts';
import type { Database } from '../db/connection.ts';

/**
 * The versions of everything a plan depends on, read in the same transaction as the problem,
 * so a commit can refuse a plan whose stock, engineers or tickets changed since.
 */
export interface DispatchSnapshot {
  /** When the problem was read (the builder's clock), ISO-8601. */
  takenAt: string;
  /** `${locationId}:${skuId}` → stock_balances.version. */
  stockVersions: Record<string, number>;
  /** engineer id → engineers.version. */
  engineerVersions: Record<string, number>;
  /** ticket id → tickets.version. */
  ticketVersions: Record<string, number>;
}

export interface DispatchBuildOptions {
  /** Only these open tickets (default: every open ticket in scope). */
  ticketIds?: string[];
  /** Only tickets, engineers and stock of this region. */
  regionId?: string;
  mode?: 'plan' | 'candidates';
  timeLimitMs?: number;
  seed?: number;
}

export interface DispatchProblemBuilderDeps {
  db: Database;
  now: () => Date;
}

export interface DispatchProblemBuilder {
  build(options?: DispatchBuildOptions): Promise<{ problem: Problem; snapshot: DispatchSnapshot }>;
}

/** Builds the solver problem for today from the database (body follows in the next commit). */
export function createDispatchProblemBuilder(deps: DispatchProblemBuilderDeps): DispatchProblemBuilder {
  void deps;
  return {
    build() {
      return Promise.reject(new Error('dispatch problem builder: not implemented yet'));
    },
  };
}
