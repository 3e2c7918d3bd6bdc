/** A typed column from a list, by a plain loop (TypedArray.from with a map function is slow). */
export function floats<T>(items: readonly T[], value: (item: T, i: number) => number): Float64Array {
  const column = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) column[i] = value(items[i]!, i);
  return column;
}

export function ints<T>(items: readonly T[], value: (item: T, i: number) => number): Int32Array {
  const column = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) column[i] = value(items[i]!, i);
  return column;
}

export function bytes<T>(items: readonly T[], value: (item: T, i: number) => number): Uint8Array {
  const column = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) column[i] = value(items[i]!, i);
  return column;
}
