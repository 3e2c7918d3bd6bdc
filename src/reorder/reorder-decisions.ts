import { distance } from '@turf/distance';
import type { PolicySummary } from './plan-workers.ts';
import type { CatalogSku, StockLocation } from './reorder-inputs.repository.ts';

/**
 * From each pair's policy (s, S) and position to an action, for all pairs of a run at once,
 * because a transfer needs another location's excess:
 *
 * 1. inventory position IP = on hand + on order − reserved − backorders; the target is S, raised
 *    to what 4-hour coverage needs here; an order is due when IP ≤ s (or below that coverage);
 * 2. a SKU whose end of life is near gets a last-time-buy for its remaining life;
 * 3. otherwise the nearest location holding excess of the SKU (IP above its own S, and at least
 *    that many units available) sends what it can: transfers come before purchases;
 * 4. otherwise buy S − IP rounded up to the minimum order and whole packs; past end of life
 *    nothing can be bought and the suggestion says so.
 *
 * Pure: no I/O and no clock (today comes in), so every figure is reproducible from its inputs.
 */

export type SuggestionAction = 'buy' | 'transfer' | 'none' | 'last-time-buy';

export interface SuggestionAlert {
  code: string;
  message: string;
}

export interface PairState {
  locationId: string;
  skuId: string;
  onHand: number;
  reserved: number;
  onOrder: number;
  /** Demand already owed and not yet served here (none is recorded yet: 0). */
  backorders: number;
  plan: PolicySummary;
  /** Units the 4-hour coverage positioning wants here (spare units at covering locations only). */
  coverageUnits: number | null;
  /** How that figure was found, e.g. "MIP, proven optimal" or "greedy placement: heuristic, no proof". */
  coverageBasis?: string | null;
}

export interface SuggestionDraft {
  locationId: string;
  skuId: string;
  classification: string;
  method: string | null;
  forecast: number | null;
  leadTimeDemandMean: number;
  leadTimeDemandVariance: number;
  onHand: number;
  onOrder: number;
  reserved: number;
  backorders: number;
  inventoryPosition: number;
  reorderPoint: number;
  orderUpTo: number;
  targetFillRate: number;
  predictedFillRate: number | null;
  coverageAtRisk: boolean;
  action: SuggestionAction;
  quantity: number;
  fromLocationId: string | null;
  unitCost: number;
  value: number;
  alerts: SuggestionAlert[];
  explanation: Record<string, unknown>;
}

