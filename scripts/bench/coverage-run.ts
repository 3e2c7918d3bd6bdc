import { generateCoverageNetwork } from './lib/coverage-network.ts';
import { positionSpareUnits } from '../../solver/inventory/coverage/index.ts';

/**
 * One coverage solve, in its own process (scripts/bench/coverage.ts kills it at the cap):
 *   npx tsx scripts/bench/coverage-run.ts <locations> <sites> <models> <seed> <highs|jslp> <limitMs>
 * Prints one JSON line.
 */
const [locations, sites, models, seed, backend, limitMs] = process.argv.slice(2);
const input = generateCoverageNetwork(
  { locations: Number(locations), sites: Number(sites), models: Number(models) },
  Number(seed),
);
const started = performance.now();
const result = positionSpareUnits(
  { ...input, backend: backend as 'highs' | 'jslp', timeLimitMs: Number(limitMs) },
  { now: () => performance.now() },
);
const ms = performance.now() - started;
console.log(
  JSON.stringify({
    ms,
    status: result.solver.status,
    proven: result.solver.provenOptimal,
    gap: result.solver.gap,
    objective: result.cost.total,
    covered: result.coverage.length,
    notCovered: result.uncovered.filter((u) => u.reason !== 'out-of-range').length,
    outOfRange: result.uncovered.filter((u) => u.reason === 'out-of-range').length,
    variables: result.solver.variables,
  }),
);
