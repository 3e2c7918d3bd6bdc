import type { Courier, Travel, Weights } from '../../solver/problem.schema.ts';
import type {
  DemandModel,
  DispatchPolicy,
  ReorderSettings,
  ReplayDemand,
  SimulationInput,
} from '../../solver/simulate/types.ts';
import { REORDER_SETTINGS } from '../reorder/reorder-settings.ts';
import type { DemandHistory, StoredTicket } from './demand-history.repository.ts';
import { estimateDemand } from './demand-model.ts';
import type { NetworkSnapshot } from './network-snapshot.ts';
import { demandScalesFor, toSimNetwork } from './sim-network.ts';
import { promisesFor } from './sim-promises.ts';

/** How a run simulates: the horizon, the demand, the dispatcher. */
export interface SimulationSettings {
  /** ISO-8601 with offset: the first simulated minute. */
  start: string;
  days: number;
  policy: DispatchPolicy;
  ticketsPerDay?: number;
  /** Expected tickets over the horizon (instead of ticketsPerDay). */
  tickets?: number;
  demandScale?: number;
}

/** What the service's configuration decides, as dispatch uses it (travel, courier, weights). */
export interface SimulationEnvironment {
  /** Travel over a list of locations (OSRM's table when configured, else great-circle). */
  travelFor: (
    locations: { id: string; lat: number; lon: number }[],
  ) => Promise<{ travel: Travel; warning?: string }>;
  courier: Courier | null;
  weights?: Weights;
}

export interface SimulationInputs {
  baseline: SimulationInput;
  scenario: SimulationInput;
  demand: { ticketsPerDay: number; source: string; classes: number };
  warnings: string[];
}

/** Daily issues over the last 90 days of monthly history: each month spread evenly, in whole units. */
function reorderHistory(history: DemandHistory, stockKeys: Set<string>): ReorderSettings['history'] {
  const months = [...new Set(history.partIssues.map((row) => row.month))].sort().slice(-3);
  if (months.length === 0) return undefined;
  const daysIn = (month: string) =>
    new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const series = new Map<string, number[]>();
  for (const row of history.partIssues) {
    const index = months.indexOf(row.month);
    const key = `${row.locationId}|${row.skuId}`;
    if (index < 0 || !stockKeys.has(key)) continue;
    const daily =
      series.get(key) ?? months.flatMap((month) => Array.from({ length: daysIn(month) }, () => 0));
    const offset = months.slice(0, index).reduce((total, month) => total + daysIn(month), 0);
    const days = daysIn(row.month);
    // Unit k of the month's issues on day floor(k · days / qty): even and deterministic.
    for (let k = 0; k < row.qty; k++) daily[offset + Math.floor((k * days) / row.qty)]! += 1;
    series.set(key, daily);
  }
  return [...series]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, daily]) => {
      const [location, sku] = key.split('|') as [string, string];
      return { location, sku, daily };
    });
}

/** One supplier lead time for the network (the simulation takes one): the stock-weighted mean. */
function leadTime(snapshot: NetworkSnapshot, warnings: string[]): ReorderSettings['leadTimeDays'] {
  const qtyOf = new Map<string, number>();
  for (const row of snapshot.stock) qtyOf.set(row.skuId, (qtyOf.get(row.skuId) ?? 0) + row.qty);
  let weight = 0;
  let mean = 0;
  let sd = 0;
  for (const sku of snapshot.skus) {
    const w = qtyOf.get(sku.id) ?? 0;
    weight += w;
    mean += w * sku.leadTimeDaysMean;
    sd += w * sku.leadTimeDaysSd;
  }
  if (weight === 0) return { mean: 14, sd: 0 };
  if (new Set(snapshot.skus.map((sku) => sku.leadTimeDaysMean)).size > 1)
    warnings.push(
      `per-SKU lead times are simulated as one: the stock-weighted mean ${(mean / weight).toFixed(1)} days`,
    );
  return { mean: mean / weight, sd: sd / weight };
}

async function side(
  snapshot: NetworkSnapshot,
  history: DemandHistory,
  demand: DemandModel | ReplayDemand,
  settings: SimulationSettings,
  env: SimulationEnvironment,
  warnings: string[],
): Promise<SimulationInput> {
  const bridged = toSimNetwork(snapshot, {
    travel: { mode: 'greatCircle', speedKmh: 60, circuity: 1.3 },
    courier: env.courier,
    ...(env.weights ? { weights: env.weights } : {}),
  });
  warnings.push(...bridged.warnings);
  const routed = await env.travelFor(
    bridged.network.locations.map(({ id, lat, lon }) => ({ id, lat: lat!, lon: lon! })),
  );
  if (routed.warning) warnings.push(routed.warning);
  const network = { ...bridged.network, travel: routed.travel };
  const present = new Set(network.locations.map((location) => location.id));
  const common = {
    start: settings.start,
    days: settings.days,
    network,
    ...(await reorderAndPromises(snapshot, history, settings, warnings)),
    dispatch: { policy: settings.policy },
  };
  if (demand.kind === 'replay') {
    const tickets = demand.tickets.filter((ticket) => present.has(ticket.site));
    if (tickets.length < demand.tickets.length)
      warnings.push(
        `${demand.tickets.length - tickets.length} replayed ticket(s) are at sites this network lacks: left out`,
      );
    if (snapshot.demandScales.length > 0)
      warnings.push(
        'demand rules do not apply to a replayed history: the recorded tickets are replayed as they were',
      );
    return { ...common, demand: { kind: 'replay', tickets } };
  }
  const classes = demand.classes;
  const kept = classes
    .map((c) => ({ ...c, sites: c.sites.filter((site) => present.has(site)) }))
    .filter((c) => c.sites.length > 0);
  if (kept.length < classes.length)
    warnings.push(`${classes.length - kept.length} demand class(es) lost every site in this network`);
  const scales = demandScalesFor(snapshot, kept, { start: settings.start, days: settings.days });
  warnings.push(...scales.warnings);
  const seasonal = demand.byDay;
  const byDay =
    seasonal || scales.byDay
      ? Array.from({ length: settings.days }, (_, d) => (seasonal?.[d] ?? 1) * (scales.byDay?.[d] ?? 1))
      : undefined;
  return {
    ...common,
    demand: {
      kind: 'model',
      classes: kept,
      ...(demand.dayOfWeek ? { dayOfWeek: demand.dayOfWeek } : {}),
      ...(demand.hourOfDay ? { hourOfDay: demand.hourOfDay } : {}),
      ...(byDay ? { byDay } : {}),
      classScale: scales.classScale,
    },
  };
}

