import { z } from 'zod';

/**
 * Input and result of 4-hour spare-unit coverage positioning (../shared/docs/inventory.md,
 * "Multi-location and the 4-hour promise"; commitments.md: plans 1–2 promise a spare unit on site
 * within 4 h). The input is plain JSON so that the service can validate it with `CoverageInput`
 * and answer a 4xx that names the field; the solver itself never does I/O.
 */

const id = z.string().min(1).max(200);
const nonNegative = z.number().finite().min(0);
const count = z.number().int().min(0);

/**
 * A model of spare unit. Units of one model are interchangeable; SKUs that can stand in for one
 * another are grouped by the caller into one model (`skus` only documents which), so that each
 * model is an independent sub-problem.
 */
export const CoverageModel = z.object({
  id,
  /** Price of buying one new unit. */
  unitCost: nonNegative,
  /** Cost of holding one unit for a year (capital, space, insurance). */
  holdingCostPerYear: nonNegative,
  skus: z.array(id).optional(),
});
export type CoverageModel = z.infer<typeof CoverageModel>;

export const CoverageLocation = z.object({
  id,
  /** Free text for the reader ('central', 'depot', 'forward', …); the model does not use it. */
  kind: z.string().min(1).max(50),
  /** Minutes from the call to a unit leaving this location (pick, pack, hand over). */
  handlingMinutes: nonNegative,
  /** Units on hand per model id (absent: none). */
  stock: z.record(id, count).default({}),
  /**
   * Most units (all models together) the location may hold after the moves; absent: no limit.
   * Units already there beyond it are not forced out, but nothing more is moved in or bought.
   */
  capacity: count.optional(),
});
export type CoverageLocation = z.infer<typeof CoverageLocation>;

export const SiteDemand = z.object({
  modelId: id,
  /** Expected failures per year needing a spare unit of this model at this site (λ). */
  ratePerYear: z.number().finite().positive(),
});
export type SiteDemand = z.infer<typeof SiteDemand>;

export const CoverageSite = z.object({
  id,
  demands: z.array(SiteDemand).min(1),
  /** The contract's spare-unit promise in minutes (travel + handling must fit); default 240. */
  promiseMinutes: z.number().finite().positive().default(240),
});
export type CoverageSite = z.infer<typeof CoverageSite>;

/** Travel time from a stock location to a site. A pair that is not listed is unreachable. */
export const TravelLeg = z.object({ locationId: id, siteId: id, minutes: nonNegative });
export type TravelLeg = z.infer<typeof TravelLeg>;

export const TransferCost = z.object({
  /** Cost of moving one unit between two locations that no pair below names. */
  perUnit: nonNegative,
  /** Directed per-pair costs (e.g. a per-km rate × road distance); the reverse pair is used when only it is listed. */
  pairs: z.array(z.object({ from: id, to: id, costPerUnit: nonNegative })).default([]),
});
export type TransferCost = z.infer<typeof TransferCost>;

export const CoverageBackendName = z.enum(['highs', 'jslp']);
export type CoverageBackendName = z.infer<typeof CoverageBackendName>;

export const CoverageInput = z.object({
  models: z.array(CoverageModel).min(1),
  locations: z.array(CoverageLocation).min(1),
  sites: z.array(CoverageSite),
  travel: z.array(TravelLeg),
  /** Days a used unit takes to be replaced at the location that sent it (repair or resupply, T). */
  replenishmentDays: z.number().finite().positive(),
  /** Target fill rate f*: share of demands served from stock within the promise. */
  targetFillRate: z.number().gt(0).lt(1),
  transferCost: TransferCost,
  /** Most that may be spent on new units, all models together; absent: no limit. */
  purchaseBudget: nonNegative.optional(),
  /** Default 'highs': the one that answered every benchmark size (docs/benchmarks.md, "Coverage positioning"). */
  backend: CoverageBackendName.optional(),
  /**
   * Stop a MIP when its incumbent is within this share of the best bound (the reported `gap`
   * says how close it got). The objective excludes the constant holding of current units, so the
   * share is of what the decision costs. Default 1e-4; 0 asks for a full proof.
   */
  mipRelativeGap: z.number().min(0).max(1).default(1e-4),
  /**
   * Wall-clock limit for all MIP solves together, counted from when every model has its greedy
   * placement (which takes no MIP and is not limited). Default 30 000. The MIPs run, models with the most money at stake first, each with an equal
   * share of the time left, and a model the time does not reach keeps its greedy placement
   * (reported per model in `models`).
   */
  timeLimitMs: z.number().int().positive().default(30_000),
});
/** What the caller passes (defaults may be left out). */
export type CoverageInputRaw = z.input<typeof CoverageInput>;
/** After parsing: defaults applied. */
export type CoverageInput = z.output<typeof CoverageInput>;

