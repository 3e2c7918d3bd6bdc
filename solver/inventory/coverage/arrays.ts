/**
 * Loops for arrays of any length. `Math.max(...xs)` and `xs.push(...ys)` pass every element as an
 * argument, and past roughly 100,000 of them V8 throws "Maximum call stack size exceeded"; a
 * national network (thousands of sites per model) reaches that.
 */

/** The largest value, or `floor` when there is none larger (`Math.max(floor, ...values)`). */
export function maxOf(values: Iterable<number>, floor: number): number {
  let max = floor;
  for (const value of values) if (value > max) max = value;
  return max;
}

/** The index of the first smallest value; -1 for an empty array. */
export function indexOfMin(values: readonly number[]): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (best < 0 || values[i]! < values[best]!) best = i;
  return best;
}

/** Appends `items` to `target` in place (`target.push(...items)` without the argument limit). */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
