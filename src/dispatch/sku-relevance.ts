/**
 * The SKUs that can serve some ticket of the problem: the parts asked for, the unit SKUs of the
 * spare-unit models asked for, and every SKU that supersedes one of those, transitively (the
 * solver's fit rule, docs/solver.md "Stock"). Stock of any other SKU cannot be used by the plan,
 * so the problem leaves it out: a smaller problem, and a commit check on what the plan can use.
 */
export function relevantSkus(
  needs: { parts: Iterable<string>; models: Iterable<string> },
  skus: ReadonlyArray<{ id: string; kind: string; model_id: string | null; supersedes: readonly string[] }>,
): Set<string> {
  const supersededBy = new Map<string, string[]>();
  for (const sku of skus)
    for (const older of sku.supersedes) {
      const newer = supersededBy.get(older);
      if (newer) newer.push(sku.id);
      else supersededBy.set(older, [sku.id]);
    }
  const models = new Set(needs.models);
  const relevant = new Set<string>(needs.parts);
  for (const sku of skus)
    if (sku.kind === 'unit' && sku.model_id !== null && models.has(sku.model_id)) relevant.add(sku.id);
  const queue = [...relevant];
  for (let next = queue.pop(); next !== undefined; next = queue.pop())
    for (const newer of supersededBy.get(next) ?? [])
      if (!relevant.has(newer)) {
        relevant.add(newer);
        queue.push(newer);
      }
  return relevant;
}
