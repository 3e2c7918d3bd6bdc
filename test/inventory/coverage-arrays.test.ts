import { describe, expect, it } from 'vitest';
import { appendAll, indexOfMin, maxOf } from '../../solver/inventory/coverage/arrays.ts';

/** 200,000 arguments overflow V8's stack when spread into Math.max or push; the loops must not. */
const LARGE = 200_000;
const large = Array.from({ length: LARGE }, (_, i) => (i * 7919) % LARGE);

describe('coverage array helpers', () => {
  it('the spread they replace does overflow at this size (so the test below means something)', () => {
    expect(() => Math.max(0, ...large)).toThrow(RangeError);
    expect(() => [].push(...(large as never[]))).toThrow(RangeError);
  });

  it('maxOf finds the largest of 200,000 values and respects the floor', () => {
    expect(maxOf(large, 0)).toBe(LARGE - 1);
    expect(maxOf(new Map(large.map((v, i) => [i, v])).values(), 0)).toBe(LARGE - 1);
    expect(maxOf([], 0)).toBe(0);
    expect(maxOf([-3, -1], 0)).toBe(0);
    expect(maxOf([2, 9, 4], 5)).toBe(9);
  });

  it('indexOfMin returns the first smallest index like indexOf(Math.min(...))', () => {
    const values = [...large, -1, -1];
    expect(indexOfMin(values)).toBe(LARGE);
    expect(indexOfMin([3, 1, 2, 1])).toBe(1);
    expect(indexOfMin([])).toBe(-1);
  });

  it('appendAll appends 200,000 items in order, in place', () => {
    const target = ['a'];
    appendAll(target, large.map(String));
    expect(target).toHaveLength(LARGE + 1);
    expect(target[0]).toBe('a');
    expect(target[1]).toBe(String(large[0]));
    expect(target.at(-1)).toBe(String(large.at(-1)));
  });
});
