import type { Api } from '../http/api.ts';
import type { ReorderReviewService } from './reorder-review.service.ts';
import type { ReorderRunService } from './reorder-run.service.ts';
import {
  ApproveSuggestion,
  CreatePurchaseOrder,
  EditSuggestion,
  NumericIdParams,
  OrderIdParams,
  PurchaseOrder,
  PurchaseOrderListQuery,
  PurchaseOrderPage,
  ReceivePurchaseOrder,
  RejectSuggestion,
  ReorderRun,
  RunCommand,
  RunListQuery,
  RunPage,
  Suggestion,
  SuggestionListQuery,
  SuggestionPage,
  TransferOrder,
  TransferOrderListQuery,
  TransferOrderPage,
} from './reorder.schemas.ts';

export function registerReorderRoutes(
  api: Api,
  reorder: { runs: ReorderRunService; review: ReorderReviewService },
): void {
  const tags = ['reorder'];
  const { runs, review } = reorder;
  api.route({
    method: 'post',
    path: '/reorder/runs',
    summary: 'Run the reorder planning now (409 while another run is in progress); a known runKey is re-run',
    tags,
    permission: 'reorder:write',
    body: RunCommand,
    status: 201,
    response: ReorderRun,
    handler: ({ body, actor }) => runs.runNow(body.runKey, actor),
  });
  api.route({
    method: 'get',
    path: '/reorder/runs',
    summary: 'List reorder runs with duration and counts',
    tags,
    permission: 'reorder:read',
    query: RunListQuery,
    response: RunPage,
    handler: ({ query }) => runs.listRuns(query),
  });
  api.route({
    method: 'get',
    path: '/reorder/runs/:id',
    summary: 'Get one reorder run',
    tags,
    permission: 'reorder:read',
    params: NumericIdParams,
    response: ReorderRun,
    handler: ({ params }) => runs.getRun(params.id),
  });
  api.route({
    method: 'get',
    path: '/reorder/suggestions',
    summary:
      'List suggestions by run, location, SKU, action, status or 4-hour coverage risk (a run stores only pairs with an action, coverage at risk or an alert that asks for a decision; its counts tally every pair)',
    tags,
    permission: 'reorder:read',
    query: SuggestionListQuery,
    response: SuggestionPage,
    handler: ({ query }) => review.listSuggestions(query),
  });
  api.route({
    method: 'get',
    path: '/reorder/suggestions/:id',
    summary: 'Get one suggestion with its figures, explanation and alerts',
    tags,
    permission: 'reorder:read',
    params: NumericIdParams,
    response: Suggestion,
    handler: ({ params }) => review.getSuggestion(params.id),
  });
  api.route({
    method: 'post',
    path: '/reorder/suggestions/:id/approve',
    summary: 'Approve a suggestion: creates its purchase order or transfer order',
    tags,
    permission: 'reorder:write',
    params: NumericIdParams,
    body: ApproveSuggestion,
    response: Suggestion,
    handler: ({ params, body, actor }) => review.approve(params.id, body, actor),
  });
  api.route({
    method: 'patch',
    path: '/reorder/suggestions/:id',
    summary: 'Change the quantity of a suggestion (409 on a stale version)',
    tags,
    permission: 'reorder:write',
    params: NumericIdParams,
    body: EditSuggestion,
    response: Suggestion,
    handler: ({ params, body, actor }) => review.edit(params.id, body, actor),
  });
  api.route({
    method: 'post',
    path: '/reorder/suggestions/:id/reject',
    summary: 'Reject a suggestion, with a reason',
    tags,
    permission: 'reorder:write',
    params: NumericIdParams,
    body: RejectSuggestion,
    response: Suggestion,
    handler: ({ params, body, actor }) => review.reject(params.id, body, actor),
  });
  api.route({
    method: 'get',
    path: '/reorder/purchase-orders',
    summary: 'List purchase orders',
    tags,
    permission: 'reorder:read',
    query: PurchaseOrderListQuery,
    response: PurchaseOrderPage,
    handler: ({ query }) => review.listPurchaseOrders(query),
  });
  api.route({
    method: 'post',
    path: '/reorder/purchase-orders',
    summary: 'Create a purchase order by hand',
    tags,
    permission: 'reorder:write',
    body: CreatePurchaseOrder,
    status: 201,
    response: PurchaseOrder,
    handler: ({ body, actor }) => review.createPurchaseOrder(body, actor),
  });
  api.route({
    method: 'get',
    path: '/reorder/purchase-orders/:id',
    summary: 'Get one purchase order with its lines',
    tags,
    permission: 'reorder:read',
    params: OrderIdParams,
    response: PurchaseOrder,
    handler: ({ params }) => review.getPurchaseOrder(params.id),
  });
  api.route({
    method: 'post',
    path: '/reorder/purchase-orders/:id/receive',
    summary:
      'Receive goods against a purchase order (ledger receipts; partial allowed; idempotent by receiptKey)',
    tags,
    permission: 'reorder:write',
    params: OrderIdParams,
    body: ReceivePurchaseOrder,
    response: PurchaseOrder,
    handler: ({ params, body, actor }) => review.receive(params.id, body, actor),
  });
  api.route({
    method: 'get',
    path: '/reorder/transfer-orders',
    summary: 'List transfer orders',
    tags,
    permission: 'reorder:read',
    query: TransferOrderListQuery,
    response: TransferOrderPage,
    handler: ({ query }) => review.listTransferOrders(query),
  });
  api.route({
    method: 'get',
    path: '/reorder/transfer-orders/:id',
    summary: 'Get one transfer order',
    tags,
    permission: 'reorder:read',
    params: OrderIdParams,
    response: TransferOrder,
    handler: ({ params }) => review.getTransferOrder(params.id),
  });
  api.route({
    method: 'post',
    path: '/reorder/transfer-orders/:id/ship',
    summary: 'Mark a transfer order shipped (its units stay reserved at the source while on the road)',
    tags,
    permission: 'reorder:write',
    params: OrderIdParams,
    response: TransferOrder,
    handler: ({ params, actor }) => review.ship(params.id, actor),
  });
  api.route({
    method: 'post',
    path: '/reorder/transfer-orders/:id/complete',
    summary: 'Complete a transfer order: the ledger moves the units to the destination',
    tags,
    permission: 'reorder:write',
    params: OrderIdParams,
    response: TransferOrder,
    handler: ({ params, actor }) => review.complete(params.id, actor),
  });
}
