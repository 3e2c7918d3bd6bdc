import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { problems, type FieldError } from '../http/problem.ts';
import type { StockLedger } from '../stock/stock-ledger.ts';
import type { OrderRepository } from './order.repository.ts';
import type {
  ApproveSuggestion,
  CreatePurchaseOrder,
  EditSuggestion,
  PurchaseOrder,
  PurchaseOrderListQuery,
  ReceivePurchaseOrder,
  RejectSuggestion,
  Suggestion,
  SuggestionListQuery,
  TransferOrder,
  TransferOrderListQuery,
} from './reorder.schemas.ts';
import type { SuggestionRepository } from './suggestion.repository.ts';

/**
 * What a depot manager does with suggestions, and the orders that follow. Each decision locks the
 * suggestion's row and runs in one transaction with its order, its ledger movements and its audit
 * entry, so two managers approving the same suggestion make one order and the second is told.
 * Purchase orders arrive through ledger receipts; a transfer order reserves its units at the
 * source when approved (nobody else can promise them) and moves them when completed.
 */

const OPEN_FOR_DECISION = new Set(['proposed', 'edited']);

export function createReorderReviewService(deps: {
  db: Knex;
  now: () => Date;
  ledger: StockLedger;
  suggestions: SuggestionRepository;
  orders: OrderRepository;
}) {
  const { db, ledger, suggestions, orders } = deps;

  async function decidable(
    trx: Knex.Transaction,
    id: number,
    version: number | undefined,
  ): Promise<Suggestion> {
    const suggestion = await suggestions.lock(trx, id);
    if (!suggestion) throw problems.notFound('suggestion', String(id));
    if (version !== undefined && suggestion.version !== version)
      throw problems.conflict(
        `suggestion ${id} is at version ${suggestion.version}, not ${version}: reload it`,
        'stale-version',
        [{ field: 'body.version', message: `is ${version}; the suggestion is at ${suggestion.version}` }],
      );
    if (!OPEN_FOR_DECISION.has(suggestion.status))
      throw problems.conflict(`suggestion ${id} is already ${suggestion.status}`, 'already-decided');
    return suggestion;
  }

  async function skuOf(trx: Knex, skuId: string) {
    return (await trx('skus').where({ id: skuId }).first()) as
      | {
          id: string;
          supplier_id: string | null;
          unit_cost: number | string;
          pack_size: number;
          min_order_qty: number;
        }
      | undefined;
  }

  async function reserveForTransfer(trx: Knex.Transaction, order: TransferOrder, actor: string) {
    await ledger.reserve(trx, {
      locationId: order.fromLocationId,
      skuId: order.skuId,
      qty: order.qty,
      actor,
      reference: { type: 'transfer_order', id: order.id },
    });
  }

  const get = async (id: number) => {
    const found = await suggestions.get(id);
    if (!found) throw problems.notFound('suggestion', String(id));
    return found;
  };

  return {
    listSuggestions: (query: SuggestionListQuery) => suggestions.list(query),
    getSuggestion: get,

    async approve(id: number, body: ApproveSuggestion, actor: string): Promise<Suggestion> {
      await db.transaction(async (trx) => {
        const suggestion = await decidable(trx, id, body.version);
        const now = deps.now();
        if (suggestion.action === 'none')
          throw problems.conflict(
            `suggestion ${id} proposes no action: there is nothing to approve`,
            'nothing-to-approve',
          );
        let order: { type: string; id: string };
        if (suggestion.action === 'transfer') {
          const orderId = await orders.insertTransferOrder(trx, {
            fromLocationId: suggestion.fromLocationId!,
            toLocationId: suggestion.locationId,
            skuId: suggestion.skuId,
            qty: suggestion.quantity,
            suggestionId: id,
            actor,
            now,
          });
          await reserveForTransfer(trx, (await orders.getTransferOrder(orderId, trx))!, actor);
          order = { type: 'transfer_order', id: orderId };
        } else {
          const sku = (await skuOf(trx, suggestion.skuId))!;
          const supplierId = body.supplierId ?? sku.supplier_id;
          const orderId = await orders.insertPurchaseOrder(trx, {
            supplierId,
            locationId: suggestion.locationId,
            suggestionId: id,
            actor,
            now,
            lines: [{ skuId: suggestion.skuId, qty: suggestion.quantity, unitCost: suggestion.unitCost }],
          });
          order = { type: 'purchase_order', id: orderId };
        }
        await suggestions.update(trx, id, { status: 'approved' }, now);
        await recordAudit(trx, {
          actor,
          action: 'approve',
          entity: 'reorder_suggestion',
          entityId: String(id),
          data: { order, quantity: suggestion.quantity, action: suggestion.action },
        });
      });
      return get(id);
    },

    async edit(id: number, body: EditSuggestion, actor: string): Promise<Suggestion> {
      await db.transaction(async (trx) => {
        const suggestion = await decidable(trx, id, body.version);
        if (suggestion.action === 'none')
          throw problems.validation([
            { field: 'body.quantity', message: 'this suggestion proposes no order to change' },
          ]);
        if (suggestion.action === 'buy' || suggestion.action === 'last-time-buy') {
          const sku = (await skuOf(trx, suggestion.skuId))!;
          const errors: FieldError[] = [];
          if (body.quantity < sku.min_order_qty)
            errors.push({
              field: 'body.quantity',
              message: `is below the minimum order of ${sku.min_order_qty}`,
            });
          else if (body.quantity % sku.pack_size !== 0)
            errors.push({ field: 'body.quantity', message: `must be whole packs of ${sku.pack_size}` });
          if (errors.length) throw problems.validation(errors);
        }
        const value = Math.round(body.quantity * suggestion.unitCost * 100) / 100;
        await suggestions.update(trx, id, { status: 'edited', quantity: body.quantity, value }, deps.now());
        await recordAudit(trx, {
          actor,
          action: 'edit',
          entity: 'reorder_suggestion',
          entityId: String(id),
          data: { from: suggestion.quantity, to: body.quantity },
        });
      });
      return get(id);
    },

    async reject(id: number, body: RejectSuggestion, actor: string): Promise<Suggestion> {
      await db.transaction(async (trx) => {
        await decidable(trx, id, body.version);
        await suggestions.update(trx, id, { status: 'rejected', reject_reason: body.reason }, deps.now());
        await recordAudit(trx, {
          actor,
          action: 'reject',
          entity: 'reorder_suggestion',
          entityId: String(id),
          data: { reason: body.reason },
        });
      });
      return get(id);
    },

    listPurchaseOrders: (query: PurchaseOrderListQuery) => orders.listPurchaseOrders(query),

    async getPurchaseOrder(id: string): Promise<PurchaseOrder> {
      const order = await orders.getPurchaseOrder(id);
      if (!order) throw problems.notFound('purchase order', id);
      return order;
    },

    async createPurchaseOrder(body: CreatePurchaseOrder, actor: string): Promise<PurchaseOrder> {
      const id = await db.transaction(async (trx) => {
        const errors: FieldError[] = [];
        const location = await trx('locations').where({ id: body.locationId }).first();
        if (!location) errors.push({ field: 'body.locationId', message: `no location ${body.locationId}` });
        else if (location.kind === 'site')
          errors.push({ field: 'body.locationId', message: 'a customer site holds no stock' });
        if (body.supplierId && !(await trx('suppliers').where({ id: body.supplierId }).first()))
          errors.push({ field: 'body.supplierId', message: `no supplier ${body.supplierId}` });
        const lines: Array<{ skuId: string; qty: number; unitCost: number }> = [];
        for (const [index, line] of body.lines.entries()) {
          const sku = await skuOf(trx, line.skuId);
          if (!sku) errors.push({ field: `body.lines[${index}].skuId`, message: `no SKU ${line.skuId}` });
          else
            lines.push({
              skuId: line.skuId,
              qty: line.qty,
              unitCost: line.unitCost ?? Number(sku.unit_cost),
            });
        }
        if (errors.length) throw problems.validation(errors);
        const orderId = await orders.insertPurchaseOrder(trx, {
          supplierId: body.supplierId ?? null,
          locationId: body.locationId,
          suggestionId: null,
          actor,
          now: deps.now(),
          lines,
        });
        await recordAudit(trx, {
          actor,
          action: 'create',
          entity: 'purchase_order',
          entityId: orderId,
          data: body,
        });
        return orderId;
      });
      return (await orders.getPurchaseOrder(id))!;
    },

    /** Posts ledger receipts for what arrived; the same receipt key twice receives once. */
    async receive(id: string, body: ReceivePurchaseOrder, actor: string): Promise<PurchaseOrder> {
      await db.transaction(async (trx) => {
        const order = await orders.getPurchaseOrder(id, trx, true);
        if (!order) throw problems.notFound('purchase order', id);
        const earlier = await orders.findReceipt(trx, id, body.receiptKey);
        if (earlier) {
          const stored = (
            typeof earlier.lines === 'string' ? JSON.parse(earlier.lines) : earlier.lines
          ) as Array<{
            lineNo: number;
            qty: number;
          }>;
          // jsonb keeps its own key order: compare the lines as (line, qty) pairs.
          const pairs = (lines: Array<{ lineNo: number; qty: number }>) =>
            JSON.stringify(lines.map((line) => [line.lineNo, line.qty]));
          if (pairs(stored) !== pairs(body.lines))
            throw problems.conflict(
              `receipt ${body.receiptKey} of ${id} was posted with other lines`,
              'receipt-key-reused',
              [{ field: 'body.receiptKey', message: 'was already used for a different receipt' }],
            );
          return; // Already received: answer the order as it stands.
        }
        if (order.status === 'received' || order.status === 'cancelled')
          throw problems.conflict(`purchase order ${id} is ${order.status}`, 'order-closed');
        const errors: FieldError[] = [];
        const remaining = new Map(order.lines.map((line) => [line.lineNo, line.qty - line.receivedQty]));
        const seen = new Set<number>();
        body.lines.forEach((line, index) => {
          const left = remaining.get(line.lineNo);
          if (left === undefined)
            errors.push({
              field: `body.lines[${index}].lineNo`,
              message: `${id} has no line ${line.lineNo}`,
            });
          else if (seen.has(line.lineNo))
            errors.push({
              field: `body.lines[${index}].lineNo`,
              message: `line ${line.lineNo} is given twice`,
            });
          else if (line.qty > left)
            errors.push({
              field: `body.lines[${index}].qty`,
              message: `only ${left} unit(s) of line ${line.lineNo} are still to come`,
            });
          seen.add(line.lineNo);
        });
        if (errors.length) throw problems.validation(errors);
        const skuOfLine = new Map(order.lines.map((line) => [line.lineNo, line.skuId]));
        await ledger.receiveMany(trx, {
          lines: body.lines.map((line) => ({
            locationId: order.locationId,
            skuId: skuOfLine.get(line.lineNo)!,
            qty: line.qty,
          })),
          reference: { type: 'purchase_order', id },
          actor,
        });
        for (const line of body.lines) remaining.set(line.lineNo, remaining.get(line.lineNo)! - line.qty);
        const complete = [...remaining.values()].every((left) => left === 0);
        await orders.recordReceipt(trx, {
          purchaseOrderId: id,
          receiptKey: body.receiptKey,
          lines: body.lines,
          actor,
          now: deps.now(),
          status: complete ? 'received' : 'partially_received',
        });
        await recordAudit(trx, {
          actor,
          action: 'receive',
          entity: 'purchase_order',
          entityId: id,
          data: body,
        });
      });
      return (await orders.getPurchaseOrder(id))!;
    },

    listTransferOrders: (query: TransferOrderListQuery) => orders.listTransferOrders(query),

    async getTransferOrder(id: string): Promise<TransferOrder> {
      const order = await orders.getTransferOrder(id);
      if (!order) throw problems.notFound('transfer order', id);
      return order;
    },

    /** The units leave the source (still reserved for the order while they travel). Repeating it changes nothing. */
    async ship(id: string, actor: string): Promise<TransferOrder> {
      await db.transaction(async (trx) => {
        const order = await orders.getTransferOrder(id, trx, true);
        if (!order) throw problems.notFound('transfer order', id);
        if (order.status === 'shipped') return;
        if (order.status !== 'open')
          throw problems.conflict(`transfer order ${id} is ${order.status}`, 'order-closed');
        await orders.setTransferStatus(trx, id, 'shipped', deps.now());
        await recordAudit(trx, { actor, action: 'ship', entity: 'transfer_order', entityId: id });
      });
      return (await orders.getTransferOrder(id))!;
    },

    /** The units arrive: the ledger moves them from the source's reservation. Repeating it changes nothing. */
    async complete(id: string, actor: string): Promise<TransferOrder> {
      await db.transaction(async (trx) => {
        const order = await orders.getTransferOrder(id, trx, true);
        if (!order) throw problems.notFound('transfer order', id);
        if (order.status === 'completed') return;
        if (order.status === 'cancelled')
          throw problems.conflict(`transfer order ${id} is cancelled`, 'order-closed');
        await ledger.transfer(trx, {
          fromLocationId: order.fromLocationId,
          toLocationId: order.toLocationId,
          skuId: order.skuId,
          qty: order.qty,
          actor,
          fromReservation: true,
          reference: { type: 'transfer_order', id },
        });
        await orders.setTransferStatus(trx, id, 'completed', deps.now());
        await recordAudit(trx, { actor, action: 'complete', entity: 'transfer_order', entityId: id });
      });
      return (await orders.getTransferOrder(id))!;
    },
  };
}

export type ReorderReviewService = ReturnType<typeof createReorderReviewService>;
