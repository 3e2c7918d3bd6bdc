import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { problems, type FieldError } from '../http/problem.ts';
import { referenceErrors, supersessionCycleError, type FieldNamer, type SkuDraft } from './sku-checks.ts';
import { skuCsvColumnOf } from './sku-csv.ts';
import type { SkuRepository, SkuValues } from './sku.repository.ts';
import type { Sku, SkuCreate, SkuImportResult, SkuListQuery, SkuUpdate } from './sku.schemas.ts';

const entity = 'sku';

/** At most this many errors are reported for a rejected file; the first is what matters most. */
const MAX_REPORTED_ERRORS = 20;

/** A file with any bad row is rejected whole, as src/http/csv.ts rejects one with a malformed row. */
const rejectFile = (errors: FieldError[]) =>
  problems.validation(
    errors.slice(0, MAX_REPORTED_ERRORS),
    `the file was rejected, nothing was written: ${errors[0]!.field}: ${errors[0]!.message}`,
  );

const bodyField: FieldNamer = (_index, field, element) =>
  element === undefined ? `body.${field}` : `body.${field}[${element}]`;

export function createSkuService(deps: { db: Knex; skus: SkuRepository }) {
  const { db, skus } = deps;

  async function mustGet(id: string, trx: Knex = db): Promise<Sku> {
    const sku = await skus.get(id, trx);
    if (!sku) throw problems.notFound(entity, id);
    return sku;
  }

  /** Rejects a draft whose references are unknown or whose supersessions would close a cycle. */
  async function check(draft: SkuDraft, trx: Knex): Promise<void> {
    const errors = await referenceErrors(skus, [draft], bodyField, trx);
    if (errors.length) throw problems.validation(errors);
    if (draft.supersedes.length === 0) return;
    await skus.lockSupersessions(trx);
    const cycle = await supersessionCycleError(skus, [draft], bodyField, trx);
    if (cycle) throw problems.validation([cycle]);
  }

  return {
    list: (query: SkuListQuery) => skus.list(query),
    get: (id: string) => mustGet(id),
    batches: () => skus.batches(),

    create: (input: SkuCreate, actor: string): Promise<Sku> =>
      db.transaction(async (trx) => {
        await check(input, trx);
        await skus.insert(input, trx);
        await recordAudit(trx, { actor, action: 'create', entity, entityId: input.id, data: input });
        return mustGet(input.id, trx);
      }),

    update: (id: string, input: SkuUpdate, actor: string): Promise<Sku> =>
      db.transaction(async (trx) => {
        const current = await mustGet(id, trx);
        const kind = input.kind ?? current.kind;
        const modelId = input.modelId !== undefined ? input.modelId : current.modelId;
        if (kind === 'unit' && !modelId)
          throw problems.validation([
            { field: 'body.modelId', message: 'a spare unit needs the model it is' },
          ]);
        // Only what changes is checked: the references kept were valid when they were written.
        await check(
          {
            id,
            modelId: input.modelId ?? null,
            supplierId: input.supplierId ?? null,
            fits: input.fits ?? [],
            supersedes: input.supersedes ?? [],
          },
          trx,
        );
        await skus.update(id, input, trx);
        await recordAudit(trx, { actor, action: 'update', entity, entityId: id, data: input });
        return mustGet(id, trx);
      }),

    remove: (id: string, actor: string): Promise<void> =>
      db.transaction(async (trx) => {
        if (!(await skus.remove(id, trx))) throw problems.notFound(entity, id);
        await recordAudit(trx, { actor, action: 'delete', entity, entityId: id });
      }),

    /**
     * Creates or overwrites every SKU of a file in one transaction: all rows or none. Rows may
     * supersede each other in any order; errors name the line.
     */
    importAll: (
      rows: ReadonlyArray<{ line: number; sku: SkuValues }>,
      actor: string,
    ): Promise<SkuImportResult> =>
      db.transaction(async (trx) => {
        const lineOf = new Map<string, number>();
        const duplicates: FieldError[] = [];
        for (const { line, sku } of rows) {
          const earlier = lineOf.get(sku.id);
          if (earlier !== undefined)
            duplicates.push({ field: `line ${line}: id`, message: `duplicate of line ${earlier}` });
          else lineOf.set(sku.id, line);
        }
        if (duplicates.length) throw rejectFile(duplicates);

        const drafts = rows.map((row) => row.sku);
        const lineField: FieldNamer = (index, field) => `line ${rows[index]!.line}: ${skuCsvColumnOf[field]}`;
        await skus.lockSupersessions(trx);
        const errors = await referenceErrors(skus, drafts, lineField, trx);
        if (errors.length) throw rejectFile(errors);
        const cycle = await supersessionCycleError(skus, drafts, lineField, trx);
        if (cycle) throw rejectFile([cycle]);

        const ids = drafts.map((sku) => sku.id);
        const existing = await skus.existing('skus', ids, trx);
        await skus.upsert(drafts, trx);
        const result = { created: ids.length - existing.size, updated: existing.size };
        await recordAudit(trx, {
          actor,
          action: 'import',
          entity,
          entityId: 'skus.csv',
          data: { ...result, ids },
        });
        return result;
      }),
  };
}

export type SkuService = ReturnType<typeof createSkuService>;
