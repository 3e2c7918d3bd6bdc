import type { SolverRuntime } from '../../runtime.ts';
import { assemble } from './assemble.ts';
import { formulate, type CoverageFormulation } from './formulation.ts';
import { greedyPlacement, type GreedyPlacement } from './greedy.ts';
import { COVERAGE_BACKENDS, solveCost, solveCoverThenCost, type Deadline, type MipRun } from './mip.ts';
import { buildNetworks, effectiveCapacity, type ModelNetwork } from './network.ts';
import { greedyOutcome, mipOutcomes, type ModelOutcome } from './outcome.ts';
import { levelTable } from './poisson.ts';
import type {
  CoverageBackendName,
  CoverageInput,
  CoverageInputRaw,
  CoverageResult,
  CoverageSolverStatus,
  ModelCoverageReport,
} from './types.ts';
import { maxOf } from './arrays.ts';
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

/**
 * Below this share of the time left a model's MIP is not started: building and loading it alone
 * takes milliseconds, and HiGHS overruns a shorter limit (measured on the national network:
 * docs/coverage.md). The model keeps its greedy placement.
 */
export const MIN_MIP_MS = 40;

/**
 * Places spare units so that every site whose contract promises a unit within its promise has one
 * location in range holding enough to serve it at the target fill rate, at least holding +
 * transfer + purchase cost (../shared/docs/inventory.md, "Multi-location and the 4-hour promise").
 *
 * Every model first gets a greedy placement (greedy.ts: fast, no proof unless it costs nothing).
 * Then, within `timeLimitMs`, each model's MIP runs, those with the most money at stake in the
 * greedy placement first, each with an equal share of the time left; the MIP's placement replaces
 * the greedy one where it is at least as good, and its bound gives the gap either way. A model the
 * time does not reach keeps its greedy placement, said so in `models`. Models are independent
 * unless location capacity or the purchase budget couples them, so each is solved alone with those
 * limits applied per model (a relaxation); only when the combined placement breaks a shared limit
 * are all models solved together. Where capacity or budget cannot cover everything, the most
 * demand possible is covered and the rest listed as uncovered.
 */
export function positionSpareUnits(
  raw: CoverageInputRaw,
  runtime?: Pick<SolverRuntime, 'now'>,
): CoverageResult {
  const input = parseCoverageInput(raw);
  const clock = runtime?.now ?? (() => 0);
  const started = clock();
  const backendName = input.backend ?? DEFAULT_COVERAGE_BACKEND;
  const networks = buildNetworks(input);
  let maxRate = 0;
  for (const n of networks) maxRate = maxOf(n.reachableRate.values(), maxRate);
  const table = levelTable(maxRate, input.replenishmentDays, input.targetFillRate, MAX_LEVEL);
  const size = { mips: 0, variables: 0, constraints: 0 };

  const solveTogether = (group: readonly ModelNetwork[], shared: boolean, share: number) => {
    const backend = COVERAGE_BACKENDS[backendName];
    const now = clock();
    const deadline: Deadline = { clock, at: now + Math.max(0, overall.at - now) * share };
    const hard = formulate(input, group, { soft: false, shared, lambdaMax: table });
    const counted = (form: CoverageFormulation, run: MipRun) => {
      size.mips += 1;
      size.variables += form.model.variables.length;
      size.constraints += form.model.constraints.length;
      return { form, run };
    };
    const run = solveCost(hard, backend, deadline, input.mipRelativeGap, greedyStart(hard, table));
    if (run.status !== 'infeasible') return counted(hard, run);
    const soft = formulate(input, group, { soft: true, shared, lambdaMax: table });
    return counted(soft, solveCoverThenCost(soft, backend, deadline, input.mipRelativeGap));
  };

  // Greedy first, for every model: a placement for each, and the money each leaves at stake.
  const greedy = new Map<ModelNetwork, { placement: GreedyPlacement; ms: number }>();
  for (const network of networks) {
    if (network.groups.length === 0) continue;
    const before = clock();
    greedy.set(network, { placement: greedyPlacement(input, network, table), ms: clock() - before });
  }
  // The limit is the MIPs': it starts once every model has its greedy placement.
  const overall: Deadline = { clock, at: clock() + input.timeLimitMs };
  const outcomes = new Map<ModelNetwork, ModelOutcome>();
  const candidates: ModelNetwork[] = [];
  for (const [network, { placement, ms }] of greedy) {
    const zeroCost = placement.left.length === 0 && placement.objective === 0;
    if (zeroCost) outcomes.set(network, greedyOutcome(network, placement, ms, 'greedy placement'));
    else candidates.push(network);
  }
  // Sites left unserved first (only a MIP can say whether they can be covered), then by money at stake.
  candidates.sort((a, b) => {
    const ga = greedy.get(a)!.placement;
    const gb = greedy.get(b)!.placement;
    return gb.left.length - ga.left.length || gb.objective - ga.objective;
  });

  candidates.forEach((network, k) => {
    const { placement, ms: greedyMs } = greedy.get(network)!;
    const share = Math.max(0, overall.at - clock()) / (candidates.length - k);
    if (share < MIN_MIP_MS) {
      outcomes.set(
        network,
        greedyOutcome(
          network,
          placement,
          greedyMs,
          'heuristic, no proof: the time limit was spent before this model’s MIP',
        ),
      );
      return;
    }
    const before = clock();
    const { form, run } = solveTogether([network], false, 1 / (candidates.length - k));
    const ms = greedyMs + clock() - before;
    const [mip] = mipOutcomes(form, run, ms, `MIP in ${Math.round(clock() - before)} ms`);
    outcomes.set(network, better(network, placement, mip!, run, ms));
  });

  let joint: MipRun | null = null;
  if (breaksSharedLimits(input, networks, outcomes)) {
    const before = clock();
    const { form, run } = solveTogether(networks, true, 1);
    const ms = clock() - before;
    for (const outcome of mipOutcomes(form, run, ms, 'joint MIP over all models (shared capacity or budget)'))
      outcomes.set(outcome.network, outcome);
    joint = run;
  }

  const result = assemble(input, networks, outcomes, table);
  const models = [...outcomes.values()].map(report);
  const statuses = models.map((m): CoverageSolverStatus =>
    m.status === 'heuristic' ? 'feasible' : m.status,
  );
  const greedyModels = models.filter((m) => m.method === 'greedy');
  return {
    ...result,
    models,
    solver: {
      backend: backendName,
      status: worstStatus(statuses),
      provenOptimal: models.every((m) => m.proven),
      gap: joint ? runGap(joint) : overallGap(models),
      ms: clock() - started,
      subproblems: size.mips,
      joint: joint !== null,
      variables: size.variables,
      constraints: size.constraints,
      methods: {
        mip: models.length - greedyModels.length,
        greedy: greedyModels.length,
        greedyProven: greedyModels.filter((m) => m.proven).length,
      },
    },
  };
}

