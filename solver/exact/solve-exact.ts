import type { Plan } from '../plan.schema.ts';
import type { Problem } from '../problem.schema.ts';
import type { SolverRuntime } from '../runtime.ts';
import { emptyDraft } from './draft.ts';
import { compareEvaluations, evaluateDraft, type DraftEvaluation } from './evaluate.ts';
import { buildFormulation } from './formulation.ts';
import { buildGreedyDraft } from './greedy.ts';
import { highsBackend } from './highs-backend.ts';
import { createExactInstance, type ExactInstance } from './instance.ts';
import { jslpBackend } from './jslp-backend.ts';
import { solveLexicographic, type StageReport } from './lexicographic.ts';
import { missedLowerBound } from './lower-bound.ts';
import type { MipBackend, MipSession } from './model.ts';
import { buildPlan } from './plan-builder.ts';
import type { Draft } from './draft.ts';

export type ExactBackendName = 'highs' | 'javascript-lp-solver';

/**
 * HiGHS: the only backend that proves optimality on these models. In scripts/bench/exact-solvers.ts
 * (docs/benchmarks.md) javascript-lp-solver returned a worse plan than HiGHS's proven optimum on
 * all 30 problems, and ran past a 10 s cap on 19 of them.
 */
export const DEFAULT_EXACT_BACKEND: ExactBackendName = 'highs';

const BACKENDS: Record<ExactBackendName, MipBackend> = {
  highs: highsBackend,
  'javascript-lp-solver': jslpBackend,
};

/**
 * Above this many arc variables the MIP is not built: at that size its LP bound is too weak to
 * prove anything within a dispatcher's wait, and building it alone takes noticeable time. About
 * 4 engineers × 40 route nodes; 8 tickets and 4 engineers need a few hundred.
 */
const MAX_ARCS = 6_000;

export interface ExactSolveOptions {
  readonly backend?: ExactBackendName;
}

/**
 * Exact mode: the lexicographic optimum of a small problem by MIP, proven where the time limit
 * allows. `summary.provenOptimal` is true only when every objective term (and the moves
 * tie-breaker, where previous engineers are given) was proven optimal in turn;
 * `summary.lowerBound` is a bound on objective term 1, the weighted missed commitments. Larger
 * problems, or a time limit hit, give the best plan found (MIP incumbent or the greedy
 * construction, whichever is better) with the bound known so far. `runtime.maxIterations`, when
 * given, caps the branch-and-bound nodes of each stage, so that a run stops at the same point on
 * any machine. `options.backend` picks the MIP solver; the default is DEFAULT_EXACT_BACKEND.
 */
export function solveExact(problem: Problem, runtime: SolverRuntime, options: ExactSolveOptions = {}): Plan {
  const startedAt = runtime.now();
  const deadline = startedAt + problem.options.timeLimitMs;
  const backend = BACKENDS[options.backend ?? DEFAULT_EXACT_BACKEND];
  const instance = createExactInstance(problem);
  const bound = missedLowerBound(instance);

  let best = candidate(instance, buildGreedyDraft(instance));
  let method = 'exact:greedy-fallback';
  let proven = false;
  let lowerBound = bound;
  let stageNote = '';

  if (estimatedArcs(instance) <= MAX_ARCS) {
    const mip = solveByMip(instance, backend, runtime, deadline, bound);
    stageNote = mip.note;
    lowerBound = Math.max(bound, mip.firstTermBound ?? 0);
    if (mip.draft) {
      const found = candidate(instance, mip.draft);
      if (
        found.evaluation.violations.length === 0 &&
        compareEvaluations(found.evaluation, best.evaluation) <= 0
      ) {
        best = found;
        method = `exact:${backend.name}`;
        proven = mip.proven && backend.proves;
      }
    }
  }
  if (best.evaluation.violations.length > 0)
    best = candidate(instance, emptyDraft(instance.engineers.length));
  if (proven) lowerBound = best.evaluation.objective[0];

  return buildPlan(instance, best.draft, best.evaluation, {
    solveMs: runtime.now() - startedAt,
    provenOptimal: proven,
    lowerBound,
    method: stageNote ? `${method} (${stageNote})` : method,
    why: proven
      ? 'proven lexicographic optimum (missed, late, travel, coverage)'
      : 'best plan found by the exact solver within its limits',
  });
}

interface MipAnswer {
  readonly draft: Draft | null;
  readonly proven: boolean;
  readonly firstTermBound: number | null;
  readonly note: string;
}

/**
 * The staged MIP solve. A backend that fails (HiGHS's WebAssembly can abort, for instance when it
 * runs out of memory) is reported in the note and leaves the greedy plan in place: a failed
 * solver is not a reason to return no plan.
 */
function solveByMip(
  instance: ExactInstance,
  backend: MipBackend,
  runtime: SolverRuntime,
  deadline: number,
  bound: number,
): MipAnswer {
  const formulation = buildFormulation(instance);
  let session: MipSession | null = null;
  try {
    session = backend.open(formulation.model);
    const result = solveLexicographic(session, formulation, {
      clock: runtime.now,
      deadline,
      knownLowerBounds: formulation.objectives.map((_, stage) => (stage === 0 ? bound : 0)),
      ...(runtime.maxIterations === undefined ? {} : { nodeLimit: runtime.maxIterations }),
    });
    return {
      draft: result.values ? formulation.decode(result.values) : null,
      proven: result.proven,
      firstTermBound: result.firstTermBound,
      note: describeStages(result.stages, formulation.stageTerms),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { draft: null, proven: false, firstTermBound: null, note: `${backend.name} failed: ${message}` };
  } finally {
    disposeQuietly(session);
  }
}

function disposeQuietly(session: MipSession | null): void {
  try {
    session?.dispose();
  } catch {
    // An aborted WebAssembly instance cannot free its model; there is nothing left to release.
  }
}

const TERM_NAMES = ['missed', 'late', 'travel', 'coverage', 'moves'];

/** "missed: optimal, late: optimal, travel+coverage+moves: feasible", for summary.method. */
function describeStages(stages: readonly StageReport[], stageTerms: readonly (readonly number[])[]): string {
  return stages
    .map((stage) => {
      const terms = stageTerms[stage.stage - 1] ?? [];
      return `${terms.map((t) => TERM_NAMES[t - 1]).join('+')}: ${stage.status}`;
    })
    .join(', ');
}

function candidate(instance: ExactInstance, draft: Draft): { draft: Draft; evaluation: DraftEvaluation } {
  return { draft, evaluation: evaluateDraft(instance, draft) };
}

/** Arc variables the formulation would create: per engineer, (route nodes)² at most. */
function estimatedArcs(instance: ExactInstance): number {
  return instance.engineers.reduce((sum, engineer) => {
    const tickets = instance.tickets.filter((ticket) => ticket.eligible.includes(engineer.index)).length;
    const nodes = tickets + instance.stockLocations.length + 1;
    return sum + nodes * nodes;
  }, 0);
}
