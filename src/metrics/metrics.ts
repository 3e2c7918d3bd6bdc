import type { Knex } from 'knex';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { FINAL_STATUSES } from '../tickets/lifecycle.ts';

/**
 * The service's Prometheus metrics, one registry per instance (tests build many apps in one
 * process; a global registry would mix them and refuse a second registration).
 *
 * What only this process sees is measured where it happens (HTTP requests, solves). What every
 * replica shares is read from the database when Prometheus scrapes, so any replica answers alike
 * and a restart loses nothing: the last plan's KPIs, the nightly runs, the breached clocks.
 */
export interface Metrics {
  readonly registry: Registry;
  /** One HTTP request: its route pattern (never the raw URL, which would explode the series). */
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  /** One solve in the plan worker pool. */
  observeSolve(outcome: 'solved' | 'failed', seconds: number): void;
  /** One batch of ticket intakes written together (its size: 1 when idle, growing with the load). */
  observeIntakeBatch(size: number): void;
}

const HTTP_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SOLVE_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];
const BATCH_BUCKETS = [1, 2, 5, 10, 20, 50];

export function createMetrics(deps: { db: Knex; now: () => Date; defaultMetrics?: boolean }): Metrics {
  const { db } = deps;
  const registry = new Registry();
  if (deps.defaultMetrics !== false) collectDefaultMetrics({ register: registry });

  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [registry],
  });
  const solveDuration = new Histogram({
    name: 'dispatch_solve_duration_seconds',
    help: 'Time a dispatch plan spent in the solver worker pool (queueing included)',
    labelNames: ['outcome'] as const,
    buckets: SOLVE_BUCKETS,
    registers: [registry],
  });
  const intakeBatchSize = new Histogram({
    name: 'ticket_intake_batch_size',
    help: 'Ticket intakes taken in by one read and one write of the database',
    buckets: BATCH_BUCKETS,
    registers: [registry],
  });

  // A scrape while the database is down still answers (process metrics matter most then);
  // database-backed gauges keep their last values and this one says they are stale.
  // prom-client collects every metric of a scrape concurrently: the database-backed gauges share
  // one read per scrape, and a scrape while the database is down still answers (process metrics
  // matter most then) with those gauges stale and metrics_database_up at 0.
  let reading: Promise<boolean> | undefined;
  const readOnce = () =>
    (reading ??= readDatabaseGauges()
      .then(() => true)
      .catch(() => false)
      .finally(() => (reading = undefined)));
  const fromDatabase = async () => {
    await readOnce();
  };
  new Gauge({
    name: 'metrics_database_up',
    help: '1 when this scrape could read the database-backed metrics, else 0',
    registers: [registry],
    async collect() {
      this.set((await readOnce()) ? 1 : 0);
    },
  });
  const lastPlan = new Gauge({
    name: 'dispatch_last_plan',
    help: 'KPIs of the most recently solved dispatch plan (assigned, unassigned, commitments met and missed, …)',
    labelNames: ['kpi'] as const,
    registers: [registry],
    collect: fromDatabase,
  });
  const lastPlanSolvedAt = new Gauge({
    name: 'dispatch_last_plan_solved_timestamp_seconds',
    help: 'When the most recently solved dispatch plan was solved',
    registers: [registry],
    collect: fromDatabase,
  });
  const reorderRuns = new Gauge({
    name: 'reorder_runs',
    help: 'Reorder runs recorded, by trigger (schedule, manual) and outcome (succeeded, failed)',
    labelNames: ['trigger', 'status'] as const,
    registers: [registry],
    collect: fromDatabase,
  });
  const lastRunDuration = new Gauge({
    name: 'reorder_last_run_duration_seconds',
    help: 'Duration of the most recent reorder run, by trigger',
    labelNames: ['trigger', 'status'] as const,
    registers: [registry],
    collect: fromDatabase,
  });
  const lastRunStarted = new Gauge({
    name: 'reorder_last_run_started_timestamp_seconds',
    help: 'When the most recent reorder run of each trigger started',
    labelNames: ['trigger'] as const,
    registers: [registry],
    collect: fromDatabase,
  });
  const breachedTickets = new Gauge({
    name: 'tickets_with_breached_clock',
    help: 'Open tickets with at least one commitment clock breached (running past due or stopped late)',
    registers: [registry],
    collect: fromDatabase,
  });

  async function readDatabaseGauges(): Promise<void> {
    const at = deps.now().toISOString();
    const [plan, runs, lastRuns, breached] = await Promise.all([
      db('dispatch_plans')
        .whereNotNull('kpis')
        .orderBy('solved_at', 'desc')
        .first<{ kpis: Record<string, unknown> | string; solved_at: Date | string } | undefined>(
          'kpis',
          'solved_at',
        ),
      db('reorder_runs')
        .select('trigger', 'status')
        .count<Array<{ trigger: string; status: string; count: number | string }>>('* as count')
        .groupBy('trigger', 'status'),
      db('reorder_runs as r')
        .select('r.trigger', 'r.status', 'r.duration_ms', 'r.started_at')
        .whereRaw('r.started_at = (select max(started_at) from reorder_runs x where x.trigger = r.trigger)'),
      db('tickets as t')
        .whereNotIn('t.status', FINAL_STATUSES)
        .whereExists((q) =>
          q
            .from('ticket_clocks as c')
            .whereRaw('c.ticket_id = t.id')
            .whereRaw('((c.stopped_at is null and c.due_at < ?::timestamptz) or c.stopped_at > c.due_at)', [
              at,
            ]),
        )
        .count<Array<{ count: number | string }>>('* as count'),
    ]);

    lastPlan.reset();
    if (plan) {
      const kpis =
        typeof plan.kpis === 'string' ? (JSON.parse(plan.kpis) as Record<string, unknown>) : plan.kpis;
      for (const [kpi, value] of Object.entries(kpis))
        if (typeof value === 'number' && Number.isFinite(value)) lastPlan.set({ kpi }, value);
      lastPlanSolvedAt.set(new Date(plan.solved_at).getTime() / 1000);
    }
    reorderRuns.reset();
    for (const row of runs) reorderRuns.set({ trigger: row.trigger, status: row.status }, Number(row.count));
    lastRunDuration.reset();
    lastRunStarted.reset();
    for (const row of lastRuns as Array<{
      trigger: string;
      status: string;
      duration_ms: number | null;
      started_at: Date | string;
    }>) {
      if (row.duration_ms !== null)
        lastRunDuration.set({ trigger: row.trigger, status: row.status }, row.duration_ms / 1000);
      lastRunStarted.set({ trigger: row.trigger }, new Date(row.started_at).getTime() / 1000);
    }
    breachedTickets.set(Number(breached[0]?.count ?? 0));
  }

  return {
    registry,
    observeRequest: ({ method, route, status }, seconds) =>
      httpDuration.observe({ method, route, status: String(status) }, seconds),
    observeSolve: (outcome, seconds) => solveDuration.observe({ outcome }, seconds),
    observeIntakeBatch: (size) => intakeBatchSize.observe(size),
  };
}
