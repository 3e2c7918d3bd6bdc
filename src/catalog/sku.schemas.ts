import { z } from 'zod';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id, IsoDate } from '../http/schemas.ts';

export const SkuKind = z.enum(['part', 'unit']);
export type SkuKind = z.infer<typeof SkuKind>;

/** Money in the catalog's currency, stored as numeric(14,2): refuse what the column would round. */
export const Money = z
  .number()
  .min(0)
  .max(999_999_999_999.99)
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, 'at most two decimals');

/** A list of ids without repeats; a repeat is named by its index. */
export const IdList = z
  .array(Id)
  .max(500)
  .superRefine((ids, ctx) => {
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index)
        ctx.addIssue({ code: 'custom', path: [index], message: `${id} is listed twice` });
    });
  });

/** The catalog figures of an SKU, shared by the JSON API and the CSV columns. */
export const skuFields = {
  kind: SkuKind,
  name: z.string().min(1).max(200),
  /** For a spare unit: the equipment model it is. */
  modelId: Id.nullable(),
  /** The equipment models this part or unit can be used on. */
  fits: IdList,
  /** The SKUs this one replaces: a need for any of them may be met with this one. */
  supersedes: IdList,
  unitCost: Money,
  packSize: z.number().int().min(1).max(1_000_000),
  minOrderQty: z.number().int().min(1).max(1_000_000),
  supplierId: Id.nullable(),
  leadTimeDaysMean: z.number().min(0).max(3650),
  leadTimeDaysSd: z.number().min(0).max(3650),
  /** The last day the supplier delivers it: before then, a last-time buy. */
  endOfLife: IsoDate.nullable(),
  /** The room it takes in a van, in the vans' capacity units. */
  loadUnits: z.number().min(0).max(1_000_000),
};

/** The catalog's defaults for figures a client leaves out (the columns' defaults). */
export const skuDefaults = {
  modelId: null,
  fits: [],
  supersedes: [],
  packSize: 1,
  minOrderQty: 1,
  supplierId: null,
  leadTimeDaysMean: 14,
  leadTimeDaysSd: 0,
  endOfLife: null,
  loadUnits: 0,
} as const;

export const Sku = z
  .object({
    id: Id,
    ...skuFields,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Sku');
export type Sku = z.infer<typeof Sku>;

const unitNeedsModel = (value: { kind?: SkuKind; modelId?: string | null }) =>
  value.kind !== 'unit' || !!value.modelId;

export const SkuCreate = z
  .object({
    id: Id,
    kind: skuFields.kind,
    name: skuFields.name,
    unitCost: skuFields.unitCost,
    modelId: skuFields.modelId.default(skuDefaults.modelId),
    fits: skuFields.fits.default([]),
    supersedes: skuFields.supersedes.default([]),
    packSize: skuFields.packSize.default(skuDefaults.packSize),
    minOrderQty: skuFields.minOrderQty.default(skuDefaults.minOrderQty),
    supplierId: skuFields.supplierId.default(skuDefaults.supplierId),
    leadTimeDaysMean: skuFields.leadTimeDaysMean.default(skuDefaults.leadTimeDaysMean),
    leadTimeDaysSd: skuFields.leadTimeDaysSd.default(skuDefaults.leadTimeDaysSd),
    endOfLife: skuFields.endOfLife.default(skuDefaults.endOfLife),
    loadUnits: skuFields.loadUnits.default(skuDefaults.loadUnits),
  })
  .strict()
  .refine(unitNeedsModel, { path: ['modelId'], message: 'a spare unit needs the model it is' })
  .openapi('SkuCreate');
export type SkuCreate = z.infer<typeof SkuCreate>;

/** Any figure; `fits` and `supersedes` replace the lists. A unit must still have a model after. */
export const SkuUpdate = z
  .object(skuFields)
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' })
  .openapi('SkuUpdate');
export type SkuUpdate = z.infer<typeof SkuUpdate>;

export const SkuListQuery = listQuery(['id', 'name', 'unitCost', 'createdAt'], {
  kind: SkuKind.optional(),
  modelId: Id.optional(),
  supplierId: Id.optional(),
  /** SKUs that fit this equipment model. */
  fits: Id.optional(),
  q: z.string().max(100).optional(),
});
export type SkuListQuery = z.infer<typeof SkuListQuery>;

export const SkuPage = pageSchema(Sku).openapi('SkuPage');

export const SkuImportResult = z
  .object({ created: z.number().int(), updated: z.number().int() })
  .openapi('SkuImportResult');
export type SkuImportResult = z.infer<typeof SkuImportResult>;
