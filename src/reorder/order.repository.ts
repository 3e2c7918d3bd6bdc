import type { Knex } from 'knex';
import { paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type {
  PurchaseOrder,
  PurchaseOrderListQuery,
  TransferOrder,
  TransferOrderListQuery,
} from './reorder.schemas.ts';

/** Purchase orders with their lines, transfer orders, and the row locks their state changes take. */

interface PurchaseOrderRow {
  id: string;
  supplier_id: string | null;
  location_id: string;
  status: PurchaseOrder['status'];
  suggestion_id: number | string | null;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
}

interface LineRow {
  purchase_order_id: string;
  line_no: number;
  sku_id: string;
  qty: number;
  received_qty: number;
  unit_cost: number | string;
}

interface TransferOrderRow {
  id: string;
  from_location_id: string;
  to_location_id: string;
  sku_id: string;
  qty: number;
  status: TransferOrder['status'];
  suggestion_id: number | string | null;
  created_by: string;
  created_at: Date | string;
  shipped_at: Date | string | null;
  completed_at: Date | string | null;
  updated_at: Date | string;
}

function toPurchaseOrder(row: PurchaseOrderRow, lines: LineRow[]): PurchaseOrder {
  return {
    id: row.id,
    supplierId: row.supplier_id,
    locationId: row.location_id,
    status: row.status,
    suggestionId: row.suggestion_id === null ? null : Number(row.suggestion_id),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
    lines: lines
      .filter((line) => line.purchase_order_id === row.id)
      .sort((a, b) => a.line_no - b.line_no)
      .map((line) => ({
        lineNo: line.line_no,
        skuId: line.sku_id,
        qty: line.qty,
        receivedQty: line.received_qty,
        unitCost: Number(line.unit_cost),
      })),
  };
}

export function toTransferOrder(row: TransferOrderRow): TransferOrder {
  return {
    id: row.id,
    fromLocationId: row.from_location_id,
    toLocationId: row.to_location_id,
    skuId: row.sku_id,
    qty: row.qty,
    status: row.status,
    suggestionId: row.suggestion_id === null ? null : Number(row.suggestion_id),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at)!,
    shippedAt: toIso(row.shipped_at),
    completedAt: toIso(row.completed_at),
    updatedAt: toIso(row.updated_at)!,
  };
}

export function createOrderRepository(db: Knex) {
  async function withLines(trx: Knex, rows: PurchaseOrderRow[]): Promise<PurchaseOrder[]> {
    if (!rows.length) return [];
    const lines = (await trx('purchase_order_lines').whereIn(
      'purchase_order_id',
      rows.map((row) => row.id),
    )) as LineRow[];
    return rows.map((row) => toPurchaseOrder(row, lines));
  }

  return {
    async listPurchaseOrders(query: PurchaseOrderListQuery): Promise<Page<PurchaseOrder>> {
      const builder = db('purchase_orders');
      if (query.status) builder.where('status', query.status);
      if (query.locationId) builder.where('location_id', query.locationId);
      const page = await paginate<PurchaseOrderRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: { id: 'id' },
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: await withLines(db, page.rows), nextCursor: page.nextCursor };
    },

    async getPurchaseOrder(id: string, trx: Knex = db, lock = false): Promise<PurchaseOrder | undefined> {
      const query = trx('purchase_orders').where({ id });
      if (lock) query.forUpdate();
      const row = (await query.first()) as PurchaseOrderRow | undefined;
      return row ? (await withLines(trx, [row]))[0] : undefined;
    },

    async insertPurchaseOrder(
      trx: Knex.Transaction,
      order: {
        supplierId: string | null;
        locationId: string;
        suggestionId: number | null;
        actor: string;
        now: Date;
        lines: Array<{ skuId: string; qty: number; unitCost: number }>;
      },
    ): Promise<string> {
      const [row] = (await trx('purchase_orders')
        .insert({
          supplier_id: order.supplierId,
          location_id: order.locationId,
          suggestion_id: order.suggestionId,
          created_by: order.actor,
          created_at: order.now,
          updated_at: order.now,
        })
        .returning('id')) as Array<{ id: string }>;
      await trx('purchase_order_lines').insert(
        order.lines.map((line, index) => ({
          purchase_order_id: row!.id,
          line_no: index + 1,
          sku_id: line.skuId,
          qty: line.qty,
          unit_cost: line.unitCost,
        })),
      );
      return row!.id;
    },

    async findReceipt(trx: Knex, purchaseOrderId: string, receiptKey: string) {
      return (await trx('purchase_order_receipts')
        .where({ purchase_order_id: purchaseOrderId, receipt_key: receiptKey })
        .first()) as { lines: unknown } | undefined;
    },

    async recordReceipt(
      trx: Knex.Transaction,
      receipt: {
        purchaseOrderId: string;
        receiptKey: string;
        lines: Array<{ lineNo: number; qty: number }>;
        actor: string;
        now: Date;
        status: PurchaseOrder['status'];
      },
    ): Promise<void> {
      for (const line of receipt.lines)
        await trx('purchase_order_lines')
          .where({ purchase_order_id: receipt.purchaseOrderId, line_no: line.lineNo })
          .increment('received_qty', line.qty);
      await trx('purchase_order_receipts').insert({
        purchase_order_id: receipt.purchaseOrderId,
        receipt_key: receipt.receiptKey,
        lines: JSON.stringify(receipt.lines),
        actor: receipt.actor,
        received_at: receipt.now,
      });
      await trx('purchase_orders')
        .where({ id: receipt.purchaseOrderId })
        .update({ status: receipt.status, updated_at: receipt.now });
    },

    async listTransferOrders(query: TransferOrderListQuery): Promise<Page<TransferOrder>> {
      const builder = db('transfer_orders');
      if (query.status) builder.where('status', query.status);
      if (query.locationId)
        builder.where((q) =>
          q.where('from_location_id', query.locationId!).orWhere('to_location_id', query.locationId!),
        );
      const page = await paginate<TransferOrderRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: { id: 'id' },
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map(toTransferOrder), nextCursor: page.nextCursor };
    },

    async getTransferOrder(id: string, trx: Knex = db, lock = false): Promise<TransferOrder | undefined> {
      const query = trx('transfer_orders').where({ id });
      if (lock) query.forUpdate();
      const row = (await query.first()) as TransferOrderRow | undefined;
      return row && toTransferOrder(row);
    },

    async insertTransferOrder(
      trx: Knex.Transaction,
      order: {
        fromLocationId: string;
        toLocationId: string;
        skuId: string;
        qty: number;
        suggestionId: number | null;
        actor: string;
        now: Date;
      },
    ): Promise<string> {
      const [row] = (await trx('transfer_orders')
        .insert({
          from_location_id: order.fromLocationId,
          to_location_id: order.toLocationId,
          sku_id: order.skuId,
          qty: order.qty,
          suggestion_id: order.suggestionId,
          created_by: order.actor,
          created_at: order.now,
          updated_at: order.now,
        })
        .returning('id')) as Array<{ id: string }>;
      return row!.id;
    },

    async setTransferStatus(
      trx: Knex.Transaction,
      id: string,
      status: 'shipped' | 'completed',
      now: Date,
    ): Promise<void> {
      await trx('transfer_orders')
        .where({ id })
        .update({
          status,
          updated_at: now,
          ...(status === 'shipped' ? { shipped_at: now } : { completed_at: now }),
        });
    },
  };
}

export type OrderRepository = ReturnType<typeof createOrderRepository>;
