import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Problem } from '../solver/problem.schema.ts';
import { validatePlan } from '../solver/validate-plan.ts';
import { formatZodIssues } from './cli/format-zod-issues.ts';
import { applyOverrides, parsePlanArgs, PLAN_USAGE } from './cli/plan-args.ts';
import { formatPlanSummary, formatViolation } from './cli/plan-report.ts';

/**
 * Solves a problem file into a plan file:
 *   tsx scripts/plan.ts --in problem.json --out plan.json [--time-limit ms] [--mode plan|candidates|exact] [--seed n]
 * Exit codes: 0 a valid plan; 2 bad arguments or an invalid problem (nothing written);
 * 3 a plan that fails validatePlan (written anyway, violations on stderr).
 */
async function main(argv: readonly string[]): Promise<number> {
  const parsed = parsePlanArgs(argv);
  if (!parsed.ok) {
    console.error(parsed.error);
    console.error(PLAN_USAGE);
    return 2;
  }
  const { args } = parsed;

  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(args.in, 'utf8'));
  } catch (error) {
    console.error(`cannot read ${args.in}: ${(error as Error).message}`);
    return 2;
  }
  const result = Problem.safeParse(applyOverrides(raw, args.overrides));
  if (!result.success) {
    for (const line of formatZodIssues(result.error)) console.error(line);
    return 2;
  }
  const problem = result.data;

  // Loaded only for a valid problem, so that rejecting a bad file does not pay for the solver.
  const { solve } = await import('../solver/solve.ts');
  const plan = solve(problem, { now: () => performance.now() });
  const validation = validatePlan(problem, plan);
  writeFileSync(args.out, `${JSON.stringify(plan, null, 2)}\n`);
  console.log(formatPlanSummary(plan, validation));
  if (validation.valid) return 0;
  for (const violation of validation.violations) console.error(formatViolation(violation));
  return 3;
}

process.exitCode = await main(process.argv.slice(2));
