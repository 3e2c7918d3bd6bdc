/**
 * The run's KPIs from the final state. A clock counts once it is decided: met or missed by the
 * simulated times, or missed because its due time passed within the horizon; a clock still running
 * at the end (due after the horizon, not yet met) is left out.
 */
import type { SimState } from './state.ts';
import type { Quantiles, Rate, SimulationKpis, Tier } from './types.ts';

const FOUR_HOURS = 240;

function rate(): Rate {
  return { met: 0, missed: 0, share: 1 };
}

function finish(r: Rate): Rate {
  const total = r.met + r.missed;
  return { ...r, share: total === 0 ? 1 : r.met / total };
}

/** Linear interpolation between order statistics (type 7, as R and numpy default). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function quantiles(values: readonly number[]): Quantiles {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.length === 0 ? 0 : sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return {
    count: sorted.length,
    mean,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p95: quantile(sorted, 0.95),
    max: sorted.length === 0 ? 0 : sorted[sorted.length - 1]!,
  };
}

export function computeKpis(
  state: SimState,
  run: {
    horizon: number;
    shiftMinutes: number;
    stockValues: number[];
    purchases: { orders: number; units: number; value: number };
  },
): SimulationKpis {
  const overall = rate();
  const byLevel = { '1': rate(), '2': rate(), '3': rate() };
  const byTier = { A: rate(), B: rate(), C: rate() };
  const byClock = { onsite: rate(), spareUnit: rate() };
  const count = (level: 1 | 2 | 3, tier: Tier, clock: 'onsite' | 'spareUnit', met: boolean) => {
    for (const r of [overall, byLevel[level], byTier[tier], byClock[clock]]) {
      if (met) r.met += 1;
      else r.missed += 1;
    }
  };
  const response: number[] = [];
  const unit = { eligible: 0, within: 0, share: 1 };
  let served = 0;
  for (const ts of state.tickets.values()) {
    const { t } = ts;
    if (ts.endAt !== null) served += 1;
    if (ts.onsiteAt !== null) response.push(ts.onsiteAt - t.at);
    const unitAt = ts.unitAt !== null && ts.unitAt >= 0 ? ts.unitAt : null;
    if (ts.onsiteDue !== null) {
      if (ts.onsiteAt !== null) count(t.level, t.tier, 'onsite', ts.onsiteAt <= ts.onsiteDue);
      else if (ts.onsiteDue <= run.horizon) count(t.level, t.tier, 'onsite', false);
    }
    if (ts.unitDue !== null) {
      if (unitAt !== null) count(t.level, t.tier, 'spareUnit', unitAt <= ts.unitDue);
      else if (ts.unitDue <= run.horizon) count(t.level, t.tier, 'spareUnit', false);
    }
    if (t.spareUnit && (unitAt !== null || t.at + FOUR_HOURS <= run.horizon)) {
      unit.eligible += 1;
      if (unitAt !== null && unitAt - t.at <= FOUR_HOURS) unit.within += 1;
    }
  }
  unit.share = unit.eligible === 0 ? 1 : unit.within / unit.eligible;
  const busyMinutes = state.engineers.reduce((s, e) => s + e.busyMinutes, 0);
  const values = run.stockValues;
  return {
    tickets: { arrived: state.tickets.size, served, openAtEnd: state.tickets.size - served },
    promises: {
      overall: finish(overall),
      byLevel: { '1': finish(byLevel['1']), '2': finish(byLevel['2']), '3': finish(byLevel['3']) },
      byTier: { A: finish(byTier.A), B: finish(byTier.B), C: finish(byTier.C) },
      byClock: { onsite: finish(byClock.onsite), spareUnit: finish(byClock.spareUnit) },
    },
    responseMinutes: quantiles(response),
    unitWithin4h: unit,
    engineers: {
      shiftMinutes: run.shiftMinutes,
      busyMinutes,
      utilisation: run.shiftMinutes === 0 ? 0 : busyMinutes / run.shiftMinutes,
      overtimeMinutes: state.engineers.reduce((s, e) => s + e.overtimeMinutes, 0),
    },
    stock: {
      averageValue: values.reduce((s, v) => s + v, 0) / values.length,
      endValue: state.stockValue(),
      stockOuts: state.stockOuts,
      purchaseOrders: run.purchases.orders,
      purchasedUnits: run.purchases.units,
      purchaseValue: run.purchases.value,
    },
  };
}
