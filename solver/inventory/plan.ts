/**
 * planReplenishment: the policy of one location × SKU, as the nightly run needs it, with every
 * figure explained in a sentence a depot manager can check.
 *
 * - spare units (expensive, one-for-one): base stock (S−1,S) with a Poisson pipeline (Palm);
 * - parts: periodic review, order-up-to (R,S), smallest S meeting the target by the exact fill rate;
 * - consumables (cheap): (s,S) with S = s + Q, Q the EOQ rounded to pack and MOQ.
 */
import { classifyDemand } from './classify.ts';
import { demandOverPeriods, leadTimeDemand, leadTimeDistribution } from './distributions.ts';
import { forecastDemand } from './forecast.ts';
import {
  baseStockForFillRate,
  economicOrderQuantity,
  levelForHorizonFillRate,
  orderUpToFillRate,
  orderUpToForFillRate,
  reorderPointForFillRate,
  roundOrderQuantity,
} from './policies.ts';
import type {
  Alert,
  DemandClassification,
  DemandForecast,
  DiscreteDistribution,
  LeadTimeDistribution,
  PerPeriodDemandModel,
  ReplenishmentInput,
  ReplenishmentPolicy,
} from './types.ts';

/** Bad input, naming the field (the service turns it into a 4xx). */
export class InventoryInputError extends RangeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InventoryInputError';
  }
}

const DAYS_PER_YEAR = 365.25;

/**
 * The per-period demand model: compound Bernoulli for lumpy items (occurrence probability from the
 * forecast, empirical sizes); otherwise negative binomial where the variance exceeds the mean, else Poisson.
 */
export function perPeriodDemandModel(
  forecast: DemandForecast,
  classification: DemandClassification,
): PerPeriodDemandModel {
  const { sizes } = forecast;
  if (classification.category === 'lumpy' && sizes.sizes.length > 0) {
    const p = Math.min(1, Math.max(0, forecast.occurrenceProbability));
    const mean = p * sizes.mean;
    const variance = p * (sizes.variance + sizes.mean * sizes.mean) - mean * mean;
    return { model: 'compound-bernoulli', mean, variance, occurrenceProbability: p, sizes };
  }
  const mean = forecast.perPeriod;
  if (forecast.variance > mean) return { model: 'negative-binomial', mean, variance: forecast.variance };
  return { model: 'poisson', mean, variance: mean };
}

function validate(input: ReplenishmentInput): void {
  const fail = (field: string, message: string): never => {
    throw new InventoryInputError(field, message);
  };
  if (!Array.isArray(input.history)) fail('history', 'must be an array');
  input.history.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 0) fail(`history[${i}]`, 'must be a non-negative integer');
  });
  if (!(input.periodDays > 0 && Number.isFinite(input.periodDays))) fail('periodDays', 'must be > 0');
  if (!(input.reviewPeriods >= 0 && Number.isFinite(input.reviewPeriods)))
    fail('reviewPeriods', 'must be ≥ 0');
  if (!(input.targetFillRate > 0 && input.targetFillRate < 1)) fail('targetFillRate', 'must be in (0, 1)');
  if (!(input.unitCost >= 0)) fail('unitCost', 'must be ≥ 0');
  if (!(input.holdingRate >= 0)) fail('holdingRate', 'must be ≥ 0');
  if (!(input.orderCost >= 0)) fail('orderCost', 'must be ≥ 0');
  if (!(Number.isInteger(input.packSize) && input.packSize >= 1)) fail('packSize', 'must be an integer ≥ 1');
  if (!(Number.isInteger(input.minOrderQty) && input.minOrderQty >= 0))
    fail('minOrderQty', 'must be an integer ≥ 0');
  const eol = input.endOfLife;
  if (eol !== undefined) {
    if (!(eol.periodsUntilLastOrder >= 0)) fail('endOfLife.periodsUntilLastOrder', 'must be ≥ 0');
    if (!(eol.periodsSupportedAfter >= 0)) fail('endOfLife.periodsSupportedAfter', 'must be ≥ 0');
  }
}

const num = (x: number, digits = 2): string => (Number.isInteger(x) ? String(x) : x.toFixed(digits));
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const periods = (x: number): string => `${num(x)} period${x === 1 ? '' : 's'}`;

const METHOD_NAMES = {
  ses: 'SES',
  croston: 'Croston',
  sba: 'SBA',
  sbj: 'SBJ',
  tsb: 'TSB',
  adida: 'ADIDA',
  imapa: 'IMAPA',
} as const;
const MODEL_NAMES = {
  poisson: 'Poisson',
  'negative-binomial': 'negative binomial',
  'compound-bernoulli': 'compound Bernoulli (empirical sizes)',
} as const;

