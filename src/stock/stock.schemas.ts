import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { pageSchema } from '../db/pagination.ts';
import { Id, IsoDateTime, QueryBoolean } from '../http/schemas.ts';

// `.openapi()` must exist whoever imports these schemas first (the ledger loads without the HTTP layer).
extendZodWithOpenApi(z);

/**
 * Stock read models: balances, movements, and the queries that list them. The command bodies
 * are in stock-commands.schemas.ts.
 */

/**
 * The most units one movement may carry. Balances are PostgreSQL integers (up to about 2.1e9),
 * so a bound far below that keeps an honest typo from overflowing a balance after a few posts.
 */
export const MAX_MOVEMENT_QTY = 1_000_000;

export const MovementKind = z.enum([
  'receipt',
  'reservation',
  'release',
  'issue',
  'transfer_out',
  'transfer_in',
  'return_defective',
  'adjustment',
]);
export type MovementKind = z.infer<typeof MovementKind>;

/** Location kinds that hold stock: customer sites do not (stock issued to a site has left the ledger). */
export const STOCK_HOLDING_KINDS = ['depot', 'office', 'van'] as const;
export const StockLocationKind = z.enum(STOCK_HOLDING_KINDS);

/** What a movement belongs to. A reservation is always made for one, so it can be released or issued. */
export const ReferenceType = z.enum([
  'ticket',
  'plan',
  'purchase_order',
  'transfer_order',
  'suggestion',
  'import',
]);
export type ReferenceType = z.infer<typeof ReferenceType>;

export const StockReference = z.object({ type: ReferenceType, id: Id }).strict().openapi('StockReference');
export type StockReference = z.infer<typeof StockReference>;

/** A whole, positive number of units. */
export const Quantity = z.number().int().min(1).max(MAX_MOVEMENT_QTY);

export const StockBalance = z
  .object({
    locationId: Id,
    skuId: Id,
    onHand: z.number().int(),
    reserved: z.number().int(),
    /** On hand minus reserved: what can still be promised. */
    available: z.number().int(),
    /** Defective units returned here, awaiting repair or return to the supplier; not on hand. */
    defective: z.number().int(),
    /** Bumped by every movement: a plan computed against an older version may be refused. */
    version: z.number().int(),
    updatedAt: z.string().nullable(),
  })
  .openapi('StockBalance');
export type StockBalance = z.infer<typeof StockBalance>;

export const StockMovement = z
  .object({
    id: z.number().int(),
    locationId: Id,
    skuId: Id,
    kind: MovementKind,
    onHandDelta: z.number().int(),
    reservedDelta: z.number().int(),
    defectiveDelta: z.number().int(),
    reference: StockReference.nullable(),
    transferId: z.string().nullable(),
    reason: z.string().nullable(),
    actor: z.string(),
    createdAt: z.string(),
  })
  .openapi('StockMovement');
export type StockMovement = z.infer<typeof StockMovement>;

/** What every stock command answers: the movements it posted and the balances they left. */
export const StockChange = z
  .object({ movements: z.array(StockMovement), balances: z.array(StockBalance) })
  .openapi('StockChange');
export type StockChange = z.infer<typeof StockChange>;

const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(1000).optional(),
};

export const BALANCE_SORTS = ['locationId', 'skuId', 'available', 'onHand', 'updatedAt'] as const;

export const BalanceListQuery = z
  .object({
    locationId: Id.optional(),
    skuId: Id.optional(),
    locationKind: StockLocationKind.optional(),
    /** Only balances with something left to promise. */
    onlyAvailable: QueryBoolean.optional(),
    /** Low stock: only balances with at most this many available. */
    maxAvailable: z.coerce.number().int().min(0).max(MAX_MOVEMENT_QTY).optional(),
    sort: z
      .enum([...BALANCE_SORTS, ...BALANCE_SORTS.map((field) => `-${field}` as const)])
      .default('locationId'),
    ...paging,
  })
  .strict();
export type BalanceListQuery = z.infer<typeof BalanceListQuery>;

export const BalanceParams = z.object({ locationId: Id, skuId: Id }).strict();

export const MovementListQuery = z
  .object({
    locationId: Id.optional(),
    skuId: Id.optional(),
    kind: MovementKind.optional(),
    referenceType: ReferenceType.optional(),
    referenceId: Id.optional(),
    transferId: z.string().max(100).optional(),
    /** Movements at or after this instant. */
    from: IsoDateTime.optional(),
    /** Movements before this instant. */
    to: IsoDateTime.optional(),
    /** Newest first by default: the ledger read backwards. */
    sort: z.enum(['-id', 'id']).default('-id'),
    ...paging,
  })
  .strict()
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    path: ['to'],
    message: 'must be after from',
  });
export type MovementListQuery = z.infer<typeof MovementListQuery>;

export const BalancePage = pageSchema(StockBalance).openapi('StockBalancePage');
export const MovementPage = pageSchema(StockMovement).openapi('StockMovementPage');
