/**
 * Periodic-review, order-up-to simulation of one series over a holdout, as the holdout benchmark
 * runs it: each period (1) the order placed `leadTime` periods ago arrives, (2) the inventory
 * position is raised to S, (3) the period's demand is served from stock on hand; what is not served
 * is backordered (filled from later receipts, but not counted as served from stock). This is the
 * setting the exact (R,S) fill-rate formula describes, with R = 1 period.
 */
export interface SimulationResult {
  demanded: number;
  /** Units served from stock on hand in the period they were demanded. */
  servedFromStock: number;
  /** Σ over periods of the stock on hand at the end of the period. */
  stockPeriods: number;
  periods: number;
}

export function simulateOrderUpTo(
  demand: readonly number[],
  orderUpTo: number,
  leadTime: number,
): SimulationResult {
  const arriving = new Array<number>(demand.length + leadTime + 1).fill(0);
  let netStock = orderUpTo; // on hand minus backorders; starts full, nothing on order
  let onOrder = 0;
  let servedFromStock = 0;
  let demanded = 0;
  let stockPeriods = 0;
  for (let t = 0; t < demand.length; t++) {
    netStock += arriving[t]!;
    onOrder -= arriving[t]!;
    const order = Math.max(0, orderUpTo - (netStock + onOrder));
    if (order > 0) {
      arriving[t + leadTime] = arriving[t + leadTime]! + order;
      onOrder += order;
    }
    const d = demand[t]!;
    demanded += d;
    servedFromStock += Math.min(d, Math.max(0, netStock));
    netStock -= d;
    stockPeriods += Math.max(0, netStock);
  }
  return { demanded, servedFromStock, stockPeriods, periods: demand.length };
}

/** Pooled over series: fill rate = Σ served / Σ demanded; average stock on hand per series and period. */
export function pool(results: readonly SimulationResult[]): { fillRate: number; stockPerSeries: number } {
  let demanded = 0;
  let served = 0;
  let stock = 0;
  for (const r of results) {
    demanded += r.demanded;
    served += r.servedFromStock;
    stock += r.stockPeriods / r.periods;
  }
  return { fillRate: served / demanded, stockPerSeries: stock / results.length };
}
