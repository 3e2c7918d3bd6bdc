import { z } from 'zod';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { Id, IsoDateTime, QueryBoolean } from '../http/schemas.ts';
import { MAX_MOVEMENT_QTY } from '../stock/stock.schemas.ts';

/** Request and response schemas of the reorder API: runs, suggestions, purchase and transfer orders. */

const Quantity = z.number().int().min(1).max(MAX_MOVEMENT_QTY);
/** A numeric id in a path (runs and suggestions are numbered). */
export const NumericIdParams = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
export const OrderIdParams = z.object({ id: Id });

export const RunCommand = z
  .strictObject({
    /** Re-running an existing key replaces its proposed suggestions; default: manual:<now>. */
    runKey: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[\w.:-]+$/, 'must be letters, digits and . _ : -')
      .optional(),
  })
  .openapi('ReorderRunCommand');

export const ReorderRun = z
  .object({
    id: z.number().int(),
    runKey: z.string(),
    trigger: z.enum(['schedule', 'manual']),
    status: z.enum(['succeeded', 'failed']),
    actor: z.string(),
    startedAt: IsoDateTime,
    finishedAt: IsoDateTime.nullable(),
    durationMs: z.number().int().nullable(),
    /** Pairs planned, suggestions written and per action, coverage summary, failures, phase timings. */
    counts: z
      .record(z.string(), z.unknown())
      .describe(
        'pairs planned and their tally per action (buy, transfer, none, last-time-buy), coverageAtRisk, withAlerts; ' +
          'written (suggestions stored) and notStored (pairs with no action, coverage met and only informational alerts, ' +
          'counted but not stored); replaced, keptDecided, superseded; coverage summary; failures; ' +
          'phases: { ms, rssMiBAfter } per phase (readInputs, coverage, planPairs, decide, writeSuggestions)',
      ),
    error: z.string().nullable(),
  })
  .openapi('ReorderRun');
export type ReorderRun = z.infer<typeof ReorderRun>;

export const RunListQuery = listQuery(['id'] as const, {});
export type RunListQuery = z.infer<typeof RunListQuery>;
export const RunPage = pageSchema(ReorderRun).openapi('ReorderRunPage');

export const SuggestionAction = z.enum(['buy', 'transfer', 'none', 'last-time-buy']);
export const SuggestionStatus = z.enum(['proposed', 'approved', 'edited', 'rejected', 'superseded']);

