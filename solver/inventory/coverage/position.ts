import type { MipStatus } from '../../exact/model.ts';
import type { SolverRuntime } from '../../runtime.ts';
import { formulate, type CoverageFormulation, type ModelVariables } from './formulation.ts';
import { COVERAGE_BACKENDS, solveCost, solveCoverThenCost, type Deadline, type MipRun } from './mip.ts';
import { planMovements } from './movements.ts';
import { buildNetworks, effectiveCapacity, type ModelNetwork } from './network.ts';
import { levelTable, poissonFillRate } from './poisson.ts';
import type {
  CoverageAssignment,
  CoverageBackendName,
  CoverageInput,
  CoverageInputRaw,
  CoverageResult,
  CoverageSolverStatus,
  Placement,
  Purchase,
  Transfer,
  Uncovered,
} from './types.ts';
import { appendAll, indexOfMin, maxOf } from './arrays.ts';
import { greedyStart } from './start.ts';
import { parseCoverageInput } from './validate.ts';

/**
 * HiGHS (docs/benchmarks.md, "Coverage positioning"): it answered every network measured, from a
 * greedy start, with a bound; javascript-lp-solver was faster on 20 locations × 50 sites but left
 * sub-problems unsolved on 2 of 3, and never answered 60 × 500 or 200 × 5,000 within 1.5 × the limit.
 */
export const DEFAULT_COVERAGE_BACKEND: CoverageBackendName = 'highs';

/** A level never needs to exceed this many units of one model at one location. */
const MAX_LEVEL = 100_000;

interface Solved {
  readonly form: CoverageFormulation;
  readonly run: MipRun;
}

/**
 * Places spare units so that every site whose contract promises a unit within its promise has one
 * location in range holding enough to serve it at the target fill rate, at least holding +
 * transfer + purchase cost (../shared/docs/inventory.md, "Multi-location and the 4-hour promise").
 *
 * Models are independent unless location capacity or the purchase budget couples them, so each is
 * solved alone first with those limits applied per model (a relaxation); only when the combined
 * placement breaks a shared limit are all models solved together. Where capacity or budget cannot
 * cover everything, the most demand possible is covered and the rest listed as uncovered.
 */
export function positionSpareUnits(
  raw: CoverageInputRaw,
  runtime?: Pick<SolverRuntime, 'now'>,
): CoverageResult {
  const input = parseCoverageInput(raw);
  const clock = runtime?.now ?? (() => 0);
  const started = clock();
  const overall: Deadline = { clock, at: started + input.timeLimitMs };
  const backendName = input.backend ?? DEFAULT_COVERAGE_BACKEND;
  const networks = buildNetworks(input);
  let maxRate = 0;
  for (const n of networks) maxRate = maxOf(n.reachableRate.values(), maxRate);
  const table = levelTable(maxRate, input.replenishmentDays, input.targetFillRate, MAX_LEVEL);

  const solveTogether = (group: readonly ModelNetwork[], shared: boolean, share: number): Solved => {
    const backend = COVERAGE_BACKENDS[backendName];
    // Each sub-problem gets its share of the time left, so one hard model cannot starve the rest.
    const now = clock();
    const deadline: Deadline = { clock, at: now + Math.max(0, overall.at - now) * share };
    const hard = formulate(input, group, { soft: false, shared, lambdaMax: table });
    const run = solveCost(hard, backend, deadline, input.mipRelativeGap, greedyStart(hard, table));
    if (run.status !== 'infeasible') return { form: hard, run };
    const soft = formulate(input, group, { soft: true, shared, lambdaMax: table });
    return { form: soft, run: solveCoverThenCost(soft, backend, deadline, input.mipRelativeGap) };
  };

  const needsMip = (n: ModelNetwork) => n.groups.length > 0;
  const separate = networks.filter(needsMip);
  let solved = separate.map((n, k) => solveTogether([n], false, 1 / (separate.length - k)));
  let joint = false;
  if (breaksSharedLimits(input, networks, solved)) {
    solved = [solveTogether(networks, true, 1)];
    joint = true;
  }

  const result = assemble(input, networks, solved, table);
  const runs = solved.map((s) => s.run);
  return {
    ...result,
    solver: {
      backend: backendName,
      status: worstStatus(runs.map((r) => r.status)),
      provenOptimal: runs.every((r) => r.proven),
      gap: overallGap(runs),
      ms: clock() - started,
      subproblems: runs.length,
      joint,
      variables: solved.reduce((sum, s) => sum + s.form.model.variables.length, 0),
      constraints: solved.reduce((sum, s) => sum + s.form.model.constraints.length, 0),
    },
  };
}

