import { describe, expect, it } from 'vitest';
import { solveExact } from '../../solver/exact/solve-exact.ts';
import type { Plan } from '../../solver/plan.schema.ts';
import { Problem, type ProblemInput } from '../../solver/problem.schema.ts';
import { validatePlan } from '../../solver/validate-plan.ts';
import { randomSmallProblem } from '../support/random-problem.ts';

/**
 * Exact mode on problems whose optimum is worked out by hand (matrix travel, so every leg is a
 * round number of minutes), and on seeded random problems, where every plan must pass the
 * independent checker with the objective it reports.
 */
const NOW = '2026-11-28T08:00:00+08:00';
const at = (hhmm: string) => `2026-11-28T${hhmm}:00+08:00`;

/** Travel minutes by location pair, symmetric; pairs not listed are 200 minutes apart. */
function matrix(ids: string[], legs: Record<string, number>) {
  const minutes = ids.map((from) =>
    ids.map((to) => (from === to ? 0 : (legs[`${from}-${to}`] ?? legs[`${to}-${from}`] ?? 200))),
  );
  return { mode: 'matrix' as const, ids, minutes };
}

function problemOf(input: Omit<ProblemInput, 'now' | 'options'>, timeLimitMs = 20_000): Problem {
  return Problem.parse({ now: NOW, options: { mode: 'exact', timeLimitMs, seed: 1 }, ...input });
}

function solveChecked(problem: Problem): Plan {
  const plan = solveExact(problem, { now: () => performance.now() });
  const validation = validatePlan(problem, plan);
  expect(validation.violations).toEqual([]);
  expect(validation.derived.objective).toEqual(plan.summary.objective);
  return plan;
}

const engineer = (id: string, extra: Partial<ProblemInput['engineers'][number]> = {}) => ({
  id,
  start: 'O',
  availableFrom: at('08:00'),
  shiftEnd: at('17:00'),
  skills: { 'his-server': 2 },
  ...extra,
});

