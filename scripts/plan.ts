import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { runPlanCli } from './cli/run-plan.ts';

// Solves a problem file into a plan file (exit codes in scripts/cli/run-plan.ts):
//   tsx scripts/plan.ts --in problem.json --out plan.json [--time-limit ms] [--mode plan|candidates|exact] [--seed n]
process.exitCode = await runPlanCli(process.argv.slice(2), {
  loadSolve: async () => (await import('../solver/solve.ts')).solve,
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, content) => writeFileSync(path, content),
  now: () => performance.now(),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
