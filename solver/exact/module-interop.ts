/**
 * The types of `highs` and `javascript-lp-solver` describe their CommonJS builds, where the
 * export sits at `.default` of the default import; Node resolves their ES module builds, where
 * the default import is the export itself. This returns the export either way.
 */
export function interopDefault<T>(moduleDefault: unknown): T {
  return (moduleDefault as { default?: T }).default ?? (moduleDefault as T);
}