describe('exact mode: optima known by hand', () => {
  it('serves the heavy ticket first and visits the light one late rather than not at all', () => {
    // T1 first: S1 at 08:20 (met), leave 09:20, S2 at 09:50 (50 min late). T2 first misses T1,
    // whose weight is 3,000,000; leaving T2 out costs 2 (its commitment plus one) against 1.
    const problem = problemOf({
      locations: [
        { id: 'O', kind: 'office' },
        { id: 'S1', kind: 'site' },
        { id: 'S2', kind: 'site' },
      ],
      travel: matrix(['O', 'S1', 'S2'], { 'O-S1': 20, 'O-S2': 40, 'S1-S2': 30 }),
      engineers: [engineer('E1')],
      tickets: [
        {
          id: 'T1',
          site: 'S1',
          level: 1,
          tier: 'A',
          skill: 'his-server',
          minSkillLevel: 1,
          serviceMinutes: 60,
          due: { onsite: at('08:30') },
        },
        {
          id: 'T2',
          site: 'S2',
          level: 3,
          tier: 'C',
          skill: 'his-server',
          minSkillLevel: 1,
          serviceMinutes: 30,
          due: { onsite: at('09:00') },
        },
      ],
    });
    const plan = solveChecked(problem);
    expect(plan.summary.provenOptimal).toBe(true);
    expect(plan.summary.objective).toEqual([1, 50, 50, 0]);
    expect(plan.routes[0]!.stops.map((stop) => (stop.type === 'ticket' ? stop.ticket : stop.type))).toEqual([
      'T1',
      'T2',
    ]);
    expect(plan.summary.lowerBound).toBe(1);
  });

  it('picks the spare unit up on the way when a courier would bring it late', () => {
    // Pickup: D1 at 08:10, leave 08:20, S1 at 08:40 with the unit (due 09:00). Courier: leaves D1
    // at 09:00 (60 min handling), on site 09:20, which misses the unit commitment.
    const problem = problemOf({
      locations: [
        { id: 'O', kind: 'office' },
        { id: 'D1', kind: 'depot' },
        { id: 'S1', kind: 'site' },
      ],
      travel: matrix(['O', 'D1', 'S1'], { 'O-D1': 10, 'D1-S1': 20, 'O-S1': 30 }),
      courier: { handlingMinutes: 60, speedFactor: 1 },
      skus: [{ sku: 'U-R740', kind: 'unit', model: 'R740' }],
      stock: [{ location: 'D1', sku: 'U-R740', qty: 2 }],
      engineers: [engineer('E1')],
      tickets: [
        {
          id: 'T1',
          site: 'S1',
          level: 1,
          tier: 'B',
          skill: 'his-server',
          minSkillLevel: 1,
          serviceMinutes: 30,
          spareUnit: { model: 'R740' },
          due: { onsite: at('09:00'), spareUnit: at('09:00') },
        },
      ],
    });
    const plan = solveChecked(problem);
    expect(plan.summary.provenOptimal).toBe(true);
    expect(plan.summary.objective).toEqual([0, 0, 30, 0]);
    expect(plan.routes[0]!.stops[0]).toMatchObject({ type: 'pickup', location: 'D1', skus: { 'U-R740': 1 } });
    expect(plan.assignments[0]!.spareUnit).toMatchObject({ sku: 'U-R740', from: 'D1', via: 'pickup' });
    expect(plan.assignments[0]!.commitments.spareUnit).toMatchObject({ met: true, slackMinutes: 20 });
  });

  it('takes the part from the depot whose last unit is nobody else’s only cover', () => {
    // D1 and D2 each hold one P-FAN, 30 courier minutes from S1, so terms 1–3 tie. D1 is the only
    // holder within 240 minutes of site X; emptying it costs one in term 4, emptying D2 nothing.
    const problem = problemOf({
      locations: [
        { id: 'O', kind: 'office' },
        { id: 'D1', kind: 'depot' },
        { id: 'D2', kind: 'depot' },
        { id: 'S1', kind: 'site' },
        { id: 'X', kind: 'site' },
      ],
      travel: matrix(['O', 'D1', 'D2', 'S1', 'X'], {
        'O-S1': 30,
        'O-D1': 50,
        'O-D2': 50,
        'D1-S1': 30,
        'D2-S1': 30,
        'D1-X': 100,
        'D2-X': 300,
        'D1-D2': 60,
      }),
      courier: { handlingMinutes: 0, speedFactor: 1 },
      skus: [{ sku: 'P-FAN', kind: 'part', fits: ['R740'] }],
      stock: [
        { location: 'D1', sku: 'P-FAN', qty: 1 },
        { location: 'D2', sku: 'P-FAN', qty: 1 },
      ],
      engineers: [engineer('E1')],
      tickets: [
        {
          id: 'T1',
          site: 'S1',
          level: 2,
          tier: 'A',
          skill: 'his-server',
          minSkillLevel: 1,
          serviceMinutes: 30,
          parts: [{ sku: 'P-FAN', qty: 1 }],
          due: { onsite: at('09:00') },
        },
      ],
    });
    const plan = solveChecked(problem);
    expect(plan.summary.provenOptimal).toBe(true);
    expect(plan.summary.objective).toEqual([0, 0, 60, 0]);
    expect(plan.assignments[0]!.parts).toEqual([
      { sku: 'P-FAN', qty: 1, from: 'D2', via: 'courier', atSite: at('08:30') },
    ]);
  });

  it('keeps a pinned first stop and uses a superseding part from the van', () => {
    // T1 asks for P-OLD: E1's van holds P-NEW, which supersedes it, and depot D holds one P-OLD,
    // 10 courier minutes from S1. Unpinned, E2 does both: 10 (O2 to S1) + 10 (courier) + 25 = 45,
    // emptying D, the only P-OLD within reach (term 4 counts it; it comes after travel).
    // Pinned to E1: T2 first, then T1: 30 + 25 = 55. Pinned first: T1, then T2: 40 + 25 = 65.
    const pinned = (pin: { engineer: string; first: boolean } | undefined) =>
      problemOf({
        locations: [
          { id: 'O', kind: 'office' },
          { id: 'O2', kind: 'office' },
          { id: 'D', kind: 'depot' },
          { id: 'S1', kind: 'site' },
          { id: 'S2', kind: 'site' },
        ],
        travel: matrix(['O', 'O2', 'D', 'S1', 'S2'], {
          'O-S1': 40,
          'O2-S1': 10,
          'O-S2': 30,
          'O2-S2': 30,
          'S1-S2': 25,
          'D-S1': 10,
        }),
        courier: { handlingMinutes: 0, speedFactor: 1 },
        skus: [
          { sku: 'P-OLD', kind: 'part', fits: ['R740'] },
          { sku: 'P-NEW', kind: 'part', fits: ['R740'], supersedes: ['P-OLD'] },
        ],
        stock: [{ location: 'D', sku: 'P-OLD', qty: 1 }],
        engineers: [engineer('E1', { vanStock: { 'P-NEW': 1 } }), engineer('E2', { start: 'O2' })],
        tickets: [
          {
            id: 'T1',
            site: 'S1',
            level: 2,
            tier: 'B',
            skill: 'his-server',
            minSkillLevel: 1,
            serviceMinutes: 45,
            parts: [{ sku: 'P-OLD', qty: 1 }],
            pin,
          },
          {
            id: 'T2',
            site: 'S2',
            level: 3,
            tier: 'C',
            skill: 'his-server',
            minSkillLevel: 1,
            serviceMinutes: 20,
          },
        ],
      });
    const stopsOf = (plan: Plan, id: string) =>
      plan.routes
        .find((route) => route.engineer === id)
        ?.stops.map((stop) => (stop.type === 'ticket' ? stop.ticket : stop.type));

    const free = solveChecked(pinned(undefined));
    expect(free.summary.objective).toEqual([0, 0, 45, 1]);
    expect(stopsOf(free, 'E2')).toEqual(['T1', 'T2']);

    const anywhere = solveChecked(pinned({ engineer: 'E1', first: false }));
    expect(anywhere.summary.objective).toEqual([0, 0, 55, 0]);
    expect(stopsOf(anywhere, 'E1')).toEqual(['T2', 'T1']);

    const first = solveChecked(pinned({ engineer: 'E1', first: true }));
    expect(first.summary.provenOptimal).toBe(true);
    expect(first.summary.objective).toEqual([0, 0, 65, 0]);
    expect(stopsOf(first, 'E1')).toEqual(['T1', 'T2']);
    const t1 = first.assignments.find((assignment) => assignment.ticket === 'T1')!;
    expect(t1.parts).toEqual([
      { sku: 'P-NEW', qty: 1, from: 'van', via: 'van', atSite: at('08:40'), forSku: 'P-OLD' },
    ]);
    expect(t1.pinned).toBe(true);
  });

  it('leaves out what no engineer may do or finish, counting each commitment missed plus one', () => {
    // T1 needs xray nobody has; T2 may not start before 16:30 and takes 60 minutes, past 17:00.
    const problem = problemOf({
      locations: [
        { id: 'O', kind: 'office' },
        { id: 'S1', kind: 'site' },
      ],
      travel: matrix(['O', 'S1'], { 'O-S1': 15 }),
      engineers: [engineer('E1', { end: 'O' })],
      tickets: [
        {
          id: 'T1',
          site: 'S1',
          level: 2,
          tier: 'A',
          skill: 'xray',
          minSkillLevel: 1,
          serviceMinutes: 30,
          due: { onsite: at('10:00') },
        },
        {
          id: 'T2',
          site: 'S1',
          level: 3,
          tier: 'B',
          skill: 'his-server',
          minSkillLevel: 1,
          serviceMinutes: 60,
          earliestStart: at('16:30'),
        },
      ],
    });
    const plan = solveChecked(problem);
    expect(plan.summary.provenOptimal).toBe(true);
    expect(plan.assignments).toEqual([]);
    // T1: weight 3000 × (1 commitment + 1); T2: weight 2 × (0 + 1).
    expect(plan.summary.objective).toEqual([6002, 0, 0, 0]);
    expect(plan.unassigned.find((entry) => entry.ticket === 'T1')!.reason).toContain('xray');
    expect(plan.unassigned.find((entry) => entry.ticket === 'T2')!.reason).toContain('shift end');
  });
});

