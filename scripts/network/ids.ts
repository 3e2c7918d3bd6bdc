/**
 * Ids are a prefix and a zero-padded number, wide enough for the largest number of the kind, so
 * that sorting ids as strings sorts them by number and files list entities in id order.
 */
export function idWidth(count: number, minimumWidth: number): number {
  return Math.max(minimumWidth, String(Math.max(1, count)).length);
}

export function numberedId(prefix: string, number: number, width: number): string {
  return `${prefix}${String(number).padStart(width, '0')}`;
}

/** Ids for `count` entities numbered from 1. */
export function numberedIds(prefix: string, count: number, minimumWidth: number): string[] {
  const width = idWidth(count, minimumWidth);
  return Array.from({ length: count }, (_, i) => numberedId(prefix, i + 1, width));
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byId<T extends { id: string }>(a: T, b: T): number {
  return compareIds(a.id, b.id);
}
