/** Plain data the search passes around. Indices refer to the Model's arrays. */

export type Via = 'van' | 'pickup' | 'courier';

/** One source of one item of a ticket: a part need (`item` ≥ 0) or the spare unit (-1). */
export interface Draw {
  readonly item: number;
  readonly sku: number;
  readonly qty: number;
  readonly via: Via;
  readonly slot: number;
  /** Stock location for pickup and courier, -1 for the van. */
  readonly location: number;
  /** Courier arrival at the site (units), NaN unless via courier. */
  readonly courierAt: number;
}

/** How a ticket gets its parts and unit, and what that implies for its timing and cost. */
export interface TicketSupply {
  readonly draws: readonly Draw[];
  /** Earliest service start the supply allows: earliestStart and the couriered parts' arrival. */
  readonly ready: number;
  /** True when the spare unit travels with the engineer (a pickup): it arrives with them. */
  readonly unitByArrival: boolean;
  /** Courier arrival of the spare unit, NaN unless it comes by courier. */
  readonly unitCourierAt: number;
  /** Courier driving units over all courier draws (objective term 3). */
  readonly courier: number;
  /** The stock locations of the route's pickup stops this ticket draws from. */
  readonly pickupLocations: readonly number[];
}

/**
 * An engineer's day, timed. Stops are parallel arrays; a pickup stop has ticket -1. Slack is how
 * much later a stop may be reached without breaking a hard rule (shift end) at it or after it,
 * so an insertion's feasibility is checked in constant time.
 */
export interface Route {
  readonly engineer: number;
  readonly locs: readonly number[];
  readonly tickets: readonly number[];
  readonly arrive: readonly number[];
  readonly start: readonly number[];
  readonly depart: readonly number[];
  readonly slack: readonly number[];
  /**
   * How much later a stop may be reached without any commitment at it or after it getting later
   * (negative where one is already late): a delay within it changes no missed or late term.
   */
  readonly lateSlack: readonly number[];
  /** Travel units of the leg into each stop. */
  readonly legIn: readonly number[];
  /** Travel units from the last stop (or start) to the end location, 0 without one. */
  readonly endLeg: number;
  readonly finish: number;
  readonly travel: number;
  readonly missed: number;
  readonly late: number;
  readonly courier: number;
  readonly load: number;
  readonly jobs: number;
}
