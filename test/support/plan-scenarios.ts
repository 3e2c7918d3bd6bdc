import { expect } from 'vitest';
import type { Plan } from '../../solver/plan.schema.ts';
import { Problem, type ProblemInput } from '../../solver/problem.schema.ts';
import { solve } from '../../solver/solve.ts';
import { validatePlan } from '../../solver/validate-plan.ts';

/**
 * Small hand-made dispatch worlds around Yibin for the heuristic's scenario tests, and the one
 * way those tests run the solver: with a counting clock and an iteration cap (so every run is
 * reproducible) and every plan checked by the independent validatePlan.
 *
 * Distances: at 60 km/h and circuity 1.3 a kilometre takes 1.3 minutes; one hundredth of a degree
 * of latitude is 1.112 km.
 */
export const NOW = '2026-11-28T08:00:00+08:00';

/** A time on the problem's day: at('09:30') → 2026-11-28T09:30:00+08:00. */
export function at(clock: string): string {
  return `2026-11-28T${clock}:00+08:00`;
}

const YIBIN = { lat: 28.77, lon: 104.63 };

/** A point `northKm` north and `eastKm` east of the Yibin office. */
export function nearYibin(northKm: number, eastKm = 0): { lat: number; lon: number } {
  return {
    lat: YIBIN.lat + northKm / 111.2,
    lon: YIBIN.lon + eastKm / (111.2 * Math.cos((YIBIN.lat * Math.PI) / 180)),
  };
}

type EngineerInput = ProblemInput['engineers'][number];
type TicketInput = ProblemInput['tickets'][number];

export function engineer(id: string, fields: Partial<EngineerInput> = {}): EngineerInput {
  return {
    id,
    start: 'O-YB',
    end: 'O-YB',
    availableFrom: NOW,
    shiftEnd: at('18:00'),
    skills: { 'his-server': 2 },
    vanStock: {},
    ...fields,
  };
}

export function ticket(id: string, site: string, fields: Partial<TicketInput> = {}): TicketInput {
  return {
    id,
    site,
    level: 2,
    tier: 'B',
    skill: 'his-server',
    minSkillLevel: 1,
    serviceMinutes: 60,
    parts: [],
    due: {},
    ...fields,
  };
}

export const SKUS: NonNullable<ProblemInput['skus']> = [
  { sku: 'P-PSU-600', kind: 'part', fits: ['HIS-R740'] },
  { sku: 'P-PSU-650', kind: 'part', fits: ['HIS-R740'], supersedes: ['P-PSU-600'] },
  { sku: 'P-PSU-700', kind: 'part', fits: ['HIS-R740'], supersedes: ['P-PSU-650'] },
  { sku: 'P-FAN-1', kind: 'part', fits: ['HIS-R740'] },
  { sku: 'U-HIS-R740', kind: 'unit', model: 'HIS-R740' },
];

/**
 * The Yibin world: office O-YB, a depot D-YB 5 km north of it, the Luzhou office O-LZ 80 km east,
 * the Chengdu depot D-CTU far north, and sites S-1..S-8 (S-k lies 5·k km south of O-YB, 6.5·k minutes'
 * drive, unless `sites` says otherwise).
 */
export function yibinProblem(fields: {
  engineers: EngineerInput[];
  tickets: TicketInput[];
  stock?: ProblemInput['stock'];
  courier?: ProblemInput['courier'];
  sites?: Record<string, { lat: number; lon: number }>;
  options?: ProblemInput['options'];
}): Problem {
  const sites = Array.from({ length: 8 }, (_, i) => ({
    id: `S-${i + 1}`,
    kind: 'site' as const,
    ...(fields.sites?.[`S-${i + 1}`] ?? nearYibin(-5 * (i + 1))),
  }));
  return Problem.parse({
    now: NOW,
    locations: [
      { id: 'O-YB', kind: 'office', ...nearYibin(0) },
      { id: 'D-YB', kind: 'depot', ...nearYibin(5) },
      { id: 'O-LZ', kind: 'office', ...nearYibin(0, 80) },
      { id: 'D-CTU', kind: 'depot', lat: 30.66, lon: 104.07 },
      ...sites,
    ],
    engineers: fields.engineers,
    stock: fields.stock ?? [],
    skus: SKUS,
    tickets: fields.tickets,
    travel: { mode: 'greatCircle', speedKmh: 60, circuity: 1.3 },
    courier: fields.courier === undefined ? { handlingMinutes: 30, speedFactor: 1 } : fields.courier,
    options: { timeLimitMs: 2000, seed: 1, mode: 'plan', ...fields.options },
  } satisfies ProblemInput);
}

/**
 * Solves with a counting clock and an iteration cap, checks the plan with validatePlan, and
 * returns it: a plan a test sees has always passed the checker.
 */
export function solveChecked(problem: Problem, maxIterations = 200): Plan {
  let clock = 0;
  const plan = solve(problem, { now: () => clock++, maxIterations });
  const validation = validatePlan(problem, plan);
  expect(validation.violations).toEqual([]);
  expect(validation.valid).toBe(true);
  return plan;
}

export function assignmentOf(plan: Plan, ticketId: string) {
  const assignment = plan.assignments.find((a) => a.ticket === ticketId);
  if (!assignment) throw new Error(`${ticketId} is not assigned: ${JSON.stringify(plan.unassigned)}`);
  return assignment;
}

export function stopsOf(plan: Plan, engineerId: string): string[] {
  const route = plan.routes.find((r) => r.engineer === engineerId);
  return (route?.stops ?? []).map((stop) =>
    stop.type === 'ticket' ? stop.ticket : `pickup ${stop.location}`,
  );
}
