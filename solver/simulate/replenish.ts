/**
 * The nightly reorder review with the real policy: for every stock location × SKU, planReplenishment
 * on the daily demand seen so far (the input's history, then what the simulation issued), and an
 * order up to S (rounded to pack and minimum) when the inventory position is at or below s. The
 * order arrives after a sampled supplier lead time.
 */
import { planReplenishment } from '../inventory/index.ts';
import type { SimState } from './state.ts';
import { normalFromUniforms, type StreamFactory } from './streams.ts';
import type { ReorderSettings } from './types.ts';

export interface PurchaseOrder {
  location: string;
  sku: string;
  qty: number;
  arrivesAt: number;
}

export function nightlyReview(
  state: SimState,
  settings: ReorderSettings,
  day: number,
  streams: StreamFactory,
): PurchaseOrder[] {
  const every = settings.reviewEveryDays ?? 1;
  if (day % every !== 0) return [];
  const prior = new Map((settings.history ?? []).map((h) => [`${h.location}|${h.sku}`, h.daily]));
  const keys = new Set<string>([...prior.keys()]);
  for (const k of state.stock.keys()) if (!k.startsWith('van:')) keys.add(k);
  const orders: PurchaseOrder[] = [];
  // planReplenishment is pure: pairs with the same history and item terms (most often no demand
  // at all) share one answer, as the nightly reorder run does.
  const planned = new Map<string, ReturnType<typeof planReplenishment>>();
  for (const k of [...keys].sort()) {
    const [location, sku] = k.split('|') as [string, string];
    const item = state.skus.get(sku);
    if (!item) continue;
    const simulated = (state.issuedByDay.get(k) ?? []).slice(0, day);
    while (simulated.length < day) simulated.push(0);
    const history = [...(prior.get(k) ?? []), ...simulated];
    if (history.length === 0) continue;
    const memoKey = `${item.kind}|${item.unitCost}|${item.packSize ?? 1}|${item.minOrderQty ?? 1}|${history.join(',')}`;
    let policy = planned.get(memoKey);
    policy ??= planReplenishment({
      history,
      periodDays: 1,
      leadTime: { mean: settings.leadTimeDays.mean, sd: settings.leadTimeDays.sd },
      reviewPeriods: every,
      targetFillRate: settings.targetFillRate,
      unitCost: item.unitCost,
      holdingRate: settings.holdingRate,
      orderCost: settings.orderCost,
      packSize: item.packSize ?? 1,
      minOrderQty: item.minOrderQty ?? 1,
      policyClass: item.kind === 'unit' ? 'spare-unit' : 'part',
    });
    planned.set(memoKey, policy);
    if (policy.policy === 'none') continue;
    const stock = state.stockAt(location, sku);
    const position = stock.onHand - stock.reserved + stock.onOrder;
    if (position > policy.reorderPoint) continue;
    const wanted = policy.orderQuantity ?? policy.orderUpTo - position;
    if (wanted <= 0) continue;
    const pack = item.packSize ?? 1;
    const qty = Math.max(item.minOrderQty ?? 1, Math.ceil(wanted / pack) * pack);
    const r = streams('leadtime', location, sku, day);
    const { mean, sd = 0 } = settings.leadTimeDays;
    const leadDays = Math.max(0.25, mean + sd * normalFromUniforms(r.next(), r.next()));
    stock.onOrder += qty;
    orders.push({ location, sku, qty, arrivesAt: state.now + leadDays * 1440 });
  }
  return orders;
}
