import type { Problem } from '../problem.schema.ts';

/**
 * SKU indices and compatibility. A need for SKU A is met by A or by any SKU that supersedes it,
 * transitively; a spare-unit need for a model by a unit of that model or by what supersedes one.
 */
export interface Catalog {
  readonly ids: readonly string[];
  indexOf(sku: string): number;
  /** SKUs that meet a need for `sku`: itself first, then its superseders, nearest first. */
  compatibleWith(sku: number): readonly number[];
  /** SKUs that meet a spare-unit need for `model`, or an empty list. */
  unitsFor(model: string): readonly number[];
}

export function createCatalog(problem: Problem): Catalog {
  const ids: string[] = [];
  const index = new Map<string, number>();
  const intern = (sku: string): number => {
    let i = index.get(sku);
    if (i === undefined) {
      i = ids.length;
      ids.push(sku);
      index.set(sku, i);
    }
    return i;
  };
  for (const sku of problem.skus) intern(sku.sku);
  for (const record of problem.stock) intern(record.sku);
  for (const engineer of problem.engineers) for (const sku of Object.keys(engineer.vanStock)) intern(sku);
  for (const ticket of problem.tickets) for (const need of ticket.parts) intern(need.sku);

  const supersededBy = new Map<number, number[]>();
  for (const sku of problem.skus) {
    for (const old of sku.supersedes) {
      const list = supersededBy.get(intern(old)) ?? [];
      list.push(intern(sku.sku));
      supersededBy.set(intern(old), list);
    }
  }

  const closureCache = new Map<number, readonly number[]>();
  const closure = (roots: readonly number[]): number[] => {
    const seen = new Set<number>(roots);
    const order = [...roots];
    for (let head = 0; head < order.length; head++) {
      for (const next of supersededBy.get(order[head]!) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          order.push(next);
        }
      }
    }
    return order;
  };
  const compatibleWith = (sku: number): readonly number[] => {
    let list = closureCache.get(sku);
    if (!list) {
      list = closure([sku]);
      closureCache.set(sku, list);
    }
    return list;
  };

  const unitsByModel = new Map<string, readonly number[]>();
  const unitsFor = (model: string): readonly number[] => {
    let list = unitsByModel.get(model);
    if (!list) {
      const roots = problem.skus
        .filter((s) => s.kind === 'unit' && s.model === model)
        .map((s) => intern(s.sku));
      list = closure(roots);
      unitsByModel.set(model, list);
    }
    return list;
  };

  return {
    ids,
    indexOf: (sku) => index.get(sku) ?? -1,
    compatibleWith,
    unitsFor,
  };
}
