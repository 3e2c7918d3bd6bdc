import { describe, expect, it } from 'vitest';
import { parseInteger, parseList, parsePositiveInts, parseSizes } from '../../scripts/bench/lib/args.ts';

describe('bench flags', () => {
  it('reads comma lists, ignoring blanks', () => {
    expect(parseList('instances', 'C101, R201,')).toEqual(['C101', 'R201']);
    expect(() => parseList('instances', ' , ')).toThrow(/--instances/);
  });

  it('reads time limits as positive integers and names the flag on a typo', () => {
    expect(parsePositiveInts('time-limits', '1000,10000')).toEqual([1000, 10000]);
    expect(() => parsePositiveInts('time-limits', '1000,1e4')).toThrow(/--time-limits: "1e4"/);
    expect(() => parsePositiveInts('time-limits', '0')).toThrow();
    expect(parseInteger('seed', '-3')).toBe(-3);
  });

  it('reads sizes as TICKETSxENGINEERS', () => {
    expect(parseSizes('sizes', '100x50,20000x1000')).toEqual([
      { tickets: 100, engineers: 50 },
      { tickets: 20000, engineers: 1000 },
    ]);
    expect(() => parseSizes('sizes', '100*50')).toThrow(/TICKETSxENGINEERS/);
    expect(() => parseSizes('sizes', '0x5')).toThrow();
  });
});
