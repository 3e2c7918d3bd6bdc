import type { Sku } from '../problem.schema.ts';

/**
 * Which SKUs meet a need (docs/solver.md, Stock): a part need is met by the SKU or any SKU that
 * supersedes it, transitively; a spare unit of a model by a unit SKU of that model or a unit SKU
 * superseding one. The lists are sorted so that models built from them are reproducible.
 */
export interface SkuCatalog {
  partsFitting(sku: string): string[];
  unitsFitting(model: string): string[];
}

export function createSkuCatalog(skus: readonly Sku[]): SkuCatalog {
  const bySku = new Map(skus.map((sku) => [sku.sku, sku]));

  // Every SKU that `sku` replaces, directly or through a chain; each SKU enters the frontier once,
  // so a cycle in the data cannot loop forever.
  const replaces = (sku: string): Set<string> => {
    const reached = new Set<string>();
    const frontier = [sku];
    while (frontier.length > 0) {
      for (const older of bySku.get(frontier.pop()!)?.supersedes ?? []) {
        if (reached.has(older)) continue;
        reached.add(older);
        frontier.push(older);
      }
    }
    return reached;
  };
  const replacedBy = new Map(skus.map((sku) => [sku.sku, replaces(sku.sku)]));

  return {
    partsFitting: (needed) =>
      [
        needed,
        ...skus.filter((sku) => sku.sku !== needed && replacedBy.get(sku.sku)!.has(needed)).map((s) => s.sku),
      ].sort(),
    unitsFitting: (model) =>
      skus
        .filter(
          (sku) =>
            sku.kind === 'unit' &&
            (sku.model === model ||
              [...replacedBy.get(sku.sku)!].some(
                (older) => bySku.get(older)?.kind === 'unit' && bySku.get(older)?.model === model,
              )),
        )
        .map((sku) => sku.sku)
        .sort(),
  };
}