function describeForecast(f: DemandForecast): string {
  const name = METHOD_NAMES[f.method];
  const how =
    f.tuning === 'mar'
      ? 'tuned by MAR'
      : f.tuning === 'fixed'
        ? 'fixed'
        : `default: fewer than 10 demands to tune on`;
  let constants: string;
  if (f.method === 'tsb') constants = `α=${num(f.alpha)}, β=${num(f.beta!)}`;
  else if (f.beta !== null) constants = `α=${num(f.alpha)} (sizes), ${num(f.beta)} (intervals)`;
  else if (f.method === 'adida') constants = `SES α=${num(f.alpha)} on ${f.aggregation}-period buckets`;
  else if (f.method === 'imapa')
    constants = `SES on 1..${f.aggregation}-period buckets, mean α=${num(f.alpha)}`;
  else constants = `α=${num(f.alpha)}`;
  return `${name} ${constants} (${how}): ${num(f.perPeriod, 3)} per period (variance ${num(f.variance, 3)}).`;
}

function describeLeadTime(lt: LeadTimeDistribution): string {
  if (lt.values.length === 1) return `Lead time ${periods(lt.values[0]!)}`;
  return `Lead time mean ${periods(lt.mean)} over ${lt.values.length} values (${num(Math.min(...lt.values))}–${num(Math.max(...lt.values))})`;
}

/** Trailing periods without demand, longer than max(6, 3·ADI): the part may be going obsolete. */
function obsolescenceAlert(history: readonly number[], adi: number): Alert | null {
  let run = 0;
  for (let t = history.length - 1; t >= 0 && history[t] === 0; t--) run++;
  if (run <= Math.max(6, 3 * adi)) return null;
  return {
    code: 'obsolescence-risk',
    message: `no demand in the last ${run} periods (ADI ${num(adi)}): check before buying`,
  };
}

