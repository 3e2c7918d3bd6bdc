/**
 * The nightly run's business settings, in one place so that every figure a suggestion explains
 * comes from a named value. History is monthly; one month is PERIOD_DAYS days.
 */
export const REORDER_SETTINGS = {
  /** Length of a history period (a month) in days. */
  periodDays: 30.4,
  /** The run is nightly: the review period is one day, in periods. */
  reviewDays: 1,
  /** Share of units demanded that should be served from stock. */
  targetFillRate: 0.95,
  /** Annual holding cost as a share of the unit cost. */
  holdingRate: 0.25,
  /** Fixed cost of placing one purchase order (EOQ for consumables). */
  orderCost: 50,
  /** Parts cheaper than this are consumables: ordered in economic quantities, not one for one. */
  consumableMaxUnitCost: 50,
  /** A SKU whose end of life is this close gets a last-time-buy instead of a normal buy. */
  lastTimeBuyWindowDays: 90,
  /** After end of life, demand must still be met for this many periods (parts for the design life). */
  supportPeriodsAfterEndOfLife: 24,
  /** Spare units: minutes from the call to a unit leaving a depot or office. */
  handlingMinutes: 30,
  /** Great-circle kilometres to road minutes: road circuity over an average speed. */
  roadCircuity: 1.3,
  roadSpeedKmh: 60,
  /** Moving one spare unit between two stock locations. */
  transferCostPerUnit: 80,
  /**
   * Wall-clock limit of the coverage MIPs within a run. Every model gets a greedy placement first;
   * the MIPs improve and prove the models with the most money at stake until this runs out
   * (docs/coverage.md, "Time limit": on the national network the greedy placements cost within a
   * fraction of a percent of the MIP's, so seconds here buy proofs more than savings).
   */
  coverageTimeLimitMs: 5_000,
  /** Rows per insert statement when suggestions are written (30 columns: well under 65,535 parameters). */
  insertChunk: 1000,
} as const;

export type ReorderSettings = typeof REORDER_SETTINGS;
