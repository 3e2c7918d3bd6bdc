import type { Knex } from 'knex';
import type { FieldError } from '../http/problem.ts';
import type { SkuRepository, SkuValues } from './sku.repository.ts';
import { findSupersessionCycle, withSupersessions } from './supersession.ts';

/**
 * Checks that span rows or need the database, shared by the JSON API (one SKU, fields named
 * `body.fits[2]`) and the CSV import (many SKUs, fields named `line 7: fits`).
 */
export type SkuDraft = Pick<SkuValues, 'id' | 'modelId' | 'supplierId' | 'fits' | 'supersedes'>;

/** Names a field of the draft at `index`; `element` is the position in a list. */
export type FieldNamer = (
  index: number,
  field: 'modelId' | 'supplierId' | 'fits' | 'supersedes',
  element?: number,
) => string;

/**
 * Every reference to a model, a supplier or an SKU that neither exists nor is one of the drafts.
 * Checked here rather than left to the foreign keys so that each error names its list element or
 * its line, and so that all of them are reported at once.
 */
export async function referenceErrors(
  skus: SkuRepository,
  drafts: readonly SkuDraft[],
  nameField: FieldNamer,
  trx: Knex,
): Promise<FieldError[]> {
  const draftIds = new Set(drafts.map((draft) => draft.id));
  // One after another: a transaction is one connection, which runs one query at a time.
  const models = await skus.existing(
    'equipment_models',
    drafts.flatMap((d) => [...(d.modelId ? [d.modelId] : []), ...d.fits]),
    trx,
  );
  const suppliers = await skus.existing(
    'suppliers',
    drafts.flatMap((d) => (d.supplierId ? [d.supplierId] : [])),
    trx,
  );
  const olderSkus = await skus.existing(
    'skus',
    drafts.flatMap((d) => d.supersedes.filter((id) => !draftIds.has(id))),
    trx,
  );
  const errors: FieldError[] = [];
  drafts.forEach((draft, index) => {
    if (draft.modelId && !models.has(draft.modelId))
      errors.push({ field: nameField(index, 'modelId'), message: `no equipment model ${draft.modelId}` });
    if (draft.supplierId && !suppliers.has(draft.supplierId))
      errors.push({ field: nameField(index, 'supplierId'), message: `no supplier ${draft.supplierId}` });
    draft.fits.forEach((modelId, element) => {
      if (!models.has(modelId))
        errors.push({ field: nameField(index, 'fits', element), message: `no equipment model ${modelId}` });
    });
    draft.supersedes.forEach((skuId, element) => {
      if (!draftIds.has(skuId) && !olderSkus.has(skuId))
        errors.push({ field: nameField(index, 'supersedes', element), message: `no SKU ${skuId}` });
    });
  });
  return errors;
}

/**
 * The error for a supersession cycle the drafts would close, if any. The caller holds the
 * supersession lock, so the graph read here cannot change before the drafts are written. The
 * stored graph is acyclic, so a new cycle passes through a draft: the last one in the drafts'
 * order is named, the row that closes the cycle when the file is read from the top.
 */
export async function supersessionCycleError(
  skus: SkuRepository,
  drafts: readonly SkuDraft[],
  nameField: FieldNamer,
  trx: Knex,
): Promise<FieldError | undefined> {
  const graph = withSupersessions(await skus.supersessionGraph(trx), drafts);
  const cycle = findSupersessionCycle(
    graph,
    drafts.map((draft) => draft.id),
  );
  if (!cycle) return undefined;
  const onCycle = new Set(cycle);
  const index = drafts.findLastIndex((draft) => onCycle.has(draft.id));
  return {
    field: nameField(Math.max(index, 0), 'supersedes'),
    message: `would make a supersession cycle: ${cycle.join(' → ')}`,
  };
}