export const Suggestion = z
  .object({
    id: z.number().int(),
    runId: z.number().int(),
    locationId: Id,
    skuId: Id,
    classification: z.string().nullable(),
    method: z.string().nullable(),
    forecastPerPeriod: z.number().nullable(),
    leadTimeDemand: z.object({ mean: z.number().nullable(), variance: z.number().nullable() }),
    onHand: z.number().int(),
    onOrder: z.number().int(),
    reserved: z.number().int(),
    backorders: z.number().int(),
    inventoryPosition: z.number().int(),
    reorderPoint: z.number().int().nullable(),
    orderUpTo: z.number().int().nullable(),
    targetFillRate: z.number(),
    predictedFillRate: z.number().nullable(),
    coverageAtRisk: z.boolean(),
    action: SuggestionAction,
    quantity: z.number().int(),
    fromLocationId: Id.nullable(),
    unitCost: z.number(),
    value: z.number(),
    alerts: z.array(z.object({ code: z.string(), message: z.string() })),
    explanation: z.record(z.string(), z.unknown()),
    status: SuggestionStatus,
    rejectReason: z.string().nullable(),
    version: z.number().int(),
    /** The order an approval created. */
    order: z.object({ type: z.enum(['purchase_order', 'transfer_order']), id: z.string() }).nullable(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .openapi('ReorderSuggestion');
export type Suggestion = z.infer<typeof Suggestion>;

export const SuggestionListQuery = listQuery(['id', 'value'] as const, {
  runId: z.coerce.number().int().positive().optional(),
  locationId: Id.optional(),
  skuId: Id.optional(),
  action: SuggestionAction.optional(),
  status: SuggestionStatus.optional(),
  coverageAtRisk: QueryBoolean.optional(),
});
export type SuggestionListQuery = z.infer<typeof SuggestionListQuery>;
export const SuggestionPage = pageSchema(Suggestion).openapi('ReorderSuggestionPage');

export const EditSuggestion = z
  .strictObject({ quantity: Quantity, version: z.number().int().min(1) })
  .openapi('ReorderSuggestionEdit');
export type EditSuggestion = z.infer<typeof EditSuggestion>;

export const ApproveSuggestion = z
  .strictObject({
    /** Refuse (409) unless the suggestion is still at this version. */
    version: z.number().int().min(1).optional(),
    /** For a buy of a SKU without a supplier, or to buy elsewhere. */
    supplierId: Id.optional(),
  })
  .openapi('ReorderSuggestionApproval');
export type ApproveSuggestion = z.infer<typeof ApproveSuggestion>;

export const RejectSuggestion = z
  .strictObject({
    reason: z.string().trim().min(1, 'a rejection needs a reason').max(1000),
    version: z.number().int().min(1).optional(),
  })
  .openapi('ReorderSuggestionRejection');
export type RejectSuggestion = z.infer<typeof RejectSuggestion>;

export const PurchaseOrderStatus = z.enum(['open', 'partially_received', 'received', 'cancelled']);
export const PurchaseOrder = z
  .object({
    id: z.string(),
    supplierId: Id.nullable(),
    locationId: Id,
    status: PurchaseOrderStatus,
    suggestionId: z.number().int().nullable(),
    createdBy: z.string(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    lines: z.array(
      z.object({
        lineNo: z.number().int(),
        skuId: Id,
        qty: z.number().int(),
        receivedQty: z.number().int(),
        unitCost: z.number(),
      }),
    ),
  })
  .openapi('PurchaseOrder');
export type PurchaseOrder = z.infer<typeof PurchaseOrder>;

export const PurchaseOrderListQuery = listQuery(['id'] as const, {
  status: PurchaseOrderStatus.optional(),
  locationId: Id.optional(),
});
export type PurchaseOrderListQuery = z.infer<typeof PurchaseOrderListQuery>;
export const PurchaseOrderPage = pageSchema(PurchaseOrder).openapi('PurchaseOrderPage');

export const CreatePurchaseOrder = z
  .strictObject({
    supplierId: Id.optional(),
    locationId: Id,
    lines: z
      .array(
        z.strictObject({
          skuId: Id,
          qty: Quantity,
          /** Default: the SKU's unit cost. */
          unitCost: z.number().min(0).max(1e9).optional(),
        }),
      )
      .min(1)
      .max(500),
  })
  .openapi('PurchaseOrderCreate');
export type CreatePurchaseOrder = z.infer<typeof CreatePurchaseOrder>;

export const ReceivePurchaseOrder = z
  .strictObject({
    /** The same key twice receives once (a retried request, a double-clicked button). */
    receiptKey: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[\w.:-]+$/, 'must be letters, digits and . _ : -'),
    lines: z
      .array(z.strictObject({ lineNo: z.number().int().min(1), qty: Quantity }))
      .min(1)
      .max(500),
  })
  .openapi('PurchaseOrderReceipt');
export type ReceivePurchaseOrder = z.infer<typeof ReceivePurchaseOrder>;

export const TransferOrderStatus = z.enum(['open', 'shipped', 'completed', 'cancelled']);
export const TransferOrder = z
  .object({
    id: z.string(),
    fromLocationId: Id,
    toLocationId: Id,
    skuId: Id,
    qty: z.number().int(),
    status: TransferOrderStatus,
    suggestionId: z.number().int().nullable(),
    createdBy: z.string(),
    createdAt: IsoDateTime,
    shippedAt: IsoDateTime.nullable(),
    completedAt: IsoDateTime.nullable(),
    updatedAt: IsoDateTime,
  })
  .openapi('TransferOrder');
export type TransferOrder = z.infer<typeof TransferOrder>;

export const TransferOrderListQuery = listQuery(['id'] as const, {
  status: TransferOrderStatus.optional(),
  locationId: Id.optional(),
});
export type TransferOrderListQuery = z.infer<typeof TransferOrderListQuery>;
export const TransferOrderPage = pageSchema(TransferOrder).openapi('TransferOrderPage');
