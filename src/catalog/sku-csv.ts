import { z } from 'zod';
import { Id, IsoDate } from '../http/schemas.ts';
import type { SkuValues } from './sku.repository.ts';
import { IdList, skuDefaults, skuFields, type Sku } from './sku.schemas.ts';

/**
 * The SKU catalog as CSV, the shape depot managers keep in their ERP: one SKU a line, the models
 * it fits and the SKUs it supersedes as `;`-separated ids. The same columns go out and come in,
 * so an export imports back unchanged.
 */
export const skuCsvColumns = [
  'id',
  'kind',
  'name',
  'model',
  'fits',
  'supersedes',
  'unitCost',
  'packSize',
  'minOrderQty',
  'supplier',
  'leadTimeDaysMean',
  'leadTimeDaysSd',
  'endOfLife',
  'loadUnits',
];

/** The CSV column of each reference field, for errors found after parsing. */
export const skuCsvColumnOf = {
  modelId: 'model',
  supplierId: 'supplier',
  fits: 'fits',
  supersedes: 'supersedes',
} as const;

const required = { error: 'is required' };

/** A decimal number cell; blank takes the catalog's default when there is one. */
const numberCell = (schema: z.ZodType<number, number>) =>
  z
    .string(required)
    .regex(/^-?\d+(\.\d+)?$/, 'must be a number such as 12 or 12.5')
    .transform(Number)
    .pipe(schema);

const idListCell = z
  .string()
  .optional()
  .transform((cell) =>
    (cell ?? '')
      .split(';')
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .pipe(IdList);

export const SkuCsvRow = z
  .strictObject({
    id: Id,
    kind: skuFields.kind,
    name: z.string(required).pipe(skuFields.name),
    model: Id.optional(),
    fits: idListCell,
    supersedes: idListCell,
    unitCost: numberCell(skuFields.unitCost),
    packSize: numberCell(skuFields.packSize).optional(),
    minOrderQty: numberCell(skuFields.minOrderQty).optional(),
    supplier: Id.optional(),
    leadTimeDaysMean: numberCell(skuFields.leadTimeDaysMean).optional(),
    leadTimeDaysSd: numberCell(skuFields.leadTimeDaysSd).optional(),
    endOfLife: IsoDate.optional(),
    loadUnits: numberCell(skuFields.loadUnits).optional(),
  })
  .refine((row) => row.kind !== 'unit' || row.model !== undefined, {
    path: ['model'],
    message: 'a spare unit needs the model it is',
  })
  .transform((row): SkuValues => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    modelId: row.model ?? null,
    fits: row.fits,
    supersedes: row.supersedes,
    unitCost: row.unitCost,
    packSize: row.packSize ?? skuDefaults.packSize,
    minOrderQty: row.minOrderQty ?? skuDefaults.minOrderQty,
    supplierId: row.supplier ?? null,
    leadTimeDaysMean: row.leadTimeDaysMean ?? skuDefaults.leadTimeDaysMean,
    leadTimeDaysSd: row.leadTimeDaysSd ?? skuDefaults.leadTimeDaysSd,
    endOfLife: row.endOfLife ?? null,
    loadUnits: row.loadUnits ?? skuDefaults.loadUnits,
  }));

export function skuToCsv(sku: Sku): Record<string, unknown> {
  return {
    id: sku.id,
    kind: sku.kind,
    name: sku.name,
    model: sku.modelId ?? '',
    fits: sku.fits.join(';'),
    supersedes: sku.supersedes.join(';'),
    unitCost: sku.unitCost,
    packSize: sku.packSize,
    minOrderQty: sku.minOrderQty,
    supplier: sku.supplierId ?? '',
    leadTimeDaysMean: sku.leadTimeDaysMean,
    leadTimeDaysSd: sku.leadTimeDaysSd,
    endOfLife: sku.endOfLife ?? '',
    loadUnits: sku.loadUnits,
  };
}
