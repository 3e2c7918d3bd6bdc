import type { Knex } from 'knex';
import { problems, type FieldError } from '../http/problem.ts';
import type { StockRepository } from './stock.repository.ts';
import { MAX_MOVEMENT_QTY, STOCK_HOLDING_KINDS } from './stock.schemas.ts';

/**
 * What the ledger checks before it posts, because other features call it with values that never
 * went through an HTTP schema: whole quantities in range, and locations and SKUs that exist and
 * can hold stock. Balance limits are left to the database's check constraints.
 */

export interface PlaceCheck {
  locationId: string;
  /** The field to name in a problem, e.g. `body.lines[2].locationId`. */
  field: string;
  /** Stock arrives here: a deactivated location takes nothing new (it may still be emptied). */
  inbound: boolean;
}

export interface SkuCheck {
  skuId: string;
  field: string;
}

const holdingKinds: ReadonlySet<string> = new Set(STOCK_HOLDING_KINDS);

export function quantityError(qty: unknown, field: string, options: { signed?: boolean } = {}) {
  const limit = MAX_MOVEMENT_QTY;
  if (typeof qty !== 'number' || !Number.isInteger(qty)) return { field, message: 'must be a whole number' };
  if (options.signed ? qty === 0 : qty < 1)
    return { field, message: options.signed ? 'must not be zero' : 'must be at least 1' };
  if (Math.abs(qty) > limit) return { field, message: `must be at most ${limit} units` };
  return undefined;
}

/** Throws a 422 naming the quantity field unless `qty` is a whole, non-zero number of units in range. */
export function requireQuantity(qty: unknown, field: string, options: { signed?: boolean } = {}): void {
  const error = quantityError(qty, field, options);
  if (error) throw problems.validation([error]);
}

export function locationError(
  facts: { kind: string; active: boolean } | undefined,
  place: PlaceCheck,
): FieldError | undefined {
  if (!facts) return { field: place.field, message: `no location ${place.locationId}` };
  if (!holdingKinds.has(facts.kind))
    return {
      field: place.field,
      message: `${place.locationId} is a ${facts.kind}, which holds no stock (only ${STOCK_HOLDING_KINDS.join(', ')})`,
    };
  if (place.inbound && !facts.active)
    return { field: place.field, message: `${place.locationId} is deactivated and takes no new stock` };
  return undefined;
}

/** Throws one 422 naming every unknown or unfit location and unknown SKU. */
export async function requireStockPlaces(
  stock: StockRepository,
  trx: Knex,
  places: readonly PlaceCheck[],
  skus: readonly SkuCheck[],
): Promise<void> {
  // One after another: a transaction is one connection, which runs one query at a time.
  const locations = await stock.findLocations(
    places.map((place) => place.locationId),
    trx,
  );
  const knownSkus = await stock.findSkuIds(
    skus.map((sku) => sku.skuId),
    trx,
  );
  const errors: FieldError[] = [];
  for (const place of places) {
    const error = locationError(locations.get(place.locationId), place);
    if (error) errors.push(error);
  }
  for (const sku of skus)
    if (!knownSkus.has(sku.skuId)) errors.push({ field: sku.field, message: `no SKU ${sku.skuId}` });
  if (errors.length) throw problems.validation(errors);
}
