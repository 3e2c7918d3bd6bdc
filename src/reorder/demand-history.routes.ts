import type { Knex } from 'knex';
import { z } from 'zod';
import type { Api } from '../http/api.ts';
import { Id, toIsoDate } from '../http/schemas.ts';

/**
 * The monthly demand history of one stock location × SKU, read only: what the nightly run's
 * forecast learned from, so that the console can chart a suggestion's forecast beside its history.
 */
export const DemandHistoryQuery = z.object({ locationId: Id, skuId: Id }).strict();

export const DemandHistory = z
  .object({
    locationId: z.string(),
    skuId: z.string(),
    period: z.literal('month'),
    /** Oldest first; months without demand are absent. */
    items: z.array(z.object({ periodStart: z.string(), qty: z.number().int() })),
  })
  .openapi('DemandHistory');
export type DemandHistory = z.infer<typeof DemandHistory>;

export function createDemandHistoryReader(db: Knex) {
  return {
    async monthly(locationId: string, skuId: string): Promise<DemandHistory> {
      const rows: Array<{ period_start: Date | string; qty: number }> = await db('demand_history')
        .where({ location_id: locationId, sku_id: skuId, period: 'month' })
        .orderBy('period_start')
        .select('period_start', 'qty');
      return {
        locationId,
        skuId,
        period: 'month',
        items: rows.map((row) => ({ periodStart: toIsoDate(row.period_start)!, qty: row.qty })),
      };
    },
  };
}
export type DemandHistoryReader = ReturnType<typeof createDemandHistoryReader>;

export function registerDemandHistoryRoutes(api: Api, history: DemandHistoryReader): void {
  api.route({
    method: 'get',
    path: '/reorder/demand-history',
    summary: 'Monthly demand history of one stock location and SKU (what the forecasts learn from)',
    tags: ['reorder'],
    permission: 'reorder:read',
    query: DemandHistoryQuery,
    response: DemandHistory,
    handler: ({ query }) => history.monthly(query.locationId, query.skuId),
  });
}
