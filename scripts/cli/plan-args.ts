import { parseArgs } from 'node:util';
import { SolveMode } from '../../solver/problem.schema.ts';

export const PLAN_USAGE =
  'usage: tsx scripts/plan.ts --in problem.json --out plan.json [--time-limit ms] [--mode plan|candidates|exact] [--seed n]';

/** What the command line asks for; the overrides replace the problem's `options`. */
export interface PlanArgs {
  in: string;
  out: string;
  overrides: { timeLimitMs?: number; mode?: SolveMode; seed?: number };
}

export type PlanArgsResult = { ok: true; args: PlanArgs } | { ok: false; error: string };

export function parsePlanArgs(argv: readonly string[]): PlanArgsResult {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        in: { type: 'string' },
        out: { type: 'string' },
        'time-limit': { type: 'string' },
        mode: { type: 'string' },
        seed: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  if (!values.in) return { ok: false, error: '--in is required' };
  if (!values.out) return { ok: false, error: '--out is required' };

  const overrides: PlanArgs['overrides'] = {};
  if (values['time-limit'] !== undefined) {
    const ms = Number(values['time-limit']);
    if (!Number.isInteger(ms) || ms < 1)
      return { ok: false, error: '--time-limit must be a positive whole number of ms' };
    overrides.timeLimitMs = ms;
  }
  if (values.mode !== undefined) {
    const mode = SolveMode.safeParse(values.mode);
    if (!mode.success) return { ok: false, error: `--mode must be one of ${SolveMode.options.join(', ')}` };
    overrides.mode = mode.data;
  }
  if (values.seed !== undefined) {
    const seed = Number(values.seed);
    if (!Number.isInteger(seed)) return { ok: false, error: '--seed must be a whole number' };
    overrides.seed = seed;
  }
  return { ok: true, args: { in: values.in, out: values.out, overrides } };
}

/**
 * Puts the command line's overrides into the raw problem's `options` before it is parsed, so the
 * schema checks them together with the rest (candidates mode, for one, needs a ticket).
 */
export function applyOverrides(raw: unknown, overrides: PlanArgs['overrides']): unknown {
  if (!isRecord(raw) || Object.keys(overrides).length === 0) return raw;
  const options = isRecord(raw.options) ? raw.options : {};
  return { ...raw, options: { ...options, ...overrides } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
