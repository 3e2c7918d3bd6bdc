import type { Knex } from 'knex';
import { paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type { Suggestion, SuggestionListQuery } from './reorder.schemas.ts';

/** Reads of suggestions (with the order an approval created), and the row lock decisions take. */

interface SuggestionRow {
  id: number | string;
  run_id: number | string;
  location_id: string;
  sku_id: string;
  classification: string | null;
  method: string | null;
  forecast: number | null;
  lead_time_demand_mean: number | null;
  lead_time_demand_variance: number | null;
  on_hand: number;
  on_order: number;
  reserved: number;
  backorders: number;
  inventory_position: number;
  reorder_point: number | null;
  order_up_to: number | null;
  target_fill_rate: number;
  predicted_fill_rate: number | null;
  coverage_at_risk: boolean;
  action: Suggestion['action'];
  quantity: number;
  from_location_id: string | null;
  unit_cost: number | string;
  value: number | string;
  alerts: Suggestion['alerts'] | string;
  explanation: Record<string, unknown> | string;
  status: Suggestion['status'];
  reject_reason: string | null;
  version: number;
  purchase_order_id?: string | null;
  transfer_order_id?: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

export function toSuggestion(row: SuggestionRow): Suggestion {
  return {
    id: Number(row.id),
    runId: Number(row.run_id),
    locationId: row.location_id,
    skuId: row.sku_id,
    classification: row.classification,
    method: row.method,
    forecastPerPeriod: row.forecast,
    leadTimeDemand: { mean: row.lead_time_demand_mean, variance: row.lead_time_demand_variance },
    onHand: row.on_hand,
    onOrder: row.on_order,
    reserved: row.reserved,
    backorders: row.backorders,
    inventoryPosition: row.inventory_position,
    reorderPoint: row.reorder_point,
    orderUpTo: row.order_up_to,
    targetFillRate: row.target_fill_rate,
    predictedFillRate: row.predicted_fill_rate,
    coverageAtRisk: row.coverage_at_risk,
    action: row.action,
    quantity: row.quantity,
    fromLocationId: row.from_location_id,
    unitCost: Number(row.unit_cost),
    value: Number(row.value),
    alerts: json(row.alerts),
    explanation: json(row.explanation),
    status: row.status,
    rejectReason: row.reject_reason,
    version: row.version,
    order: row.purchase_order_id
      ? { type: 'purchase_order', id: row.purchase_order_id }
      : row.transfer_order_id
        ? { type: 'transfer_order', id: row.transfer_order_id }
        : null,
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
  };
}

export function createSuggestionRepository(db: Knex) {
  const withOrders = (trx: Knex) =>
    trx('reorder_suggestions as s')
      .leftJoin('purchase_orders as po', 'po.suggestion_id', 's.id')
      .leftJoin('transfer_orders as t', 't.suggestion_id', 's.id')
      .select('s.*', 'po.id as purchase_order_id', 't.id as transfer_order_id');

  return {
    async list(query: SuggestionListQuery): Promise<Page<Suggestion>> {
      const builder = withOrders(db);
      if (query.runId !== undefined) builder.where('s.run_id', query.runId);
      if (query.locationId) builder.where('s.location_id', query.locationId);
      if (query.skuId) builder.where('s.sku_id', query.skuId);
      if (query.action) builder.where('s.action', query.action);
      if (query.status) builder.where('s.status', query.status);
      if (query.coverageAtRisk !== undefined) builder.where('s.coverage_at_risk', query.coverageAtRisk);
      const page = await paginate<SuggestionRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: { id: 's.id', value: 's.value' },
        idColumn: 's.id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map(toSuggestion), nextCursor: page.nextCursor };
    },

    async get(id: number, trx: Knex = db): Promise<Suggestion | undefined> {
      const row = (await withOrders(trx).where('s.id', id).first()) as SuggestionRow | undefined;
      return row && toSuggestion(row);
    },

    /** Locks the suggestion's row for a decision: concurrent decisions on it wait, then see the first's result. */
    async lock(trx: Knex.Transaction, id: number): Promise<Suggestion | undefined> {
      const row = (await trx('reorder_suggestions').where({ id }).forUpdate().first()) as
        SuggestionRow | undefined;
      return row && toSuggestion(row);
    },

    async update(
      trx: Knex.Transaction,
      id: number,
      fields: Partial<{ status: string; quantity: number; value: number; reject_reason: string }>,
      now: Date,
    ): Promise<void> {
      await trx('reorder_suggestions')
        .where({ id })
        .update({ ...fields, version: trx.raw('version + 1'), updated_at: now });
    },
  };
}

export type SuggestionRepository = ReturnType<typeof createSuggestionRepository>;