/** Target units per location for each model: the MIP's n where it has one, else the current stock. */
function targetsOf(
  networks: readonly ModelNetwork[],
  solved: readonly Solved[],
): Map<ModelNetwork, number[]> {
  const targets = new Map(networks.map((n) => [n, [...n.stock]]));
  for (const { form, run } of solved) {
    if (!run.values) continue;
    for (const vars of form.perModel) {
      const target = targets.get(vars.network)!;
      for (const [l, variable] of vars.stock) target[l] = Math.round(run.values[variable]!);
    }
  }
  return targets;
}

function breaksSharedLimits(
  input: CoverageInput,
  networks: readonly ModelNetwork[],
  solved: readonly Solved[],
): boolean {
  const targets = targetsOf(networks, solved);
  const overCapacity = input.locations.some(
    (location, l) =>
      location.capacity !== undefined &&
      networks.reduce((sum, n) => sum + targets.get(n)![l]!, 0) > effectiveCapacity(input, l),
  );
  if (overCapacity) return true;
  if (input.purchaseBudget === undefined) return false;
  const spend = networks.reduce((sum, n) => {
    const bought = targets.get(n)!.reduce((a, b) => a + b, 0) - n.stock.reduce((a, b) => a + b, 0);
    return sum + Math.max(0, bought) * n.model.unitCost;
  }, 0);
  return spend > input.purchaseBudget + 1e-9;
}

function assemble(
  input: CoverageInput,
  networks: readonly ModelNetwork[],
  solved: readonly Solved[],
  table: readonly number[],
): Omit<CoverageResult, 'solver'> {
  const targets = targetsOf(networks, solved);
  const varsOf = new Map<ModelNetwork, { vars: ModelVariables; run: MipRun }>();
  for (const { form, run } of solved)
    for (const vars of form.perModel) varsOf.set(vars.network, { vars, run });

  const placement: Placement[] = [];
  const coverage: CoverageAssignment[] = [];
  const transfers: Transfer[] = [];
  const purchases: Purchase[] = [];
  const uncovered: Uncovered[] = [];
  let holdingPerYear = 0;
  let transferCost = 0;
  let purchaseCost = 0;

  for (const network of networks) {
    const target = targets.get(network)!;
    appendAll(uncovered, network.uncovered);
    const servedRate = new Array<number>(input.locations.length).fill(0);
    const solution = varsOf.get(network);
    if (solution?.run.values) {
      const { assignments, left } = assignSites(network, solution.vars, solution.run.values);
      for (const a of assignments) {
        coverage.push({
          siteId: a.siteId,
          modelId: network.model.id,
          locationId: input.locations[a.location]!.id,
          minutes: a.minutes,
        });
        servedRate[a.location]! += a.rate;
      }
      for (const site of left)
        uncovered.push({
          siteId: site.siteId,
          modelId: network.model.id,
          ratePerYear: site.rate,
          reason: 'insufficient-capacity-or-budget',
          explanation: `locations are in range, but capacity or the purchase budget leaves no units for it (nearest ${input.locations[site.nearest.location]!.id} at ${site.nearest.minutes} min)`,
          nearest: { locationId: input.locations[site.nearest.location]!.id, minutes: site.nearest.minutes },
        });
    } else if (solution || network.groups.length > 0) {
      for (const group of network.groups)
        for (const siteId of group.siteIds)
          uncovered.push({
            siteId,
            modelId: network.model.id,
            ratePerYear: group.ratePerYear,
            reason:
              solution?.run.status === 'infeasible' ? 'insufficient-capacity-or-budget' : 'solver-limit',
            explanation:
              solution?.run.status === 'infeasible'
                ? 'capacity and budget leave no feasible placement; stock left as it is'
                : 'the solver found no placement within its time limit; stock left as it is',
            nearest: {
              locationId: input.locations[group.reach[0]!.location]!.id,
              minutes: group.reach[0]!.minutes,
            },
          });
    }
    // A sanity check on the MIP: each level must serve what was assigned to it.
    servedRate.forEach((rate, l) => {
      if (rate > 0 && (table[target[l]!] ?? Number.POSITIVE_INFINITY) < rate * (1 - 1e-9))
        throw new Error(`coverage MIP level too low at ${input.locations[l]!.id} for ${network.model.id}`);
    });

    input.locations.forEach((location, l) => {
      const current = network.stock[l]!;
      const units = target[l]!;
      if (current === 0 && units === 0) return;
      placement.push({
        locationId: location.id,
        modelId: network.model.id,
        units,
        currentUnits: current,
        delta: units - current,
        coveredRatePerYear: servedRate[l]!,
        predictedFillRate:
          servedRate[l]! > 0 ? poissonFillRate(units, servedRate[l]!, input.replenishmentDays) : 1,
      });
      holdingPerYear += units * network.model.holdingCostPerYear;
    });
    const moves = planMovements(input, network.model, network.stock, target);
    appendAll(transfers, moves.transfers);
    appendAll(purchases, moves.purchases);
    transferCost += moves.transferCost;
    purchaseCost += moves.purchaseCost;
  }
  return {
    placement,
    coverage,
    transfers,
    purchases,
    uncovered,
    cost: {
      holdingPerYear,
      transfer: transferCost,
      purchase: purchaseCost,
      total: holdingPerYear + transferCost + purchaseCost,
    },
  };
}

