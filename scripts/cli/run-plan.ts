import type { Plan } from '../../solver/plan.schema.ts';
import { Problem } from '../../solver/problem.schema.ts';
import type { SolverRuntime } from '../../solver/runtime.ts';
import { validatePlan } from '../../solver/validate-plan.ts';
import { formatZodIssues } from './format-zod-issues.ts';
import { applyOverrides, parsePlanArgs, PLAN_USAGE } from './plan-args.ts';
import { formatPlanSummary, formatViolation } from './plan-report.ts';

export type Solve = (problem: Problem, runtime: SolverRuntime) => Plan;

/** What the planning command touches outside itself, handed in so that tests can fake it. */
export interface PlanCliDeps {
  /** Loaded only for a valid problem, so that rejecting a bad file does not pay for the solver. */
  loadSolve(): Promise<Solve>;
  readFile(path: string): string;
  writeFile(path: string, content: string): void;
  now(): number;
  out(line: string): void;
  err(line: string): void;
}

/**
 * The planning command. Exit codes: 0 a valid plan; 2 bad arguments or an invalid problem
 * (nothing written); 3 a plan that fails validatePlan (written anyway, violations on stderr).
 */
export async function runPlanCli(argv: readonly string[], deps: PlanCliDeps): Promise<number> {
  const parsed = parsePlanArgs(argv);
  if (!parsed.ok) {
    deps.err(parsed.error);
    deps.err(PLAN_USAGE);
    return 2;
  }
  const { args } = parsed;

  let raw: unknown;
  try {
    raw = JSON.parse(deps.readFile(args.in));
  } catch (error) {
    deps.err(`cannot read ${args.in}: ${(error as Error).message}`);
    return 2;
  }
  const result = Problem.safeParse(applyOverrides(raw, args.overrides));
  if (!result.success) {
    for (const line of formatZodIssues(result.error)) deps.err(line);
    return 2;
  }
  const problem = result.data;

  const solve = await deps.loadSolve();
  const plan = solve(problem, { now: deps.now });
  const validation = validatePlan(problem, plan);
  deps.writeFile(args.out, `${JSON.stringify(plan, null, 2)}\n`);
  deps.out(formatPlanSummary(plan, validation));
  if (validation.valid) return 0;
  for (const violation of validation.violations) deps.err(formatViolation(violation));
  return 3;
}
