/**
 * Types of the what-if simulation (solver/simulate): the network and demand a run starts from, the
 * dispatch policy, and the KPIs it reports. Simulated time is minutes (a float) after `start`.
 */
import type { Courier, Location, StockRecord, Travel, Weights } from '../problem.schema.ts';

export type Level = 1 | 2 | 3;
export type Tier = 'A' | 'B' | 'C';

export interface SimEngineer {
  id: string;
  /** Where every shift starts (the engineer is back home overnight). */
  home: string;
  skills: Record<string, number>;
  vanStock?: Record<string, number>;
  /** A daily shift in local minutes of the day (offset of `start`), on the given days of the week (0 = Sunday; default every day). */
  shift: { startMinute: number; endMinute: number; days?: number[] };
}

export interface SimSku {
  sku: string;
  kind: 'part' | 'unit';
  model?: string;
  fits?: string[];
  supersedes?: string[];
  /** Value of one unit (stock value, purchases). */
  unitCost: number;
  packSize?: number;
  minOrderQty?: number;
}

export interface SimNetwork {
  locations: Location[];
  engineers: SimEngineer[];
  /** Stock on hand at the start, per location × SKU. */
  stock: StockRecord[];
  skus: SimSku[];
  travel: Travel;
  courier: Courier | null;
  weights?: Weights;
}

/** One stream of demand: tickets of one kind arriving at a set of sites. */
export interface DemandClass {
  /** Names the stream's random numbers (CRN): keep it stable between baseline and scenario. */
  name: string;
  sites: string[];
  level: Level;
  tier: Tier;
  /** Mean tickets per day before seasonality (Poisson). */
  ticketsPerDay: number;
  skill: string;
  minSkillLevel: number;
  /** Planned (expected) service minutes; the simulated duration varies around it. */
  serviceMinutes: number;
  /** Each part is needed with its probability. */
  parts?: { sku: string; qty: number; probability: number }[];
  spareUnit?: { model: string; probability: number };
}

export interface DemandModel {
  kind: 'model';
  classes: DemandClass[];
  /** Multipliers by day of the week (0 = Sunday), default 1. */
  dayOfWeek?: number[];
  /** Relative weight of each local hour of the day for arrival times (24 numbers), default flat. */
  hourOfDay?: number[];
  /** Multipliers by simulated day index (seasonality over a quarter), default 1. */
  byDay?: number[];
  /** Multiplier per demand class name (a scenario's "demand doubles in this region"). */
  classScale?: Record<string, number>;
}

export interface ReplayTicket {
  id: string;
  /** Minutes after `start`. */
  at: number;
  site: string;
  level: Level;
  tier: Tier;
  skill: string;
  minSkillLevel: number;
  serviceMinutes: number;
  parts?: { sku: string; qty: number }[];
  spareUnit?: { model: string } | null;
}

export interface ReplayDemand {
  kind: 'replay';
  tickets: ReplayTicket[];
}

/** Commitment clocks in minutes from the report; null: no such promise. */
export interface Promises {
  onsiteMinutes: Record<Level, Record<Tier, number | null>>;
  spareUnitMinutes: Record<Tier, number | null>;
}

export interface ReorderSettings {
  /** Supplier lead time in days (mean, optional sd), sampled per order. */
  leadTimeDays: { mean: number; sd?: number };
  targetFillRate: number;
  holdingRate: number;
  orderCost: number;
  /** Nightly by default. */
  reviewEveryDays?: number;
  /** Daily demand before the simulation, per location × SKU, oldest first (the policies' history). */
  history?: { location: string; sku: string; daily: number[] }[];
}

export type DispatchPolicy = 'optimized' | 'nearest-free';

export interface SimulationInput {
  /** ISO-8601 with offset: the first simulated minute; its offset is the local time of shifts. */
  start: string;
  days: number;
  network: SimNetwork;
  demand: DemandModel | ReplayDemand;
  promises: Promises;
  /** Coefficient of variation of the actual service time around the planned one (lognormal); default 0.3. */
  serviceTimeCv?: number;
  /** Mean extra courier delay in minutes (exponential); default 0. */
  courierDelayMeanMinutes?: number;
  /** Null: stock is never replenished. */
  reorder: ReorderSettings | null;
  dispatch: {
    policy: DispatchPolicy;
    /** Optimized: minutes between re-plans (default 60). */
    replanEveryMinutes?: number;
    /** Optimized: the re-plan's search iterations (deterministic; default 50). */
    replanIterations?: number;
  };
}

export interface SimulationOptions {
  seed: number;
  replication: number;
  /**
   * Called at each simulated midnight with the days completed so far (1 … days) and once more at
   * the end with `days`: a background run turns it into a progress bar. It must not change the run.
   */
  onProgress?: (daysDone: number, days: number) => void;
}

export interface Rate {
  met: number;
  missed: number;
  /** met ÷ (met + missed); 1 when nothing was due. */
  share: number;
}

export interface Quantiles {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  max: number;
}

export interface SimulationKpis {
  tickets: { arrived: number; served: number; openAtEnd: number };
  promises: {
    overall: Rate;
    byLevel: Record<'1' | '2' | '3', Rate>;
    byTier: Record<Tier, Rate>;
    byClock: { onsite: Rate; spareUnit: Rate };
  };
  /** Minutes from report to the engineer on site, over tickets reached within the horizon. */
  responseMinutes: Quantiles;
  /** Tickets needing a spare unit whose unit was on site within 4 h of the report. */
  unitWithin4h: { eligible: number; within: number; share: number };
  engineers: { shiftMinutes: number; busyMinutes: number; utilisation: number; overtimeMinutes: number };
  stock: {
    /** Mean over nightly snapshots of on-hand value at stock locations (vans excluded). */
    averageValue: number;
    endValue: number;
    /** Part or unit needs that no stock in the network could cover when the ticket arrived. */
    stockOuts: number;
    purchaseOrders: number;
    purchasedUnits: number;
    purchaseValue: number;
  };
}

export interface TicketOutcome {
  id: string;
  level: Level;
  tier: Tier;
  arrivedAt: number;
  engineer: string | null;
  onsiteAt: number | null;
  endAt: number | null;
  /** When the spare unit reached the site; null when none was needed or it never came. */
  unitAt: number | null;
  onsiteDue: number | null;
  unitDue: number | null;
}

/** One stock movement; `qty` negative for issues. Locations "van:<engineer>" are vans. */
export interface StockMovement {
  at: number;
  location: string;
  sku: string;
  qty: number;
  kind: 'issue' | 'receipt';
  ticket?: string;
}

export interface SimulationResult {
  kpis: SimulationKpis;
  tickets: TicketOutcome[];
  movements: StockMovement[];
  /** Events processed (a size figure for benchmarks). */
  events: number;
  /** Calls into the real dispatch code: candidates rankings and plan-mode re-plans. */
  solverCalls: { rank: number; replan: number };
}