interface SiteAssignment {
  readonly siteId: string;
  readonly location: number;
  readonly minutes: number;
  readonly rate: number;
}

/**
 * Splits each group's per-location counts back into sites: sites in order, each to the nearest
 * location that still has a count for the group (the sites of a group are interchangeable for the
 * MIP, so any split is equally valid; this one keeps travel short). Sites beyond the counts are
 * the ones the soft model left uncovered.
 */
function assignSites(
  network: ModelNetwork,
  vars: ModelVariables,
  values: Float64Array,
): {
  assignments: SiteAssignment[];
  left: { siteId: string; rate: number; nearest: { location: number; minutes: number } }[];
} {
  const assignments: SiteAssignment[] = [];
  const left: { siteId: string; rate: number; nearest: { location: number; minutes: number } }[] = [];
  network.groups.forEach((group, g) => {
    const counts = vars.assign[g]!.map((a) => Math.round(values[a.variable]!));
    for (const siteId of group.siteIds) {
      const minutes = group.minutesBySite.get(siteId)!;
      let best = -1;
      counts.forEach((count, k) => {
        if (count > 0 && (best < 0 || minutes[k]! < minutes[best]!)) best = k;
      });
      const nearestK = indexOfMin(minutes);
      if (best < 0) {
        left.push({
          siteId,
          rate: group.ratePerYear,
          nearest: { location: group.reach[nearestK]!.location, minutes: minutes[nearestK]! },
        });
        continue;
      }
      counts[best]!--;
      assignments.push({
        siteId,
        location: group.reach[best]!.location,
        minutes: minutes[best]!,
        rate: group.ratePerYear,
      });
    }
  });
  return { assignments, left };
}

const STATUS_ORDER: readonly CoverageSolverStatus[] = ['optimal', 'feasible', 'infeasible', 'unknown'];

function worstStatus(statuses: readonly MipStatus[]): CoverageSolverStatus {
  return statuses.reduce<CoverageSolverStatus>(
    (worst, s) => (STATUS_ORDER.indexOf(s) > STATUS_ORDER.indexOf(worst) ? s : worst),
    'optimal',
  );
}

function overallGap(runs: readonly MipRun[]): number | null {
  if (runs.length === 0) return 0;
  if (runs.some((r) => r.objective === null || r.bound === null)) return null;
  const objective = runs.reduce((sum, r) => sum + r.objective!, 0);
  const bound = runs.reduce((sum, r) => sum + r.bound!, 0);
  return objective === 0 ? 0 : Math.max(0, (objective - bound) / Math.abs(objective));
}