/**
 * The MIP's placement, unless the greedy one covers every site and costs no more (a MIP stopped
 * by its time limit can end above its greedy start when HiGHS rejects that start); the MIP's bound
 * then still says how far from optimal the greedy placement is.
 */
function better(
  network: ModelNetwork,
  greedy: GreedyPlacement,
  mip: ModelOutcome,
  run: MipRun,
  ms: number,
): ModelOutcome {
  const mipCoversAll = mip.placed !== null && mip.placed.left.length === 0;
  const greedyCoversAll = greedy.left.length === 0;
  if (
    mip.placed === null ||
    (greedyCoversAll && (!mipCoversAll || greedy.objective < (mip.objective ?? Infinity)))
  ) {
    const why =
      mip.placed === null
        ? run.status === 'infeasible'
          ? 'the MIP found the model infeasible'
          : `the MIP found no placement in ${Math.round(mip.ms)} ms`
        : 'it cost less than the MIP’s placement';
    const bound = run.status === 'infeasible' ? 0 : Math.max(0, run.bound ?? 0);
    return greedyOutcome(network, greedy, ms, `greedy kept (${why}); heuristic`, bound);
  }
  return mip;
}

function report(outcome: ModelOutcome): ModelCoverageReport {
  const { objective, bound } = outcome;
  const gap =
    objective === null || bound === null
      ? null
      : objective <= 1e-9
        ? 0
        : Math.max(0, (objective - bound) / Math.abs(objective));
  return {
    modelId: outcome.network.model.id,
    method: outcome.method,
    status: outcome.status,
    proven: outcome.proven,
    objective,
    bound,
    gap,
    ms: Math.round(outcome.ms),
    note: outcome.note,
  };
}

function breaksSharedLimits(
  input: CoverageInput,
  networks: readonly ModelNetwork[],
  outcomes: ReadonlyMap<ModelNetwork, ModelOutcome>,
): boolean {
  const targetOf = (n: ModelNetwork) => outcomes.get(n)?.target ?? n.stock;
  const overCapacity = input.locations.some(
    (location, l) =>
      location.capacity !== undefined &&
      networks.reduce((sum, n) => sum + targetOf(n)[l]!, 0) > effectiveCapacity(input, l),
  );
  if (overCapacity) return true;
  if (input.purchaseBudget === undefined) return false;
  const spend = networks.reduce((sum, n) => {
    const bought = targetOf(n).reduce((a, b) => a + b, 0) - n.stock.reduce((a, b) => a + b, 0);
    return sum + Math.max(0, bought) * n.model.unitCost;
  }, 0);
  return spend > input.purchaseBudget + 1e-9;
}

function runGap(run: MipRun): number | null {
  if (run.objective === null || run.bound === null) return null;
  return run.objective === 0 ? 0 : Math.max(0, (run.objective - run.bound) / Math.abs(run.objective));
}

const STATUS_ORDER: readonly CoverageSolverStatus[] = ['optimal', 'feasible', 'infeasible', 'unknown'];

function worstStatus(statuses: readonly CoverageSolverStatus[]): CoverageSolverStatus {
  return statuses.reduce<CoverageSolverStatus>(
    (worst, s) => (STATUS_ORDER.indexOf(s) > STATUS_ORDER.indexOf(worst) ? s : worst),
    'optimal',
  );
}

/** (Σ objective − Σ bound) / Σ objective over the models; null when any is unknown (a joint MIP). */
function overallGap(models: readonly ModelCoverageReport[]): number | null {
  if (models.length === 0) return 0;
  if (models.some((m) => m.objective === null || m.bound === null)) return null;
  const objective = models.reduce((sum, m) => sum + m.objective!, 0);
  const bound = models.reduce((sum, m) => sum + m.bound!, 0);
  return objective <= 1e-9 ? 0 : Math.max(0, (objective - bound) / Math.abs(objective));
}
