import { z } from 'zod';
import { Id } from '../http/schemas.ts';
import { MAX_MOVEMENT_QTY, Quantity, StockReference } from './stock.schemas.ts';

/** Request bodies of the stock commands (POST /stock/…). Every body is strict: unknown keys are errors. */

const Reason = z.string().trim().min(1).max(500);

export const ReceiptLine = z.object({ locationId: Id, skuId: Id, qty: Quantity }).strict();

export const ReceiptCommand = z
  .object({
    /** The purchase order (or other source) the goods arrived against. */
    reference: StockReference.optional(),
    /** Several lines are posted all together or not at all. */
    lines: z.array(ReceiptLine).min(1).max(500),
  })
  .strict()
  .openapi('StockReceiptCommand');
export type ReceiptCommand = z.infer<typeof ReceiptCommand>;

export const ReservationCommand = z
  .object({ locationId: Id, skuId: Id, qty: Quantity, reference: StockReference })
  .strict()
  .openapi('StockReservationCommand');
export type ReservationCommand = z.infer<typeof ReservationCommand>;

export const IssueCommand = z
  .object({
    locationId: Id,
    skuId: Id,
    qty: Quantity,
    reference: StockReference.optional(),
    /** Consume the reference's reservation instead of unreserved (available) stock. */
    fromReservation: z.boolean().default(false),
  })
  .strict()
  .refine((command) => !command.fromReservation || command.reference, {
    path: ['reference'],
    message: 'issuing from a reservation needs the reference that holds it',
  })
  .openapi('StockIssueCommand');
export type IssueCommand = z.infer<typeof IssueCommand>;

export const TransferCommand = z
  .object({
    fromLocationId: Id,
    toLocationId: Id,
    skuId: Id,
    qty: Quantity,
    reference: StockReference.optional(),
    /** Ship what the reference holds reserved at the source (the in-transit pattern). */
    fromReservation: z.boolean().default(false),
  })
  .strict()
  .refine((command) => command.fromLocationId !== command.toLocationId, {
    path: ['toLocationId'],
    message: 'must differ from fromLocationId',
  })
  .refine((command) => !command.fromReservation || command.reference, {
    path: ['reference'],
    message: 'shipping from a reservation needs the reference that holds it',
  })
  .openapi('StockTransferCommand');
export type TransferCommand = z.infer<typeof TransferCommand>;

export const ReturnCommand = z
  .object({
    locationId: Id,
    skuId: Id,
    qty: Quantity,
    reference: StockReference.optional(),
    reason: Reason.optional(),
  })
  .strict()
  .openapi('StockReturnCommand');
export type ReturnCommand = z.infer<typeof ReturnCommand>;

export const AdjustmentCommand = z
  .object({
    locationId: Id,
    skuId: Id,
    /** The signed change: positive adds units, negative removes them. */
    qty: z
      .number()
      .int()
      .min(-MAX_MOVEMENT_QTY)
      .max(MAX_MOVEMENT_QTY)
      .refine((qty) => qty !== 0, 'must not be zero'),
    reason: Reason,
    /** Which count changes: sellable stock on hand (default) or the defective pile. */
    target: z.enum(['onHand', 'defective']).default('onHand'),
    reference: StockReference.optional(),
  })
  .strict()
  .openapi('StockAdjustmentCommand');
export type AdjustmentCommand = z.infer<typeof AdjustmentCommand>;

export const ImportResult = z
  .object({
    importId: z.string(),
    rows: z.number().int(),
    receipts: z.number().int(),
    adjustments: z.number().int(),
    unchanged: z.number().int(),
  })
  .openapi('StockImportResult');
export type ImportResult = z.infer<typeof ImportResult>;
