import type { Knex } from 'knex';
import { toIso } from '../http/schemas.ts';
import type { SuggestionDraft } from './reorder-decisions.ts';

/** Run history rows, the run lock, and the bulk write of a run's suggestions. */

export interface ReorderRun {
  id: number;
  runKey: string;
  trigger: 'schedule' | 'manual';
  status: 'succeeded' | 'failed';
  actor: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  counts: Record<string, unknown>;
  error: string | null;
}

interface RunRow {
  id: number | string;
  run_key: string;
  trigger: 'schedule' | 'manual';
  status: 'succeeded' | 'failed';
  actor: string;
  started_at: Date | string;
  finished_at: Date | string | null;
  duration_ms: number | null;
  counts: Record<string, unknown> | string;
  error: string | null;
}

export function toRun(row: RunRow): ReorderRun {
  return {
    id: Number(row.id),
    runKey: row.run_key,
    trigger: row.trigger,
    status: row.status,
    actor: row.actor,
    startedAt: toIso(row.started_at)!,
    finishedAt: toIso(row.finished_at),
    durationMs: row.duration_ms,
    counts: typeof row.counts === 'string' ? (JSON.parse(row.counts) as Record<string, unknown>) : row.counts,
    error: row.error,
  };
}

function suggestionRow(runId: number, d: SuggestionDraft, now: Date) {
  return {
    run_id: runId,
    location_id: d.locationId,
    sku_id: d.skuId,
    classification: d.classification,
    method: d.method,
    forecast: d.forecast,
    lead_time_demand_mean: d.leadTimeDemandMean,
    lead_time_demand_variance: d.leadTimeDemandVariance,
    on_hand: d.onHand,
    on_order: d.onOrder,
    reserved: d.reserved,
    backorders: d.backorders,
    inventory_position: d.inventoryPosition,
    reorder_point: d.reorderPoint,
    order_up_to: d.orderUpTo,
    target_fill_rate: d.targetFillRate,
    predicted_fill_rate: d.predictedFillRate,
    coverage_at_risk: d.coverageAtRisk,
    action: d.action,
    quantity: d.quantity,
    from_location_id: d.fromLocationId,
    unit_cost: d.unitCost,
    value: d.value,
    alerts: JSON.stringify(d.alerts),
    explanation: JSON.stringify(d.explanation),
    status: 'proposed',
    version: 1,
    created_at: now,
    updated_at: now,
  };
}

export function createRunRepository() {
  return {
    /** The run lock, per schema (tests and tenants in other schemas do not block each other). */
    async tryLock(trx: Knex.Transaction): Promise<boolean> {
      const result = await trx.raw(
        `select pg_try_advisory_xact_lock(hashtext(current_schema() || ':reorder-run')) as locked`,
      );
      return Boolean((result.rows as Array<{ locked: boolean }>)[0]?.locked);
    },

    async findByKey(trx: Knex, runKey: string): Promise<ReorderRun | undefined> {
      const row = (await trx('reorder_runs').where({ run_key: runKey }).first()) as RunRow | undefined;
      return row && toRun(row);
    },

    async findById(trx: Knex, id: number): Promise<ReorderRun | undefined> {
      const row = (await trx('reorder_runs').where({ id }).first()) as RunRow | undefined;
      return row && toRun(row);
    },

    /** Creates the run row, or takes over the existing one of the same key (a re-run). */
    async begin(
      trx: Knex.Transaction,
      run: { runKey: string; trigger: string; actor: string; startedAt: Date },
    ): Promise<number> {
      const [row] = (await trx('reorder_runs')
        .insert({
          run_key: run.runKey,
          trigger: run.trigger,
          status: 'succeeded',
          actor: run.actor,
          started_at: run.startedAt,
          counts: '{}',
        })
        .onConflict('run_key')
        .merge({
          trigger: run.trigger,
          actor: run.actor,
          started_at: run.startedAt,
          finished_at: null,
          duration_ms: null,
          error: null,
        })
        .returning('id')) as Array<{ id: number | string }>;
      return Number(row!.id);
    },

    /**
     * Replaces the run's proposed suggestions with `drafts`, keeping pairs a manager has decided
     * on in this run; proposals of earlier runs are superseded (they can no longer be approved).
     */
    async replaceProposals(
      trx: Knex.Transaction,
      runId: number,
      drafts: readonly SuggestionDraft[],
      options: { now: Date; chunk: number },
    ) {
      const replaced = await trx('reorder_suggestions').where({ run_id: runId, status: 'proposed' }).delete();
      const superseded = await trx('reorder_suggestions')
        .whereNot('run_id', runId)
        .whereIn('status', ['proposed', 'edited'])
        .update({ status: 'superseded', version: trx.raw('version + 1'), updated_at: options.now });
      const decided = new Set(
        (
          (await trx('reorder_suggestions')
            .where({ run_id: runId })
            .select('location_id', 'sku_id')) as Array<{
            location_id: string;
            sku_id: string;
          }>
        ).map((row) => `${row.location_id}\u001f${row.sku_id}`),
      );
      const fresh = drafts.filter((d) => !decided.has(`${d.locationId}\u001f${d.skuId}`));
      for (let start = 0; start < fresh.length; start += options.chunk)
        await trx('reorder_suggestions').insert(
          fresh.slice(start, start + options.chunk).map((d) => suggestionRow(runId, d, options.now)),
        );
      return { written: fresh.length, replaced, keptDecided: decided.size, superseded };
    },

    async finish(
      trx: Knex.Transaction,
      runId: number,
      result: { status: 'succeeded'; finishedAt: Date; durationMs: number; counts: Record<string, unknown> },
    ): Promise<void> {
      await trx('reorder_runs')
        .where({ id: runId })
        .update({
          status: result.status,
          finished_at: result.finishedAt,
          duration_ms: result.durationMs,
          counts: JSON.stringify(result.counts),
          error: null,
        });
    },

    /** A failed run leaves its history row (the work itself rolled back). */
    async recordFailure(
      trx: Knex,
      run: {
        runKey: string;
        trigger: string;
        actor: string;
        startedAt: Date;
        durationMs: number;
        error: string;
      },
    ): Promise<void> {
      const fields = {
        trigger: run.trigger,
        status: 'failed',
        actor: run.actor,
        started_at: run.startedAt,
        finished_at: new Date(run.startedAt.getTime() + run.durationMs),
        duration_ms: run.durationMs,
        error: run.error.slice(0, 2000),
      };
      await trx('reorder_runs')
        .insert({ run_key: run.runKey, counts: '{}', ...fields })
        .onConflict('run_key')
        .merge(fields);
    },
  };
}

export type RunRepository = ReturnType<typeof createRunRepository>;
