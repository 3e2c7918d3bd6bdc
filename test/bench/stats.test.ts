import { describe, expect, it } from 'vitest';
import { mean, median, percentile } from '../../scripts/bench/lib/stats.ts';

describe('bench statistics', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('returns a measured sample for p95 by nearest rank', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(percentile(samples, 95)).toBe(950);
    expect(percentile(samples, 100)).toBe(1000);
    expect(percentile([7], 95)).toBe(7);
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    median(samples);
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses an empty sample instead of inventing a number', () => {
    expect(() => median([])).toThrow();
    expect(() => percentile([], 95)).toThrow();
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 6])).toBe(3);
  });
});
