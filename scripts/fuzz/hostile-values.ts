import fc from 'fast-check';

/** Nested arrays `depth` deep, the innermost holding `leaf`. */
function nested(depth: number, leaf: unknown): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

/** Strings a client could send that no schema expects: injection, control characters, odd unicode. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  "' or '1'='1",
  "'; drop table tickets; --",
  '"; select pg_sleep(1); --',
  '$1',
  '::text',
  '%',
  '_',
  '\\',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '🙂🔧',
  '\u202eevil',
  '\u200b',
  '四川省成都市',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  'true',
  'null',
  '{"$gt":""}',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '2026-02-30',
  '2026-11-30T25:61:00+08:00',
  '+275760-09-13T00:00:00.000Z',
  '0000-01-01T00:00:00Z',
  'x'.repeat(10_000),
];

/** Any JSON value a client could send where the schema wants something else. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        -1,
        0,
        -0,
        0.5,
        -2_147_483_649,
        2_147_483_648,
        Number.MAX_SAFE_INTEGER + 2,
        1e308,
        -1e308,
        Number.MIN_VALUE,
        1e21,
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(true, false, null, [], {}, [1, 2], { a: 1 }, [null]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(nested(20, 'deep'), nested(40, 1), { a: { b: { c: { d: [[[['x']]]] } } } }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'é'.repeat(300_000),
        Array.from({ length: 20_000 }, (_, i) => i),
      ),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** Hostile path segments: not ids, encoded so the URL stays a URL (or raw broken encodings). */
export const HOSTILE_PATH_SEGMENTS: readonly string[] = [
  encodeURIComponent('../..'),
  encodeURIComponent("1' or '1'='1"),
  encodeURIComponent('\u0000'),
  encodeURIComponent('🙂'),
  encodeURIComponent('x'.repeat(3000)),
  encodeURIComponent('a/b'),
  '-1',
  '0',
  'NaN',
  '1e309',
  '99999999999999999999',
  '%E0%A4%A',
  '%',
  '%00',
  '.',
  encodeURIComponent(' '),
  'null',
];

/** Query values: strings only (the query parser sees nothing else), sometimes repeated keys. */
export function hostileQueryValue(): fc.Arbitrary<string | string[]> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 5000)) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom('1', 'a', ''), { minLength: 2, maxLength: 3 }) },
  );
}
