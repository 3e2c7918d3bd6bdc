/**
 * Discrete demand distributions over a number of periods: Poisson, negative binomial (variance above
 * the mean) and compound Bernoulli (occurrence probability × empirical sizes), and lead-time demand
 * as a mixture over a discrete lead-time distribution, optionally with Teunter & Duncan's (2009)
 * correction that the lead time starts with a demand.
 *
 * Every pmf is computed from its ratio recurrence anchored at the mode and normalised, so neither
 * large means (e^{-m} underflows) nor large sizes need special cases; the tail beyond a relative
 * 1e-16 is dropped.
 */
import type {
  DiscreteDistribution,
  LeadTimeDemandOptions,
  LeadTimeDistribution,
  LeadTimeInput,
  PerPeriodDemandModel,
  SizeDistribution,
} from './types.ts';

const TAIL = 1e-16;

/** Mean and variance of a pmf. */
export function fromPmf(pmf: Float64Array): DiscreteDistribution {
  let mean = 0;
  let second = 0;
  for (let k = 1; k < pmf.length; k++) {
    mean += k * pmf[k]!;
    second += k * k * pmf[k]!;
  }
  return { pmf, mean, variance: Math.max(0, second - mean * mean) };
}

const POINT_AT_ZERO = (): DiscreteDistribution => fromPmf(Float64Array.of(1));

/**
 * A pmf from its mode and the ratio q(k)/q(k−1): unnormalised q(mode) = 1, recurse both ways,
 * stop upwards once beyond `mean` and the terms are negligible, then normalise.
 */
function fromRatio(mode: number, mean: number, ratio: (k: number) => number): DiscreteDistribution {
  const up: number[] = [1];
  let sum = 1;
  for (let k = mode + 1; ; k++) {
    const q = up[up.length - 1]! * ratio(k);
    if (!(q > 0)) break;
    up.push(q);
    sum += q;
    if (k > mean && q < TAIL * sum) break;
  }
  const pmf = new Float64Array(mode + up.length);
  let q = 1;
  for (let k = mode; k > 0 && q > 0; k--) {
    q /= ratio(k); // q(k−1) = q(k) / ratio(k)
    pmf[k - 1] = q;
    sum += q;
  }
  for (let i = 0; i < up.length; i++) pmf[mode + i] = up[i]!;
  for (let k = 0; k < pmf.length; k++) pmf[k] = pmf[k]! / sum;
  return fromPmf(pmf);
}

export function poisson(mean: number): DiscreteDistribution {
  if (!(mean > 0)) return POINT_AT_ZERO();
  return fromRatio(Math.floor(mean), mean, (k) => mean / k);
}

/** Negative binomial with P(k) = Γ(k+r)/(Γ(r)k!) p^r (1−p)^k: mean r(1−p)/p, variance r(1−p)/p². */
export function negativeBinomial(r: number, p: number): DiscreteDistribution {
  if (!(r > 0) || !(p < 1)) return POINT_AT_ZERO();
  const mode = r > 1 ? Math.floor(((r - 1) * (1 - p)) / p) : 0;
  return fromRatio(mode, (r * (1 - p)) / p, (k) => ((k - 1 + r) / k) * (1 - p));
}

/** Negative binomial with a given mean and variance per period (σ² > μ), over `periods` periods. */
export function negativeBinomialFromMoments(
  mean: number,
  variance: number,
  periods: number,
): DiscreteDistribution {
  if (!(mean > 0) || !(periods > 0)) return POINT_AT_ZERO();
  if (!(variance > mean)) return poisson(mean * periods);
  const r = (mean * mean) / (variance - mean);
  return negativeBinomial(r * periods, mean / variance);
}

/** a ⊛ b, where b is given by its non-zero entries (sizes are few). */
function convolveSparse(a: Float64Array, bIndex: readonly number[], bValue: readonly number[]): Float64Array {
  let maxIndex = 0;
  for (const i of bIndex) maxIndex = Math.max(maxIndex, i);
  const out = new Float64Array(a.length + maxIndex);
  for (let j = 0; j < bIndex.length; j++) {
    const shift = bIndex[j]!;
    const w = bValue[j]!;
    if (w === 0) continue;
    for (let k = 0; k < a.length; k++) out[k + shift] = out[k + shift]! + a[k]! * w;
  }
  return trimTail(out);
}

function trimTail(pmf: Float64Array): Float64Array {
  let end = pmf.length;
  while (end > 1 && pmf[end - 1]! < TAIL * 1e-4) end--;
  return end === pmf.length ? pmf : pmf.slice(0, end);
}

function sparse(pmf: Float64Array): { index: number[]; value: number[] } {
  const index: number[] = [];
  const value: number[] = [];
  for (let k = 0; k < pmf.length; k++) {
    if (pmf[k]! > 0) {
      index.push(k);
      value.push(pmf[k]!);
    }
  }
  return { index, value };
}

/** Demand over a whole number of periods with P(demand) = p and sizes from `sizes` in each. */
export function compoundBernoulli(p: number, sizes: SizeDistribution, periods: number): DiscreteDistribution {
  const index = [0, ...sizes.sizes];
  const value = [1 - p, ...sizes.probabilities.map((q) => p * q)];
  let pmf: Float64Array = Float64Array.of(1);
  for (let i = 0; i < periods; i++) pmf = convolveSparse(pmf, index, value);
  return fromPmf(pmf);
}

/** Σ w_i · D_i as one pmf. */
export function mixture(
  parts: readonly { weight: number; distribution: DiscreteDistribution }[],
): DiscreteDistribution {
  let length = 1;
  for (const part of parts) if (part.weight > 0) length = Math.max(length, part.distribution.pmf.length);
  const pmf = new Float64Array(length);
  for (const { weight, distribution } of parts) {
    if (!(weight > 0)) continue;
    const d = distribution.pmf;
    for (let k = 0; k < d.length; k++) pmf[k] = pmf[k]! + weight * d[k]!;
  }
  return fromPmf(pmf);
}

