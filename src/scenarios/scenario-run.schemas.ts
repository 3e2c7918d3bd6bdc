import { z } from 'zod';
import { Id, IsoDate } from '../http/schemas.ts';

export const RunStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type RunStatus = z.infer<typeof RunStatus>;

/** Limits on one run: a day to a quarter, one to thirty replications. */
export const RUN_LIMITS = { days: { min: 1, max: 92 }, replications: { min: 1, max: 30 } } as const;

export const ScenarioRunCreate = z
  .object({
    days: z.number().int().min(RUN_LIMITS.days.min).max(RUN_LIMITS.days.max).default(30),
    replications: z
      .number()
      .int()
      .min(RUN_LIMITS.replications.min)
      .max(RUN_LIMITS.replications.max)
      .default(5),
    seed: z.number().int().min(0).max(2_147_483_647).default(1),
    /** Local date (service time zone) of the first simulated day; default: tomorrow. */
    start: IsoDate.optional(),
    policy: z.enum(['optimized', 'nearest-free']).default('optimized'),
    /** Also simulate the baseline with the nearest-free dispatcher: what optimization is worth. */
    compareNearestFree: z.boolean().default(false),
    /** Mean tickets per day over the network; default: estimated from the stored history. */
    ticketsPerDay: z.number().positive().max(100_000).optional(),
    /** Expected tickets over the whole horizon (instead of ticketsPerDay). */
    tickets: z.number().int().positive().max(10_000_000).optional(),
    /** Multiplies the demand (estimated or given) on both sides. */
    demandScale: z.number().positive().max(100).default(1),
    /**
     * `model`: tickets sampled from the demand model estimated from the stored history; `replay`:
     * the stored tickets reported from `start` (required) over `days`, at their recorded times.
     */
    demand: z.enum(['model', 'replay']).default('model'),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.tickets !== undefined && value.ticketsPerDay !== undefined)
      ctx.addIssue({ code: 'custom', path: ['tickets'], message: 'give tickets or ticketsPerDay, not both' });
    if (value.demand !== 'replay') return;
    if (value.start === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['start'],
        message: 'a replay needs the first day of the history to replay',
      });
    for (const field of ['tickets', 'ticketsPerDay'] as const)
      if (value[field] !== undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: 'a replay has the tickets it recorded' });
    if (value.demandScale !== 1)
      ctx.addIssue({ code: 'custom', path: ['demandScale'], message: 'a replayed history cannot be scaled' });
  })
  .openapi('ScenarioRunCreate');
export type ScenarioRunCreate = z.infer<typeof ScenarioRunCreate>;

export const ScenarioRunParams = z.object({ runId: Id });

const Kpis = z.record(z.string(), z.unknown()).openapi('SimulationKpis');

export const KpiDifference = z
  .object({
    /** Dotted path into the KPIs, e.g. `promises.overall.share`. */
    kpi: z.string(),
    baselineMean: z.number(),
    scenarioMean: z.number(),
    /** Mean of the paired differences, scenario − baseline. */
    difference: z.number(),
    /** 95 % confidence interval of the difference; null with one replication. */
    ci95: z.tuple([z.number(), z.number()]).nullable(),
    /** Whether the interval excludes 0; null without an interval. */
    significant: z.boolean().nullable(),
    replications: z.number().int(),
  })
  .openapi('KpiDifference');
export type KpiDifference = z.infer<typeof KpiDifference>;

export const ScenarioRunResults = z
  .object({
    replications: z.array(
      z.object({
        replication: z.number().int(),
        baseline: Kpis,
        scenario: Kpis,
        /** The baseline under the nearest-free dispatcher (with compareNearestFree). */
        baselineNearestFree: Kpis.optional(),
      }),
    ),
    comparison: z.array(KpiDifference),
    /** Optimized (the run's baseline) against nearest-free on the baseline network; difference = optimized − nearest-free. */
    optimizationWorth: z.array(KpiDifference).optional(),
  })
  .openapi('ScenarioRunResults');
export type ScenarioRunResults = z.infer<typeof ScenarioRunResults>;

export const ScenarioRun = z
  .object({
    id: z.string(),
    scenarioId: z.string(),
    scenarioVersion: z.number().int(),
    /** Fingerprint of the live network the run simulated. */
    networkVersion: z.string(),
    /** The network changed since the scenario was saved: the run used today's network. */
    stale: z.boolean(),
    parameters: z.record(z.string(), z.unknown()),
    status: RunStatus,
    progress: z.number().min(0).max(1),
    warnings: z.array(z.string()),
    error: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    results: ScenarioRunResults.nullable(),
  })
  .openapi('ScenarioRun');
export type ScenarioRun = z.infer<typeof ScenarioRun>;

export const ScenarioRunSummary = ScenarioRun.omit({ results: true }).openapi('ScenarioRunSummary');
export const ScenarioRunList = z.object({ items: z.array(ScenarioRunSummary) }).openapi('ScenarioRunList');

export const ScenarioRunAccepted = z
  .object({
    id: z.string(),
    status: RunStatus,
    stale: z.boolean(),
    location: z.string(),
    warnings: z.array(z.string()),
    demand: z.object({ ticketsPerDay: z.number(), source: z.string(), classes: z.number().int() }),
  })
  .openapi('ScenarioRunAccepted');

export const ScenarioRunComparison = z
  .object({
    runId: z.string(),
    scenarioId: z.string(),
    stale: z.boolean(),
    replications: z.number().int(),
    items: z.array(KpiDifference),
    optimizationWorth: z.array(KpiDifference).optional(),
    warnings: z.array(z.string()),
  })
  .openapi('ScenarioRunComparison');
