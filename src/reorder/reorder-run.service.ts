import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import type { Logger } from '../logger.ts';
import type { PackedInputs, PlanOutcome } from './plan-workers.ts';
import { decideActions, type SuggestionDraft } from './reorder-decisions.ts';
import { createReorderInputs, pairKey } from './reorder-inputs.repository.ts';
import { historyWindow, planPairs, type PlanReplenishment } from './reorder-plans.ts';
import type { ReorderSettings } from './reorder-settings.ts';
import { createPhaseTimer, type PhaseTimer } from './phase-timer.ts';
import { needsReview } from './review-filter.ts';
import { planSpareUnitCoverage, type PositionSpareUnits } from './spare-unit-coverage.ts';
import { createRunRepository, toRun, type ReorderRun } from './reorder-run.repository.ts';
import { paginate, type Page } from '../db/pagination.ts';
import { problems } from '../http/problem.ts';
import type { RunListQuery } from './reorder.schemas.ts';

/**
 * The reorder run: reads everything in a few queries, plans every location × SKU with history or
 * stock, positions spare units for the 4-hour promise, decides actions and writes the suggestions
 * and the run's history, all in one transaction.
 *
 * Exactly one run at a time per database schema: the transaction first takes a transaction-level
 * advisory lock (released at commit or rollback, so a crashed replica never leaves it held) and
 * gives up at once if another replica holds it. A scheduled tick whose run key already ran is a
 * no-op too, so replicas whose clocks fire a little apart still make one run per night. A manual
 * run with an existing key replaces that run's proposed suggestions; suggestions a manager has
 * decided on (approved, edited, rejected) stay, and no pair gets two suggestions in one run.
 */

export type RunTrigger = 'schedule' | 'manual';

export type RunOutcome =
  | { outcome: 'ran'; run: ReorderRun }
  | { outcome: 'skipped'; reason: 'locked' | 'already-ran'; runKey: string };

export interface ReorderPlanner {
  planReplenishment: PlanReplenishment;
  roundOrderQuantity: (quantity: number, packSize: number, minOrderQty: number) => number;
  positionSpareUnits: PositionSpareUnits;
  /** Plans a whole night at once (worker threads); absent: planReplenishment pair by pair. */
  planMany?: (inputs: PackedInputs) => Promise<PlanOutcome[]>;
}

