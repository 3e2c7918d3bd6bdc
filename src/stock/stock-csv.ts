import { z } from 'zod';
import { Id } from '../http/schemas.ts';
import { MAX_MOVEMENT_QTY, type StockBalance } from './stock.schemas.ts';

/**
 * The stock CSV formats, as depot managers' ERPs write and read them.
 * Export: location,sku,onHand,reserved,available,defective (one row per balance).
 * Import: location,sku,qty[,reason], where qty is the counted on-hand quantity.
 */

export const BALANCE_CSV_COLUMNS = ['location', 'sku', 'onHand', 'reserved', 'available', 'defective'];

export const toBalanceCsvRecord = (balance: StockBalance) => ({
  location: balance.locationId,
  sku: balance.skuId,
  onHand: balance.onHand,
  reserved: balance.reserved,
  available: balance.available,
  defective: balance.defective,
});

/** What the import checks each line against: stock-holding locations (id → active) and SKU ids. */
export interface StockCatalog {
  locations: ReadonlyMap<string, boolean>;
  skus: ReadonlySet<string>;
}

const pairKey = (location: string, sku: string) => `${location}\u001f${sku}`;

/**
 * The schema of one import line, made for one upload: it checks each line against the catalog
 * and against the lines before it, so every bad line (unknown or deactivated location, unknown
 * SKU, negative or fractional count, a location and SKU given twice) is reported with its line
 * number by the CSV reader, and the file is rejected before anything is written.
 */
export function stockImportRowSchema(catalog: StockCatalog) {
  const seen = new Set<string>();
  return z
    .object({
      location: Id,
      sku: Id,
      qty: z
        .string()
        .regex(/^\d+$/, 'must be a whole number of units, 0 or more')
        .transform(Number)
        .pipe(z.number().max(MAX_MOVEMENT_QTY, `must be at most ${MAX_MOVEMENT_QTY} units`)),
      reason: z.string().max(500).optional(),
    })
    .strict()
    .superRefine((row, ctx) => {
      const active = catalog.locations.get(row.location);
      if (active === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['location'],
          message: `no stock-holding location ${row.location}`,
        });
      else if (!active)
        ctx.addIssue({ code: 'custom', path: ['location'], message: `${row.location} is deactivated` });
      if (!catalog.skus.has(row.sku))
        ctx.addIssue({ code: 'custom', path: ['sku'], message: `no SKU ${row.sku}` });
      const key = pairKey(row.location, row.sku);
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['sku'],
          message: `${row.location} / ${row.sku} already appears on an earlier line`,
        });
      seen.add(key);
    });
}

export type StockImportRowSchema = ReturnType<typeof stockImportRowSchema>;
export type StockImportRow = z.output<StockImportRowSchema>;
