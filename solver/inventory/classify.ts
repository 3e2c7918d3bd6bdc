/**
 * Demand classification of Syntetos, Boylan & Croston (2005): ADI (mean inter-demand interval,
 * the first interval counted from the series' start) and CV² of the non-zero sizes (sample sd).
 */
import type { DemandClassification, SizeDistribution } from './types.ts';

/** Cut-offs of Syntetos, Boylan & Croston (2005). */
export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

export function classifyDemand(history: readonly number[]): DemandClassification {
  let nonZero = 0;
  let lastIndex = -1;
  let intervalSum = 0;
  let sizeSum = 0;
  let sizeSquares = 0;
  for (let t = 0; t < history.length; t++) {
    const y = history[t]!;
    if (y <= 0) continue;
    nonZero++;
    intervalSum += t - lastIndex; // the first interval is the first non-zero's index + 1
    lastIndex = t;
    sizeSum += y;
    sizeSquares += y * y;
  }
  const adi = nonZero > 0 ? intervalSum / nonZero : Number.NaN;
  let cv2 = Number.NaN;
  if (nonZero >= 2) {
    const mean = sizeSum / nonZero;
    const variance = Math.max(0, (sizeSquares - nonZero * mean * mean) / (nonZero - 1));
    cv2 = variance / (mean * mean);
  }
  if (nonZero === 0 && history.length > 0) {
    return { adi, cv2, nonZero, category: 'no-demand', method: null };
  }
  if (nonZero < 2) return { adi, cv2, nonZero, category: 'too-little-history', method: null };

  const frequent = adi <= ADI_CUTOFF;
  const steady = cv2 <= CV2_CUTOFF;
  const category = frequent ? (steady ? 'smooth' : 'erratic') : steady ? 'intermittent' : 'lumpy';
  // No zeros at all (every interval is 1) → SES; SBA outside the smooth quadrant; else Croston.
  const method = adi <= 1 ? 'ses' : frequent && steady ? 'croston' : 'sba';
  return { adi, cv2, nonZero, category, method };
}

/** Empirical distribution of the non-zero sizes (integers), ascending. */
export function sizeDistribution(history: readonly number[]): SizeDistribution {
  const counts = new Map<number, number>();
  let n = 0;
  for (const y of history) {
    if (y <= 0) continue;
    counts.set(y, (counts.get(y) ?? 0) + 1);
    n++;
  }
  const sizes = [...counts.keys()].sort((a, b) => a - b);
  const probabilities = sizes.map((s) => counts.get(s)! / n);
  let mean = 0;
  let second = 0;
  for (let i = 0; i < sizes.length; i++) {
    mean += sizes[i]! * probabilities[i]!;
    second += sizes[i]! * sizes[i]! * probabilities[i]!;
  }
  return {
    sizes,
    probabilities,
    mean: n > 0 ? mean : 0,
    variance: n > 0 ? Math.max(0, second - mean * mean) : 0,
  };
}