/** Demand over τ ≥ 0 periods (a real number: compound Bernoulli splits it between ⌊τ⌋ and ⌈τ⌉). */
export function demandOverPeriods(model: PerPeriodDemandModel, periods: number): DiscreteDistribution {
  if (!(periods > 0) || !(model.mean > 0)) return POINT_AT_ZERO();
  if (model.model === 'poisson') return poisson(model.mean * periods);
  if (model.model === 'negative-binomial')
    return negativeBinomialFromMoments(model.mean, model.variance, periods);
  const low = Math.floor(periods);
  const fraction = periods - low;
  if (fraction < 1e-9) return compoundPower(model, low);
  return mixture([
    { weight: 1 - fraction, distribution: compoundPower(model, low) },
    { weight: fraction, distribution: compoundPower(model, low + 1) },
  ]);
}

/**
 * n-period compound Bernoulli pmfs of one (immutable) model, built once each: a lead-time mixture
 * asks for the same few numbers of periods many times.
 */
const compoundPowers = new WeakMap<PerPeriodDemandModel, Float64Array[]>();

function compoundPower(model: PerPeriodDemandModel, periods: number): DiscreteDistribution {
  let powers = compoundPowers.get(model);
  if (powers === undefined) {
    powers = [Float64Array.of(1)];
    compoundPowers.set(model, powers);
  }
  if (powers.length <= periods) {
    const p = model.occurrenceProbability ?? 0;
    const sizes = model.sizes!;
    const index = [0, ...sizes.sizes];
    const value = [1 - p, ...sizes.probabilities.map((q) => p * q)];
    while (powers.length <= periods) powers.push(convolveSparse(powers[powers.length - 1]!, index, value));
  }
  return fromPmf(powers[periods]!);
}

/** One period's demand given that it is positive (the demand that triggered the order). */
function positiveDemand(model: PerPeriodDemandModel): { index: number[]; value: number[] } {
  if (model.model === 'compound-bernoulli')
    return { index: [...model.sizes!.sizes], value: [...model.sizes!.probabilities] };
  const one = demandOverPeriods(model, 1).pmf;
  const positive = 1 - one[0]!;
  const { index, value } = sparse(one.subarray(1));
  return { index: index.map((i) => i + 1), value: value.map((v) => v / positive) };
}

/**
 * P(D_L = k) = Σ_l P(L = l)·P(D(l + extra) = k). With `startsWithDemand`, each lead time's first
 * period holds a demand for certain: D = Z⁺ + D(l + extra − 1).
 */
export function leadTimeDemand(
  model: PerPeriodDemandModel,
  leadTime: LeadTimeDistribution,
  options: LeadTimeDemandOptions = {},
): DiscreteDistribution {
  const extra = options.extraPeriods ?? 0;
  const first = options.startsWithDemand && model.mean > 0 ? positiveDemand(model) : null;
  const parts = leadTime.values.map((l, i) => {
    const periods = l + extra;
    const distribution =
      first === null
        ? demandOverPeriods(model, periods)
        : fromPmf(
            convolveSparse(demandOverPeriods(model, Math.max(0, periods - 1)).pmf, first.index, first.value),
          );
    return { weight: leadTime.probabilities[i]!, distribution };
  });
  return parts.length === 1 ? parts[0]!.distribution : mixture(parts);
}

/** Standard-normal points and weights used to discretise a lead time given by mean and sd. */
const NORMAL_POINTS = [-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3];

/**
 * The lead time as a discrete distribution: an explicit one is checked and normalised; a mean and
 * sd becomes a 13-point discretised normal (−3σ..3σ in steps of σ/2, clipped at 0).
 */
export function leadTimeDistribution(input: LeadTimeInput): LeadTimeDistribution {
  let values: number[];
  let probabilities: number[];
  if ('values' in input) {
    if (input.values.length === 0 || input.values.length !== input.probabilities.length) {
      throw new RangeError('leadTime: values and probabilities must be non-empty and of equal length');
    }
    if (input.values.some((v) => !(v >= 0 && Number.isFinite(v))))
      throw new RangeError('leadTime.values: must be finite and ≥ 0');
    if (input.probabilities.some((p) => !(p >= 0)))
      throw new RangeError('leadTime.probabilities: must be ≥ 0');
    const total = input.probabilities.reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > 1e-6) throw new RangeError('leadTime.probabilities: must sum to 1');
    values = [...input.values];
    probabilities = input.probabilities.map((p) => p / total);
  } else {
    const sd = input.sd ?? 0;
    if (!(input.mean >= 0 && Number.isFinite(input.mean)))
      throw new RangeError('leadTime.mean: must be finite and ≥ 0');
    if (!(sd >= 0 && Number.isFinite(sd))) throw new RangeError('leadTime.sd: must be finite and ≥ 0');
    if (sd === 0) {
      values = [input.mean];
      probabilities = [1];
    } else {
      const byValue = new Map<number, number>();
      let total = 0;
      for (const z of NORMAL_POINTS) {
        const w = Math.exp(-0.5 * z * z);
        const v = Math.max(0, input.mean + z * sd);
        byValue.set(v, (byValue.get(v) ?? 0) + w);
        total += w;
      }
      values = [...byValue.keys()];
      probabilities = values.map((v) => byValue.get(v)! / total);
    }
  }
  const mean = values.reduce((acc, v, i) => acc + v * probabilities[i]!, 0);
  return { values, probabilities, mean };
}