/** 'YYYY-MM-DD' of an instant in a time zone. */
export function dateIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export function createReorderRunService(deps: {
  db: Knex;
  now: () => Date;
  logger: Logger;
  timeZone: string;
  settings: ReorderSettings;
  planner: ReorderPlanner;
}) {
  const { db, settings, planner } = deps;
  const inputs = createReorderInputs(db);
  const runs = createRunRepository();

  async function compute(trx: Knex.Transaction, today: string, phases: PhaseTimer) {
    const read = await phases.time('readInputs', async () => ({
      locations: await inputs.stockLocations(trx),
      catalog: await inputs.catalog(trx),
      series: await inputs.demandHistory(trx),
      balances: await inputs.balances(trx),
      onOrder: await inputs.onOrder(trx),
    }));
    const { locations, catalog, balances, onOrder } = read;
    const seriesCount = read.series.length;
    const skus = new Map(catalog.map((sku) => [sku.id, sku]));
    const locationById = new Map(locations.map((l) => [l.id, l]));

    const window = historyWindow(read.series, today);
    const lastYear = window.first + window.length - 12;
    const annualDemandBySku = new Map<string, number>();
    for (const s of read.series) {
      let total = 0;
      s.months.forEach((month, i) => {
        if (month >= lastYear && month < window.first + window.length) total += s.qty[i]!;
      });
      if (total > 0) annualDemandBySku.set(s.skuId, (annualDemandBySku.get(s.skuId) ?? 0) + total);
    }

    const planOptions = {
      skus,
      stockLocationIds: new Set(locationById.keys()),
      today,
      settings,
      plan: planner.planReplenishment,
      planMany: planner.planMany,
      window,
    };
    // The pairs with history or stock are planned (on worker threads) while coverage positions
    // spare units in this thread: the two are independent, and one after the other left a core
    // idle during coverage. Only pairs that coverage alone asks for are planned afterwards.
    const planning = phases.time('planPairs', () =>
      planPairs({ ...planOptions, series: read.series, balances }),
    );
    // Keep a failed planning from surfacing as an unhandled rejection while coverage runs.
    planning.catch(() => undefined);

    let coverage: Awaited<ReturnType<typeof planSpareUnitCoverage>>;
    try {
      coverage = await phases.time('coverage', () =>
        planSpareUnitCoverage({
          trx,
          today,
          settings,
          skus,
          locations,
          balances,
          annualDemandBySku,
          position: planner.positionSpareUnits,
        }),
      );
    } catch (error) {
      // Reorder points do not depend on coverage: plan without it and say so in the run's counts.
      deps.logger.error({ err: error }, 'reorder run: spare-unit coverage failed');
      coverage = {
        unitsWanted: new Map(),
        basis: new Map(),
        summary: { status: 'failed', error: error instanceof Error ? error.message : String(error) },
      };
    }

    const main = await planning;
    const known = new Set<string>();
    for (const s of read.series) known.add(pairKey(s.locationId, s.skuId));
    for (const b of balances) known.add(pairKey(b.locationId, b.skuId));
    // The history is planned: let it go before deciding (~356,000 series at national scale).
    read.series = [];
    const extraPairs = [...coverage.unitsWanted.entries()]
      .filter(([key, units]) => units > 0 && !known.has(key))
      .map(([key]) => {
        const [locationId, skuId] = key.split('\u001f') as [string, string];
        return { locationId, skuId };
      });
    const extra = await phases.time('planCoveragePairs', () =>
      planPairs({ ...planOptions, series: [], balances: [], extraPairs, planMany: undefined }),
    );
    const planned = [...main.planned, ...extra.planned];
    const failures = [...main.failures, ...extra.failures];
    const counts = new Map(balances.map((b) => [pairKey(b.locationId, b.skuId), b]));
    const ordered = new Map(onOrder.map((o) => [pairKey(o.locationId, o.skuId), o.qty]));
    const drafts = await phases.time('decide', () =>
      decideActions(
        planned.map(({ locationId, skuId, plan }) => {
          const key = pairKey(locationId, skuId);
          const balance = counts.get(key);
          return {
            locationId,
            skuId,
            plan,
            onHand: balance?.onHand ?? 0,
            reserved: balance?.reserved ?? 0,
            onOrder: ordered.get(key) ?? 0,
            backorders: 0,
            coverageUnits: coverage.unitsWanted.get(key) ?? null,
            coverageBasis: coverage.basis.get(key) ?? null,
          };
        }),
        {
          today,
          skus,
          locations: locationById,
          lastTimeBuyWindowDays: settings.lastTimeBuyWindowDays,
          roundOrderQuantity: planner.roundOrderQuantity,
        },
      ),
    );
    // Every pair is counted; only those a manager must look at are kept (and stored).
    const pairTally = tally(drafts);
    const toStore = drafts.filter(needsReview);
    return {
      drafts: toStore,
      summary: {
        ...pairTally,
        notStored: drafts.length - toStore.length,
        historyMonths: window.length,
        historyFrom: window.length ? monthLabel(window.first) : null,
        series: seriesCount,
        failures: failures.length,
        firstFailures: failures.slice(0, 5),
        coverage: coverage.summary,
      },
    };
  }

  function tally(drafts: readonly SuggestionDraft[]) {
    const byAction = { buy: 0, transfer: 0, none: 0, 'last-time-buy': 0 };
    let coverageAtRisk = 0;
    let withAlerts = 0;
    for (const d of drafts) {
      byAction[d.action] += 1;
      if (d.coverageAtRisk) coverageAtRisk += 1;
      if (d.alerts.length) withAlerts += 1;
    }
    return { pairs: drafts.length, ...byAction, coverageAtRisk, withAlerts };
  }

  async function run(options: { runKey: string; trigger: RunTrigger; actor: string }): Promise<RunOutcome> {
    const { runKey, trigger, actor } = options;
    const startedAt = deps.now();
    const clock = performance.now();
    try {
      return await db.transaction(async (trx) => {
        if (!(await runs.tryLock(trx))) {
          deps.logger.info({ runKey, trigger }, 'reorder run skipped: another replica is running');
          return { outcome: 'skipped', reason: 'locked', runKey } as const;
        }
        const existing = await runs.findByKey(trx, runKey);
        if (existing && trigger === 'schedule' && existing.status === 'succeeded') {
          deps.logger.info({ runKey }, 'reorder run skipped: this schedule already ran');
          return { outcome: 'skipped', reason: 'already-ran', runKey } as const;
        }
        const today = dateIn(deps.timeZone, startedAt);
        const phases = createPhaseTimer();
        const { drafts, summary } = await compute(trx, today, phases);
        const runId = await runs.begin(trx, { runKey, trigger, actor, startedAt });
        const written = await phases.time('writeSuggestions', () =>
          runs.replaceProposals(trx, runId, drafts, { now: startedAt, chunk: settings.insertChunk }),
        );
        const durationMs = Math.round(performance.now() - clock);
        const runCounts = { ...summary, ...written, phases: phases.report() };
        await runs.finish(trx, runId, {
          status: 'succeeded',
          finishedAt: new Date(startedAt.getTime() + durationMs),
          durationMs,
          counts: runCounts,
        });
        await recordAudit(trx, {
          actor,
          action: existing ? 'rerun' : 'run',
          entity: 'reorder_run',
          entityId: String(runId),
          data: { runKey, trigger, counts: pairCounts(summary) },
        });
        deps.logger.info(
          { runKey, trigger, durationMs, counts: pairCounts(summary), phases: runCounts.phases },
          'reorder run finished',
        );
        return { outcome: 'ran', run: (await runs.findById(trx, runId))! } as const;
      });
    } catch (error) {
      const durationMs = Math.round(performance.now() - clock);
      deps.logger.error({ err: error, runKey }, 'reorder run failed');
      await runs.recordFailure(db, {
        runKey,
        trigger,
        actor,
        startedAt,
        durationMs,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }

  return {
    run,
    /** A run requested over the API: 409 while another run holds the lock. */
    async runNow(runKey: string | undefined, actor: string): Promise<ReorderRun> {
      const key = runKey ?? `manual:${deps.now().toISOString()}`;
      const outcome = await run({ runKey: key, trigger: 'manual', actor });
      if (outcome.outcome === 'skipped')
        throw problems.conflict(
          'another reorder run is in progress; try again when it has finished',
          'run-in-progress',
        );
      return outcome.run;
    },
    async listRuns(query: RunListQuery): Promise<Page<ReorderRun>> {
      const page = await paginate<Record<string, unknown>>(db('reorder_runs'), {
        sort: query.sort,
        columns: { id: 'id' },
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map((row) => toRun(row as never)), nextCursor: page.nextCursor };
    },
    async getRun(id: number): Promise<ReorderRun> {
      const found = await runs.findById(db, id);
      if (!found) throw problems.notFound('reorder run', String(id));
      return found;
    },
    /** The nightly run for a schedule tick: its key is the tick's date in the service's time zone. */
    runScheduled: (tick: Date) =>
      run({ runKey: dateIn(deps.timeZone, tick), trigger: 'schedule', actor: 'scheduler' }),
    dateIn: (at: Date) => dateIn(deps.timeZone, at),
  };
}

/** The per-pair tallies of a run's summary (what the audit event and the log line carry). */
function pairCounts(summary: Record<string, unknown>) {
  const { pairs, buy, transfer, none, coverageAtRisk, withAlerts, notStored } = summary;
  return {
    pairs,
    buy,
    transfer,
    none,
    'last-time-buy': summary['last-time-buy'],
    coverageAtRisk,
    withAlerts,
    notStored,
  };
}

function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export type ReorderRunService = ReturnType<typeof createReorderRunService>;
