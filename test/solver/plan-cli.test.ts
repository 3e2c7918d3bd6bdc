import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssuePath, formatZodIssues } from '../../scripts/cli/format-zod-issues.ts';
import { REPO_ROOT } from '../../scripts/cli/json-schemas.ts';
import { applyOverrides, parsePlanArgs } from '../../scripts/cli/plan-args.ts';
import { formatPlanSummary, formatViolation } from '../../scripts/cli/plan-report.ts';
import { runPlanCli, type PlanCliDeps, type Solve } from '../../scripts/cli/run-plan.ts';
import { Plan } from '../../solver/plan.schema.ts';
import { Problem } from '../../solver/problem.schema.ts';
import { validatePlan } from '../../solver/validate-plan.ts';
import { richPlan, richProblem, richProblemInput } from '../support/plan-fixtures.ts';

const workDir = mkdtempSync(join(tmpdir(), 'plan-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function runPlanScript(args: string[]) {
  return spawnSync('npx', ['tsx', 'scripts/plan.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
}

/** The rich fixture with its fourth ticket sent to a site that does not exist. */
function problemWithUnknownSite() {
  const input = richProblemInput();
  input.tickets[3]!.site = 'X';
  return input;
}

describe('parsePlanArgs', () => {
  it('reads the files and the option overrides', () => {
    expect(
      parsePlanArgs([
        '--in',
        'p.json',
        '--out',
        'o.json',
        '--time-limit',
        '500',
        '--mode',
        'exact',
        '--seed',
        '7',
      ]),
    ).toEqual({
      ok: true,
      args: { in: 'p.json', out: 'o.json', overrides: { timeLimitMs: 500, mode: 'exact', seed: 7 } },
    });
  });

  it.each([
    [['--out', 'o.json'], '--in is required'],
    [['--in', 'p.json'], '--out is required'],
    [['--in', 'p', '--out', 'o', '--mode', 'fast'], '--mode must be one of plan, candidates, exact'],
    [['--in', 'p', '--out', 'o', '--time-limit', '0'], '--time-limit must be a positive whole number of ms'],
    [['--in', 'p', '--out', 'o', '--seed', '1.5'], '--seed must be a whole number'],
  ])('rejects %j', (argv, error) => {
    expect(parsePlanArgs(argv)).toEqual({ ok: false, error });
  });

  it('rejects an unknown flag', () => {
    const result = parsePlanArgs(['--in', 'p', '--out', 'o', '--fast']);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('--fast');
  });
});

describe('applyOverrides', () => {
  it('merges the overrides into the options the file has', () => {
    expect(
      applyOverrides({ now: 'x', options: { seed: 1, maxCandidates: 3 } }, { seed: 9, mode: 'exact' }),
    ).toEqual({
      now: 'x',
      options: { seed: 9, maxCandidates: 3, mode: 'exact' },
    });
  });

  it('leaves a problem alone without overrides, and something not an object for the schema to reject', () => {
    const raw = { now: 'x' };
    expect(applyOverrides(raw, {})).toBe(raw);
    expect(applyOverrides([1], { seed: 2 })).toEqual([1]);
  });
});

describe('formatZodIssues', () => {
  it('names the field the way a person writes it', () => {
    expect(formatIssuePath(['tickets', 3, 'site'])).toBe('problem.tickets[3].site');
    expect(formatIssuePath(['engineers', 0, 'vanStock', 'P-PSU-650'])).toBe(
      'problem.engineers[0].vanStock["P-PSU-650"]',
    );
    expect(formatIssuePath([])).toBe('problem');
  });

  it('prints one line per issue of a real problem', () => {
    const result = Problem.safeParse(problemWithUnknownSite());
    expect(result.success).toBe(false);
    expect(formatZodIssues(result.error!)).toEqual(['problem.tickets[3].site: unknown location X']);
  });
});

describe('plan report', () => {
  it('summarises a plan on one line', () => {
    const plan = richPlan();
    expect(formatPlanSummary(plan, validatePlan(richProblem(), plan))).toBe(
      'assigned 5, unassigned 1, commitments met 3 / missed 3, objective [8003, 25, 240, 2], solveMs 0, valid',
    );
    expect(formatViolation({ rule: 'skill', message: 'E-B has server 1' })).toBe('  skill: E-B has server 1');
  });
});

/** In-memory files and captured output around a given solve function. */
function fakeDeps(files: Record<string, string>, solve: Solve) {
  const out: string[] = [];
  const err: string[] = [];
  const deps: PlanCliDeps = {
    loadSolve: async () => solve,
    readFile: (path) => {
      const content = files[path];
      if (content === undefined) throw new Error(`ENOENT: ${path}`);
      return content;
    },
    writeFile: (path, content) => {
      files[path] = content;
    },
    now: () => 0,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  };
  return { deps, files, out, err };
}

describe('runPlanCli', () => {
  it('solves with the overrides applied, writes the plan and exits 0 when it is valid', async () => {
    let seen: Problem | undefined;
    const fake = fakeDeps({ 'p.json': JSON.stringify(richProblemInput()) }, (problem) => {
      seen = problem;
      return richPlan();
    });
    const code = await runPlanCli(
      ['--in', 'p.json', '--out', 'o.json', '--seed', '9', '--time-limit', '100'],
      fake.deps,
    );
    expect(code).toBe(0);
    expect(seen?.options).toMatchObject({ seed: 9, timeLimitMs: 100, mode: 'plan' });
    expect(JSON.parse(fake.files['o.json']!)).toEqual(richPlan());
    expect(fake.out).toEqual([expect.stringMatching(/, valid$/)]);
    expect(fake.err).toEqual([]);
  });

  it('writes a plan that fails validation anyway, prints its violations and exits 3', async () => {
    const broken = richPlan();
    broken.summary.lateMinutes = 26;
    const fake = fakeDeps({ 'p.json': JSON.stringify(richProblemInput()) }, () => broken);
    expect(await runPlanCli(['--in', 'p.json', '--out', 'o.json'], fake.deps)).toBe(3);
    expect(fake.files['o.json']).toBeDefined();
    expect(fake.out).toEqual([expect.stringContaining('INVALID (1 violations)')]);
    expect(fake.err).toEqual(['  summary-mismatch: summary lateMinutes 26, expected 25']);
  });

  it('exits 2 without solving on an unreadable file, bad JSON or bad arguments', async () => {
    const solve: Solve = () => {
      throw new Error('must not be called');
    };
    const missing = fakeDeps({}, solve);
    expect(await runPlanCli(['--in', 'nope.json', '--out', 'o.json'], missing.deps)).toBe(2);
    expect(missing.err[0]).toContain('cannot read nope.json');
    const garbled = fakeDeps({ 'p.json': '{' }, solve);
    expect(await runPlanCli(['--in', 'p.json', '--out', 'o.json'], garbled.deps)).toBe(2);
    const badMode = fakeDeps({ 'p.json': JSON.stringify(richProblemInput()) }, solve);
    expect(await runPlanCli(['--in', 'p.json', '--out', 'o.json', '--mode', 'fast'], badMode.deps)).toBe(2);
    expect(badMode.err[1]).toMatch(/^usage: /);
    expect(badMode.files['o.json']).toBeUndefined();
  });
});

describe('scripts/plan.ts', () => {
  it('exits 2 on an invalid problem, naming the field, and writes nothing', () => {
    const input = join(workDir, 'bad.json');
    const output = join(workDir, 'bad-plan.json');
    writeFileSync(input, JSON.stringify(problemWithUnknownSite()));
    const run = runPlanScript(['--in', input, '--out', output]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('problem.tickets[3].site: unknown location X');
    expect(existsSync(output)).toBe(false);
  });

  it.skipIf(!existsSync(join(REPO_ROOT, 'solver/solve.ts')))(
    'solves a valid problem into a valid plan file',
    () => {
      const input = join(workDir, 'rich.json');
      const output = join(workDir, 'rich-plan.json');
      writeFileSync(input, JSON.stringify(richProblemInput()));
      const run = runPlanScript(['--in', input, '--out', output, '--time-limit', '200', '--seed', '3']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^assigned \d+, unassigned \d+, .*, valid\n$/);
      const plan = Plan.parse(JSON.parse(readFileSync(output, 'utf8')));
      expect(validatePlan(richProblem(), plan).valid).toBe(true);
    },
  );
});
