/**
 * Summary statistics for benchmark samples. Percentiles use the nearest-rank method on a sorted
 * copy (p95 of 1,000 samples is the 950th smallest), which needs no interpolation and always
 * returns a value that was actually measured.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of an empty sample');
  if (p < 0 || p > 100) throw new Error(`percentile ${p} is outside 0..100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** The middle value; for an even count, the mean of the two middle values. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of an empty sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Arithmetic mean; null for an empty sample, so that "no data" is never printed as 0. */
export function mean(samples: readonly number[]): number | null {
  if (samples.length === 0) return null;
  return samples.reduce((sum, value) => sum + value, 0) / samples.length;
}