async function reorderAndPromises(
  snapshot: NetworkSnapshot,
  history: DemandHistory,
  settings: SimulationSettings,
  warnings: string[],
): Promise<Pick<SimulationInput, 'promises' | 'reorder'>> {
  const { promises, warnings: promiseWarnings } = promisesFor(snapshot, settings.start.slice(0, 10));
  warnings.push(...promiseWarnings);
  const stockKeys = new Set(snapshot.stock.map((row) => `${row.locationId}|${row.skuId}`));
  const dailyHistory = reorderHistory(history, stockKeys);
  return {
    promises,
    reorder: {
      leadTimeDays: leadTime(snapshot, warnings),
      targetFillRate: REORDER_SETTINGS.targetFillRate,
      holdingRate: REORDER_SETTINGS.holdingRate,
      orderCost: REORDER_SETTINGS.orderCost,
      ...(dailyHistory ? { history: dailyHistory } : {}),
    },
  };
}

/** Stored tickets as a replay: minutes after `start`, parts and unit as recorded. */
export function replayOf(tickets: StoredTicket[], start: string): ReplayDemand {
  const origin = Date.parse(start);
  return {
    kind: 'replay',
    tickets: tickets.map((ticket) => ({
      id: ticket.id,
      at: (Date.parse(ticket.reportedAt) - origin) / 60_000,
      site: ticket.siteId,
      level: ticket.level,
      tier: ticket.tier,
      skill: ticket.skill,
      minSkillLevel: ticket.minSkillLevel,
      serviceMinutes: ticket.serviceMinutes,
      parts: ticket.parts.map((part) => ({ sku: part.skuId, qty: part.qty })),
      spareUnit: ticket.spareUnitModelId ? { model: ticket.spareUnitModelId } : null,
    })),
  };
}

/**
 * The baseline (today's network) and scenario (the change set applied) inputs of one run. Both
 * sample the same demand classes, estimated once from the baseline and the stored history, so
 * they share every random stream (common random numbers); the scenario's demand rules become
 * class and day multipliers. Every simplification the bridge makes is in `warnings`, once.
 */
export async function buildSimulationInputs(args: {
  baseline: NetworkSnapshot;
  scenario: NetworkSnapshot;
  history: DemandHistory;
  settings: SimulationSettings;
  env: SimulationEnvironment;
  /** Replay these stored tickets instead of sampling the demand model. */
  replay?: StoredTicket[];
}): Promise<SimulationInputs> {
  const { settings } = args;
  const estimate = args.replay
    ? {
        demand: replayOf(args.replay, settings.start),
        ticketsPerDay: args.replay.length / settings.days,
        source: 'replay',
        warnings: [],
      }
    : estimateDemand(args.baseline, args.history, {
        start: settings.start,
        days: settings.days,
        ...(settings.ticketsPerDay !== undefined ? { ticketsPerDay: settings.ticketsPerDay } : {}),
        ...(settings.tickets !== undefined ? { tickets: settings.tickets } : {}),
        ...(settings.demandScale !== undefined ? { demandScale: settings.demandScale } : {}),
      });
  const baselineWarnings: string[] = [];
  const scenarioWarnings: string[] = [];
  const baseline = await side(
    args.baseline,
    args.history,
    estimate.demand,
    settings,
    args.env,
    baselineWarnings,
  );
  const scenario = await side(
    args.scenario,
    args.history,
    estimate.demand,
    settings,
    args.env,
    scenarioWarnings,
  );
  const warnings = [
    ...estimate.warnings,
    ...new Set(baselineWarnings),
    ...[...new Set(scenarioWarnings)]
      .filter((w) => !baselineWarnings.includes(w))
      .map((w) => `scenario: ${w}`),
  ];
  return {
    baseline,
    scenario,
    demand: {
      ticketsPerDay: estimate.ticketsPerDay,
      source: estimate.source,
      classes: estimate.demand.kind === 'model' ? estimate.demand.classes.length : 0,
    },
    warnings,
  };
}
