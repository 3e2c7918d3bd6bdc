import { performance } from 'node:perf_hooks';
import { evaluateDraft } from '../../solver/exact/evaluate.ts';
import { buildFormulation } from '../../solver/exact/formulation.ts';
import { highsBackend } from '../../solver/exact/highs-backend.ts';
import { createExactInstance } from '../../solver/exact/instance.ts';
import { jslpBackend } from '../../solver/exact/jslp-backend.ts';
import { solveLexicographic } from '../../solver/exact/lexicographic.ts';
import { missedLowerBound } from '../../solver/exact/lower-bound.ts';
import { randomSmallProblem } from '../../test/support/random-problem.ts';

/**
 * One staged solve for scripts/bench/exact-solvers.ts, run in a child process so that the parent
 * can kill it at the cap. Arguments: seed, backend, max tickets, max engineers, cap in ms. Prints
 * one JSON line: wall ms, whether every stage was proven, and the decoded plan's objective.
 */
const [seed, backendName, maxTickets, maxEngineers, capMs] = process.argv.slice(2);
const backend = backendName === 'highs' ? highsBackend : jslpBackend;
const problem = randomSmallProblem(Number(seed), {
  tickets: 3 + (Number(seed) % (Number(maxTickets) - 2)),
  engineers: 1 + (Number(seed) % Number(maxEngineers)),
});
const instance = createExactInstance(problem);
const formulation = buildFormulation(instance);
const clock = () => performance.now();
const startedAt = clock();
const session = backend.open(formulation.model);
const result = solveLexicographic(session, formulation, {
  clock,
  deadline: startedAt + Number(capMs),
  knownLowerBounds: formulation.objectives.map((_, stage) => (stage === 0 ? missedLowerBound(instance) : 0)),
});
const ms = clock() - startedAt;
session.dispose();
const evaluation = result.values ? evaluateDraft(instance, formulation.decode(result.values)) : null;
const objective =
  evaluation && evaluation.violations.length === 0
    ? JSON.stringify([...evaluation.objective, evaluation.moved])
    : null;
console.log(JSON.stringify({ ms, proven: result.proven, objective }));
