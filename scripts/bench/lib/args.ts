/**
 * Parsing of the benchmark scripts' list-valued flags. Each parser rejects what it cannot read
 * with a message naming the flag, so a typo fails the run instead of benchmarking the wrong thing.
 */
export function parseList(flag: string, text: string): string[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  if (items.length === 0) throw new Error(`--${flag} needs at least one value`);
  return items;
}

export function parsePositiveInts(flag: string, text: string): number[] {
  return parseList(flag, text).map((item) => parsePositiveInt(flag, item));
}

export function parsePositiveInt(flag: string, text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) <= 0)
    throw new Error(`--${flag}: "${text}" is not a positive integer`);
  return Number(text);
}

export function parseInteger(flag: string, text: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new Error(`--${flag}: "${text}" is not an integer`);
  return Number(text);
}

/** A dispatch-day size, "1000x500": 1,000 tickets for 500 engineers. */
export interface DaySize {
  tickets: number;
  engineers: number;
}

export function parseSizes(flag: string, text: string): DaySize[] {
  return parseList(flag, text).map((item) => {
    const match = /^(\d+)x(\d+)$/.exec(item);
    if (!match || Number(match[1]) <= 0 || Number(match[2]) <= 0)
      throw new Error(`--${flag}: "${item}" is not TICKETSxENGINEERS, e.g. 1000x500`);
    return { tickets: Number(match[1]), engineers: Number(match[2]) };
  });
}

export function formatSize(size: DaySize): string {
  return `${size.tickets}x${size.engineers}`;
}