export function planReplenishment(input: ReplenishmentInput): ReplenishmentPolicy {
  validate(input);
  const { history, targetFillRate: target } = input;
  const classification = classifyDemand(history);
  const leadTime = leadTimeDistribution(input.leadTime);
  // R = 0 (continuous review) is taken as daily review so that E[D(R)] stays positive.
  const review = Math.max(input.reviewPeriods, 1 / input.periodDays);
  const alerts: Alert[] = [];
  const explanation: string[] = [];
  const { adi, cv2, nonZero, category } = classification;
  explanation.push(
    `History: ${periods(history.length)} of ${num(input.periodDays, 1)} days, ${nonZero} with demand; ` +
      `ADI ${Number.isNaN(adi) ? '–' : num(adi)}, CV² ${Number.isNaN(cv2) ? '–' : num(cv2)} → ${category}.`,
  );

  const forecast =
    classification.method === null
      ? null
      : forecastDemand(history, { method: input.method ?? classification.method });
  const base = { classification, forecast, leadTime, targetFillRate: target, explanation, alerts };
  if (forecast === null) {
    const code = category === 'no-demand' ? 'no-demand' : 'too-little-history';
    alerts.push({
      code,
      message:
        code === 'no-demand'
          ? 'no demand in the history: nothing to stock'
          : `only ${nonZero} demand in the history: no model, review by hand`,
    });
    explanation.push('No forecast model: no stock is suggested.');
    return {
      ...base,
      policy: 'none',
      leadTimeDemand: { distribution: 'none', mean: 0, variance: 0 },
      reorderPoint: -1,
      orderUpTo: 0,
      orderQuantity: null,
      predictedFillRate: code === 'no-demand' ? 1 : 0,
      expectedBackorders: 0,
      lastTimeBuy: null,
    };
  }
  explanation.push(describeForecast(forecast));
  const obsolete = obsolescenceAlert(history, adi);
  if (obsolete) alerts.push(obsolete);
  const model = perPeriodDemandModel(forecast, classification);

  let result: Omit<ReplenishmentPolicy, keyof typeof base | 'lastTimeBuy'>;
  if (input.policyClass === 'spare-unit') {
    const bs = baseStockForFillRate(forecast.perPeriod, leadTime.mean, target);
    explanation.push(
      `${describeLeadTime(leadTime)}; one-for-one base stock: units on order ~ Poisson(${num(bs.pipeline.mean, 3)}) (Palm).`,
    );
    explanation.push(
      `S=${bs.level} gives fill rate P(on order ≤ ${bs.level - 1}) = ${pct(bs.fillRate)} ${bs.reachable ? '≥' : '<'} ${pct(target)} target; expected backorders ${num(bs.expectedBackorders, 3)}.`,
    );
    if (!bs.reachable)
      alerts.push({ code: 'target-unreachable', message: `target ${pct(target)} not reached` });
    result = {
      policy: 'base-stock',
      leadTimeDemand: { distribution: 'poisson', mean: bs.pipeline.mean, variance: bs.pipeline.variance },
      reorderPoint: bs.level - 1,
      orderUpTo: bs.level,
      orderQuantity: null,
      predictedFillRate: bs.fillRate,
      expectedBackorders: bs.expectedBackorders,
    };
  } else if (input.policyClass === 'part') {
    const demandL = leadTimeDemand(model, leadTime);
    const demandLR = leadTimeDemand(model, leadTime, { extraPeriods: review });
    const level = orderUpToForFillRate(demandLR, demandL, target);
    explanation.push(`${describeLeadTime(leadTime)}, review every ${periods(review)}.`);
    explanation.push(describeDistribution('lead time + review', model, demandLR));
    const below =
      level.level > 0
        ? `; S=${level.level - 1} would give ${pct(orderUpToFillRate(demandLR, demandL, level.level - 1))}`
        : '';
    explanation.push(
      `S=${level.level} gives fill rate ${pct(level.fillRate)} ${level.reachable ? '≥' : '<'} ${pct(target)} target (exact: 1 − [G_L+R(S) − G_L(S)]/E[D(R)])${below}.`,
    );
    explanation.push(
      `Expected backorders at the end of a review cycle: ${num(level.expectedBackorders, 3)}.`,
    );
    if (!level.reachable)
      alerts.push({ code: 'target-unreachable', message: `target ${pct(target)} not reached` });
    result = {
      policy: 'order-up-to',
      leadTimeDemand: { distribution: model.model, mean: demandLR.mean, variance: demandLR.variance },
      reorderPoint: level.level - 1,
      orderUpTo: level.level,
      orderQuantity: null,
      predictedFillRate: level.fillRate,
      expectedBackorders: level.expectedBackorders,
    };
  } else {
    const annualDemand = (forecast.perPeriod * DAYS_PER_YEAR) / input.periodDays;
    const holding = input.unitCost * input.holdingRate;
    const eoq = economicOrderQuantity(annualDemand, input.orderCost, holding);
    // Without a holding cost the EOQ is unbounded: a year's demand at most.
    const capped = Math.max(1, Number.isFinite(eoq) ? eoq : Math.ceil(annualDemand));
    const quantity = roundOrderQuantity(capped, input.packSize, input.minOrderQty);
    const demand = leadTimeDemand(model, leadTime, {
      extraPeriods: review,
      startsWithDemand: input.leadTimeStartsWithDemand,
    });
    const level = reorderPointForFillRate(demand, quantity, target);
    explanation.push(
      `EOQ √(2·A·D/h) = √(2·${num(input.orderCost)}·${num(annualDemand)}/${num(holding)}) = ${Number.isFinite(eoq) ? num(eoq) : '∞'} → Q=${quantity} after pack ${input.packSize} and MOQ ${input.minOrderQty}.`,
    );
    explanation.push(
      `${describeLeadTime(leadTime)}, review every ${periods(review)}${input.leadTimeStartsWithDemand ? '; each lead time starts with a demand (Teunter & Duncan)' : ''}.`,
    );
    explanation.push(describeDistribution('lead time + review', model, demand));
    explanation.push(
      `s=${level.level} gives fill rate ≈ ${pct(level.fillRate)} ${level.reachable ? '≥' : '<'} ${pct(target)} target ((s,Q) approximation); S = s + Q = ${level.level + quantity}.`,
    );
    if (!level.reachable)
      alerts.push({ code: 'target-unreachable', message: `target ${pct(target)} not reached` });
    if (category === 'lumpy') {
      alerts.push({
        code: 'lumpy-demand',
        message: 'lumpy demand: the (s,Q) fill rate overestimates (undershoot below s)',
      });
    }
    result = {
      policy: 'reorder-point-quantity',
      leadTimeDemand: { distribution: model.model, mean: demand.mean, variance: demand.variance },
      reorderPoint: level.level,
      orderUpTo: level.level + quantity,
      orderQuantity: quantity,
      predictedFillRate: level.fillRate,
      expectedBackorders: level.expectedBackorders,
    };
  }

  let lastTimeBuy: number | null = null;
  const eol = input.endOfLife;
  if (eol !== undefined) {
    if (eol.periodsUntilLastOrder <= review) {
      const horizon = eol.periodsUntilLastOrder + eol.periodsSupportedAfter;
      const ltb = levelForHorizonFillRate(demandOverPeriods(model, horizon), target);
      lastTimeBuy = ltb.level;
      alerts.push({
        code: 'last-time-buy',
        message: `last order before end of supply: hold ${ltb.level} units for the remaining ${periods(horizon)}`,
      });
      explanation.push(
        `Last-time buy: ${ltb.level} units cover ${periods(horizon)} of demand at fill rate ${pct(ltb.fillRate)}.`,
      );
    } else if (eol.periodsUntilLastOrder <= 3 * (leadTime.mean + review)) {
      alerts.push({
        code: 'end-of-life-approaching',
        message: `last order possible in ${periods(eol.periodsUntilLastOrder)}`,
      });
    }
  }
  return { ...base, ...result, lastTimeBuy };
}

function describeDistribution(what: string, model: PerPeriodDemandModel, d: DiscreteDistribution): string {
  return `Demand over ${what}: ${MODEL_NAMES[model.model]}, mean ${num(d.mean, 3)}, variance ${num(d.variance, 3)}.`;
}
