/**
 * Deep merge of terms and overrides: plain objects merge key by key, anything else (a figure,
 * null, a list) replaces, and an absent or undefined key keeps the base. The result is untyped
 * on purpose: it must be parsed again, because a patch can leave a new zone half specified.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeTwo(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (!isPlainObject(patch) || !isPlainObject(base)) return patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = mergeTwo(base[key], value);
  return merged;
}

export function mergeTerms(base: unknown, ...patches: unknown[]): unknown {
  return patches.reduce(mergeTwo, base);
}
