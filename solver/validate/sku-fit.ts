import type { Sku } from '../problem.schema.ts';

/** Which supplied SKU may stand in for which need (docs/solver.md, Stock). */
export interface SkuFit {
  /** A part need for `needed` may be met with `supplied`: the same SKU or one superseding it, transitively. */
  partFits(supplied: string, needed: string): boolean;
  /** A spare unit of `model` may be `supplied`: a unit of that model, or a unit superseding one. */
  unitFits(supplied: string, model: string): boolean;
}

export function createSkuFit(skus: readonly Sku[]): SkuFit {
  const bySku = new Map(skus.map((sku) => [sku.sku, sku]));
  const closures = new Map<string, Set<string>>();

  // Every SKU `sku` replaces, directly or through a chain; a cycle in the data cannot loop forever
  // because each SKU enters the frontier once.
  const supersededBy = (sku: string): Set<string> => {
    const cached = closures.get(sku);
    if (cached) return cached;
    const reached = new Set<string>();
    const frontier = [sku];
    while (frontier.length > 0) {
      const next = bySku.get(frontier.pop()!);
      for (const older of next?.supersedes ?? []) {
        if (reached.has(older)) continue;
        reached.add(older);
        frontier.push(older);
      }
    }
    closures.set(sku, reached);
    return reached;
  };

  return {
    partFits: (supplied, needed) => supplied === needed || supersededBy(supplied).has(needed),
    unitFits: (supplied, model) => {
      const sku = bySku.get(supplied);
      if (sku?.kind !== 'unit') return false;
      if (sku.model === model) return true;
      for (const older of supersededBy(supplied)) {
        const olderSku = bySku.get(older);
        if (olderSku?.kind === 'unit' && olderSku.model === model) return true;
      }
      return false;
    },
  };
}