describe('exact mode: backends', () => {
  it('takes no proof from javascript-lp-solver, yet returns a valid plan', () => {
    const problem = randomSmallProblem(4, { tickets: 3, engineers: 1 });
    const plan = solveExact(problem, { now: () => performance.now() }, { backend: 'javascript-lp-solver' });
    expect(validatePlan(problem, plan).violations).toEqual([]);
    expect(plan.summary.provenOptimal).toBe(false);
  });
});

describe('exact mode: random small problems', () => {
  it('proves optimality and passes validatePlan with the objective it reports', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const problem = randomSmallProblem(seed, { tickets: 4, engineers: 2 });
      const plan = solveChecked({ ...problem, options: { ...problem.options, timeLimitMs: 30_000 } });
      expect(plan.summary.provenOptimal).toBe(true);
      expect(plan.summary.lowerBound).toBe(plan.summary.objective[0]);
    }
  });

  it('returns the greedy construction, valid and unproven, when the time limit leaves no time', () => {
    const problem = randomSmallProblem(3, { tickets: 8, engineers: 4 });
    let clock = 0;
    const plan = solveExact(problem, { now: () => (clock += 60_000) });
    expect(validatePlan(problem, plan).violations).toEqual([]);
    expect(plan.summary.provenOptimal).toBe(false);
    expect(plan.summary.method).toContain('greedy');
    expect(plan.summary.lowerBound).toBeLessThanOrEqual(plan.summary.objective[0]);
  });

  it('does not build the MIP for a problem far beyond its size, and still answers validly', () => {
    const problem = randomSmallProblem(5, { tickets: 60, engineers: 12, stockLocations: 3 });
    const plan = solveExact(problem, { now: () => 0 });
    expect(validatePlan(problem, plan).violations).toEqual([]);
    expect(plan.summary.method).toBe('exact:greedy-fallback');
    expect(plan.summary.provenOptimal).toBe(false);
  });
});
