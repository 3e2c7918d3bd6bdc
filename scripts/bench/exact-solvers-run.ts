import { performance } from 'node:perf_hooks';
import { evaluateDraft } from '../../solver/exact/evaluate.ts';
import { buildFormulation } from '../../solver/exact/formulation.ts';
import { highsBackend } from '../../solver/exact/highs-backend.ts';
import { createExactInstance } from '../../solver/exact/instance.ts';
import { jslpBackend } from '../../solver/exact/jslp-backend.ts';
import { solveLexicographic } from '../../solver/exact/lexicographic.ts';
import { missedLowerBound } from '../../solver/exact/lower-bound.ts';
import type { Problem } from '../../solver/problem.schema.ts';
import { randomSmallProblem } from '../../test/support/random-problem.ts';

/**
 * One staged solve for scripts/bench/exact-solvers.ts, run in a child process so that the parent
 * can kill it at the cap. Arguments: seed, backend, max tickets, max engineers, cap in ms. Prints
 * one JSON line: wall ms, whether every stage was proven, and the decoded plan's objective.
 */
const [seed, backendName, maxTickets, maxEngineers, capMs] = process.argv.slice(2);
const backend = backendName === 'highs' ? highsBackend : jslpBackend;

/** Formulates a problem and runs the lexicographic stages until done or the deadline. */
function stagedSolve(problem: Problem, deadlineMs: number) {
  const instance = createExactInstance(problem);
  const formulation = buildFormulation(instance);
  const clock = () => performance.now();
  const startedAt = clock();
  const session = backend.open(formulation.model);
  try {
    const result = solveLexicographic(session, formulation, {
      clock,
      deadline: startedAt + deadlineMs,
      knownLowerBounds: formulation.objectives.map((_, stage) =>
        stage === 0 ? missedLowerBound(instance) : 0,
      ),
    });
    const evaluation = result.values ? evaluateDraft(instance, formulation.decode(result.values)) : null;
    const objective =
      evaluation && evaluation.violations.length === 0
        ? JSON.stringify([...evaluation.objective, evaluation.moved])
        : null;
    return { ms: clock() - startedAt, proven: result.proven, objective };
  } finally {
    session.dispose();
  }
}

// An untimed warm-up on a two-ticket problem first: WebAssembly code runs in V8's baseline tier
// until it is hot, which would charge HiGHS's first solve in a fresh process for compilation.
stagedSolve(randomSmallProblem(0, { tickets: 2, engineers: 1 }), Math.min(2000, Number(capMs)));
const problem = randomSmallProblem(Number(seed), {
  tickets: 3 + (Number(seed) % (Number(maxTickets) - 2)),
  engineers: 1 + (Number(seed) % Number(maxEngineers)),
});
console.log(JSON.stringify(stagedSolve(problem, Number(capMs))));