export interface DecisionContext {
  /** 'YYYY-MM-DD' in the service's time zone. */
  today: string;
  skus: ReadonlyMap<string, CatalogSku>;
  locations: ReadonlyMap<string, StockLocation>;
  lastTimeBuyWindowDays: number;
  /** Raises a quantity to the MOQ, then to whole packs (solver/inventory's rounding). */
  roundOrderQuantity: (quantity: number, packSize: number, minOrderQty: number) => number;
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

interface Working {
  state: PairState;
  sku: CatalogSku;
  position: number;
  target: number;
  need: number;
  /** Units this pair can give away (IP above its own S, and physically available). */
  excess: number;
  draft: SuggestionDraft;
}

function describe(working: Omit<Working, 'draft'>): SuggestionDraft {
  const { state, sku, position, target } = working;
  const plan = state.plan;
  const coverageAtRisk = state.coverageUnits !== null && position < state.coverageUnits;
  const explanation: Record<string, unknown> = {
    policy: plan.explanation,
    position: `inventory position ${position} = on hand ${state.onHand} + on order ${state.onOrder} − reserved ${state.reserved} − backorders ${state.backorders}`,
  };
  if (state.coverageUnits !== null)
    explanation.coverage = `4-hour coverage needs ${state.coverageUnits} unit(s) here${coverageAtRisk ? `: ${state.coverageUnits - position} short` : ''}${state.coverageBasis ? ` (${state.coverageBasis})` : ''}`;
  if (target > plan.orderUpTo)
    explanation.target = `order-up-to level raised from S ${plan.orderUpTo} to ${target} for 4-hour coverage`;
  return {
    locationId: state.locationId,
    skuId: state.skuId,
    classification: plan.classification.category,
    method: plan.forecast?.method ?? null,
    forecast: plan.forecast?.perPeriod ?? null,
    leadTimeDemandMean: plan.leadTimeDemand.mean,
    leadTimeDemandVariance: plan.leadTimeDemand.variance,
    onHand: state.onHand,
    onOrder: state.onOrder,
    reserved: state.reserved,
    backorders: state.backorders,
    inventoryPosition: position,
    reorderPoint: plan.reorderPoint,
    orderUpTo: target,
    targetFillRate: plan.targetFillRate,
    predictedFillRate: plan.predictedFillRate,
    coverageAtRisk,
    action: 'none',
    quantity: 0,
    fromLocationId: null,
    unitCost: sku.unitCost,
    value: 0,
    alerts: [...plan.alerts],
    explanation,
  };
}

function prepare(state: PairState, context: DecisionContext): Working {
  const sku = context.skus.get(state.skuId);
  if (!sku) throw new Error(`no SKU ${state.skuId} in the catalog`);
  const plan = state.plan;
  const position = state.onHand + state.onOrder - state.reserved - state.backorders;
  const coverage = state.coverageUnits ?? 0;
  const target = Math.max(plan.orderUpTo, coverage);
  const due = plan.policy !== 'none' ? position <= plan.reorderPoint : false;
  const need = due || position < coverage ? Math.max(0, target - position) : 0;
  // A pair whose history is too short to fit a model keeps its stock: its S is not known.
  const known = plan.classification.category !== 'too-little-history';
  const available = state.onHand - state.reserved;
  const excess = known ? Math.max(0, Math.min(position - target, available)) : 0;
  const base = { state, sku, position, target, need, excess };
  return { ...base, draft: describe(base) };
}

function setAction(
  working: Working,
  action: SuggestionAction,
  quantity: number,
  decision: string,
  fromLocationId: string | null = null,
): void {
  const draft = working.draft;
  draft.action = quantity > 0 ? action : 'none';
  draft.quantity = quantity > 0 ? quantity : 0;
  draft.fromLocationId = quantity > 0 ? fromLocationId : null;
  draft.value = Math.round(draft.quantity * draft.unitCost * 100) / 100;
  draft.explanation.decision = decision;
}

function alert(working: Working, code: string, message: string): void {
  working.draft.alerts.push({ code, message });
}

function kilometres(a: StockLocation, b: StockLocation): number {
  return distance([a.lon, a.lat], [b.lon, b.lat], { units: 'kilometers' });
}

/**
 * The same order as `a.localeCompare(b)` (V8 implements that call with a default collator), with
 * the collator made once: the receivers' sort compares ids hundreds of thousands of times.
 */
const compareIds = new Intl.Collator().compare;

/** Every pair's suggestion; input order is kept. */
export function decideActions(states: readonly PairState[], context: DecisionContext): SuggestionDraft[] {
  const pairs = states.map((state) => prepare(state, context));
  const donorsBySku = new Map<string, Working[]>();
  for (const pair of pairs)
    if (pair.excess > 0) {
      const list = donorsBySku.get(pair.state.skuId) ?? [];
      list.push(pair);
      donorsBySku.set(pair.state.skuId, list);
    }

  // Largest needs first, so scarce excess goes where the shortfall is biggest; ties by id.
  const receivers = pairs
    .filter((pair) => pair.need > 0)
    .sort(
      (a, b) =>
        b.need - a.need ||
        compareIds(a.state.skuId, b.state.skuId) ||
        compareIds(a.state.locationId, b.state.locationId),
    );

  // A night asks the same location pairs' distances many times (200 locations, ~32,000 receivers).
  const kmBetween = new Map<string, number>();
  const kilometresBetween = (here: StockLocation, there: StockLocation) => {
    const key = `${here.id}\u001f${there.id}`;
    let km = kmBetween.get(key);
    if (km === undefined) {
      km = kilometres(here, there);
      kmBetween.set(key, km);
    }
    return km;
  };

  for (const pair of receivers) {
    const { sku, need, position, target } = pair;
    const coverage = pair.state.coverageUnits;
    const trigger =
      position <= pair.state.plan.reorderPoint
        ? `inventory position ${position} ≤ s ${pair.state.plan.reorderPoint}`
        : `inventory position ${position} < ${coverage} unit(s) 4-hour coverage needs`;
    const rule = `${trigger}: raise to ${target}, need ${need}`;
    const daysToEndOfLife = sku.endOfLife === null ? null : daysBetween(context.today, sku.endOfLife);

    if (
      daysToEndOfLife !== null &&
      daysToEndOfLife >= 0 &&
      daysToEndOfLife <= context.lastTimeBuyWindowDays
    ) {
      const lifetime = pair.state.plan.lastTimeBuy ?? target;
      const quantity = context.roundOrderQuantity(
        Math.max(need, lifetime - position),
        sku.packSize,
        sku.minOrderQty,
      );
      setAction(
        pair,
        'last-time-buy',
        quantity,
        `${rule}; end of life ${sku.endOfLife} is ${daysToEndOfLife} day(s) away: last-time-buy to hold ${lifetime} for the remaining life, ${quantity} after MOQ ${sku.minOrderQty} and pack ${sku.packSize}`,
      );
      alert(pair, 'last-time-buy', `end of life on ${sku.endOfLife}: last chance to order`);
      continue;
    }

    const here = context.locations.get(pair.state.locationId);
    const donors = (donorsBySku.get(sku.id) ?? [])
      .filter((donor) => donor.excess > 0 && donor.state.locationId !== pair.state.locationId)
      .map((donor) => {
        const there = context.locations.get(donor.state.locationId);
        return { donor, km: here && there ? kilometresBetween(here, there) : Number.POSITIVE_INFINITY };
      })
      .sort((a, b) => a.km - b.km || compareIds(a.donor.state.locationId, b.donor.state.locationId));
    const nearest = donors[0];
    if (nearest) {
      const { donor, km } = nearest;
      const quantity = Math.min(need, donor.excess);
      donor.excess -= quantity;
      setAction(
        pair,
        'transfer',
        quantity,
        `${rule}; ${donor.state.locationId} (${km.toFixed(0)} km, the nearest with excess: position ${donor.position} above its S ${donor.target}) sends ${quantity}`,
        donor.state.locationId,
      );
      pair.draft.explanation.transfer = {
        fromLocationId: donor.state.locationId,
        distanceKm: Math.round(km * 10) / 10,
        donorPosition: donor.position,
        donorOrderUpTo: donor.target,
      };
      if (quantity < need)
        alert(
          pair,
          'partial-transfer',
          `the transfer covers ${quantity} of ${need}; the rest is bought next run`,
        );
      continue;
    }

    if (daysToEndOfLife !== null && daysToEndOfLife < 0) {
      setAction(
        pair,
        'none',
        0,
        `${rule}; but ${sku.id} reached end of life on ${sku.endOfLife} and no location has excess`,
      );
      alert(pair, 'end-of-life-passed', `cannot buy: end of life was ${sku.endOfLife}; find a substitute`);
      continue;
    }

    const quantity = context.roundOrderQuantity(need, sku.packSize, sku.minOrderQty);
    setAction(
      pair,
      'buy',
      quantity,
      `${rule}; no location has excess: buy ${quantity} (need ${need} after MOQ ${sku.minOrderQty} and pack ${sku.packSize})`,
    );
    if (!sku.supplierId) alert(pair, 'no-supplier', `${sku.id} has no supplier: choose one when approving`);
  }

  for (const pair of pairs) {
    if (pair.need === 0 && pair.draft.explanation.decision === undefined)
      pair.draft.explanation.decision =
        pair.state.plan.policy === 'none'
          ? 'no policy applies (no demand or too little history): nothing to order'
          : `inventory position ${pair.position} is above s ${pair.state.plan.reorderPoint}: nothing to order`;
    if (pair.draft.coverageAtRisk && pair.draft.action === 'none')
      alert(pair, 'coverage-at-risk', '4-hour spare-unit coverage is short here and nothing can be ordered');
  }
  return pairs.map((pair) => pair.draft);
}