/** Final stock of one model at one location, against what it holds now. */
export interface Placement {
  readonly locationId: string;
  readonly modelId: string;
  /** Units to hold after the moves. */
  readonly units: number;
  readonly currentUnits: number;
  /** units − currentUnits. */
  readonly delta: number;
  /** Demand (per year) of the sites this location covers for this model. */
  readonly coveredRatePerYear: number;
  /** Fill rate of this location for that demand, P(Poisson(λ·T) ≤ units − 1). */
  readonly predictedFillRate: number;
}

/** The location that serves a site's demand for a model within the promise. */
export interface CoverageAssignment {
  readonly siteId: string;
  readonly modelId: string;
  readonly locationId: string;
  /** Travel + handling, minutes. */
  readonly minutes: number;
}

export interface Transfer {
  readonly modelId: string;
  readonly from: string;
  readonly to: string;
  readonly units: number;
  readonly costPerUnit: number;
}

export interface Purchase {
  readonly locationId: string;
  readonly modelId: string;
  readonly units: number;
  readonly unitCost: number;
}

export type UncoveredReason =
  /** No location is within the promise even with stock: `nearest` says how far the best one is. */
  | 'out-of-range'
  /** Locations are in range, but capacity or the purchase budget leaves too few units for it. */
  | 'insufficient-capacity-or-budget'
  /** The solver stopped at its time limit without a placement that covers it. */
  | 'solver-limit';

export interface Uncovered {
  readonly siteId: string;
  readonly modelId: string;
  readonly ratePerYear: number;
  readonly reason: UncoveredReason;
  /** A sentence for the depot manager, e.g. "no stock location within 240 min (nearest L7 at 312 min)". */
  readonly explanation: string;
  /** The location closest in travel + handling, where any is listed. */
  readonly nearest?: { readonly locationId: string; readonly minutes: number };
}

export interface CoverageCost {
  /** Holding cost per year of all units held after the moves. */
  readonly holdingPerYear: number;
  readonly transfer: number;
  readonly purchase: number;
  /** holdingPerYear + transfer + purchase (what the MIP minimises, up to the constant holding of current units). */
  readonly total: number;
}

export type CoverageSolverStatus = 'optimal' | 'feasible' | 'infeasible' | 'unknown';

/** How a model's placement was found: by its MIP, or by the greedy placement alone. */
export type CoverageMethod = 'mip' | 'greedy';

/** How one model with coverable sites was placed, so that every figure says how sure it is. */
export interface ModelCoverageReport {
  readonly modelId: string;
  readonly method: CoverageMethod;
  /** The MIP's status; 'heuristic' for a greedy placement that is not proven optimal. */
  readonly status: CoverageSolverStatus | 'heuristic';
  readonly proven: boolean;
  /** Transfer + purchase cost of the placement (what the MIP minimises); null when unknown. */
  readonly objective: number | null;
  /** Best lower bound known on that cost (0, from costs ≥ 0, when nothing better is known). */
  readonly bound: number | null;
  /** (objective − bound) / objective; null when either is unknown. */
  readonly gap: number | null;
  /** Time spent on this model (greedy, plus MIP where one ran). */
  readonly ms: number;
  /** Why this method, in words, e.g. "heuristic, no proof: the time limit was spent before this model's MIP". */
  readonly note: string;
}

export interface CoverageSolverSummary {
  readonly backend: CoverageBackendName;
  /** The worst status over the sub-problems (one per model, or one joint problem when capacity or budget couples them). */
  readonly status: CoverageSolverStatus;
  /** Every sub-problem proven optimal (gap 0) by a backend whose proof is trusted (HiGHS). */
  readonly provenOptimal: boolean;
  /** (objective − bound) / objective over all sub-problems; null when a bound is unknown. */
  readonly gap: number | null;
  readonly ms: number;
  /** How many MIPs were solved and whether the models were solved jointly. */
  readonly subproblems: number;
  readonly joint: boolean;
  readonly variables: number;
  readonly constraints: number;
  /** Models placed by their MIP, and by the greedy placement alone (of which proven optimal). */
  readonly methods: { readonly mip: number; readonly greedy: number; readonly greedyProven: number };
}

export interface CoverageResult {
  readonly placement: readonly Placement[];
  readonly coverage: readonly CoverageAssignment[];
  /** Moves of existing units (made before any purchase), from a min-cost matching of surpluses to deficits. */
  readonly transfers: readonly Transfer[];
  readonly purchases: readonly Purchase[];
  readonly uncovered: readonly Uncovered[];
  readonly cost: CoverageCost;
  readonly solver: CoverageSolverSummary;
  /** One report per model with coverable sites: method, status, gap, time and why. */
  readonly models: readonly ModelCoverageReport[];
}
