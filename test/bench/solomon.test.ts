import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../solver/plan.schema.ts';
import { solve } from '../../solver/solve.ts';
import { validatePlan, type PlanValidation } from '../../solver/validate-plan.ts';
import {
  familyOf,
  compareInstanceNames,
  parseSolomon,
  readInstance,
} from '../../scripts/bench/lib/solomon-instance.ts';
import { solomonProblem, solomonProblemInput } from '../../scripts/bench/lib/solomon-problem.ts';
import { judgeFeasibility, scoreRoutes } from '../../scripts/bench/lib/solomon-score.ts';
import { summariseFamilies, type SolomonResult } from '../../scripts/bench/lib/solomon-summary.ts';

/** A tiny instance in Solomon's layout, CRLF line endings as in the shipped files. */
const TINY = [
  'TINY01',
  '',
  'VEHICLE',
  'NUMBER     CAPACITY',
  '  2         30',
  '',
  'CUSTOMER',
  'CUST NO.  XCOORD.    YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE TIME',
  ' ',
  '    0      0          0          0          0       400          0   ',
  '    1      3          4         10          0       100         10   ',
  '    2      6          8         10         50       200         10   ',
  '    3      0         10         20          0       300         10   ',
  '',
].join('\r\n');

describe('Solomon instance files', () => {
  it('reads the fleet, the depot and every customer row', () => {
    const instance = parseSolomon(TINY);
    expect(instance).toMatchObject({ name: 'TINY01', vehicles: 2, capacity: 30 });
    expect(instance.depot).toEqual({
      id: 0,
      x: 0,
      y: 0,
      demand: 0,
      readyTime: 0,
      dueDate: 400,
      serviceTime: 0,
    });
    expect(instance.customers.map((c) => c.id)).toEqual([1, 2, 3]);
    expect(instance.customers[1]).toMatchObject({ x: 6, y: 8, readyTime: 50, dueDate: 200 });
  });

  it('rejects a customer row that does not have seven numbers', () => {
    expect(() => parseSolomon(TINY.replace('    3      0', '    3      x'))).toThrow(/7 numbers/);
  });

  it('names families and orders instances as Solomon lists them', () => {
    expect(['RC101', 'R201', 'C201', 'R101', 'C101'].sort(compareInstanceNames)).toEqual([
      'C101',
      'C201',
      'R101',
      'R201',
      'RC101',
    ]);
    expect(['C108', 'R211', 'RC207'].map(familyOf)).toEqual(['C1', 'R2', 'RC2']);
  });

  const shipped = '../shared/benchmarks/solomon/instances';
  it.runIf(existsSync(shipped))(
    'reads a shipped instance: R101 has 100 customers and 25 vehicles of 200',
    () => {
      const r101 = readInstance(shipped, 'R101');
      expect(r101.customers).toHaveLength(100);
      expect(r101).toMatchObject({ vehicles: 25, capacity: 200 });
      expect(r101.depot).toMatchObject({ x: 35, y: 35, dueDate: 230 });
    },
  );
});

describe('Solomon instances in the dispatch contract', () => {
  const instance = parseSolomon(TINY);
  const input = solomonProblemInput(instance, { timeLimitMs: 1000, seed: 7 });

  it('gives every vehicle the depot, the horizon and the capacity', () => {
    expect(input.engineers).toHaveLength(2);
    expect(input.engineers[0]).toMatchObject({
      start: 'depot',
      end: 'depot',
      availableFrom: '2026-01-05T00:00:00+00:00',
      shiftEnd: '2026-01-05T06:40:00+00:00',
      capacity: 30,
    });
  });

  it('makes each customer a level-1 tier-A ticket with its demand, service time and window', () => {
    expect(input.tickets[1]).toMatchObject({
      id: 'cust-2',
      site: 'site-2',
      level: 1,
      tier: 'A',
      load: 10,
      serviceMinutes: 10,
      earliestStart: '2026-01-05T00:50:00+00:00',
      due: { onsite: '2026-01-05T03:20:00+00:00' },
    });
  });

  it('uses unrounded Euclidean distances as travel minutes', () => {
    if (input.travel?.mode !== 'matrix') throw new Error('expected a matrix');
    expect(input.travel.ids).toEqual(['depot', 'site-1', 'site-2', 'site-3']);
    expect(input.travel.minutes[0]![1]).toBe(5);
    expect(input.travel.minutes[1]![3]).toBeCloseTo(Math.hypot(3, 6), 12);
    expect(input.travel.minutes[3]![1]).toBe(input.travel.minutes[1]![3]);
  });

  it('is a problem the solver plans and the checker accepts, scored from its routes', () => {
    const problem = solomonProblem(instance, { timeLimitMs: 1000, seed: 7 });
    let tick = 0;
    const plan = solve(problem, { now: () => tick++, maxIterations: 50 });
    const validation = validatePlan(problem, plan);
    expect(validation.violations).toEqual([]);
    expect(judgeFeasibility(validation, plan)).toEqual({ feasible: true, reason: '' });
    const score = scoreRoutes(instance, plan);
    expect(score.routesUsed).toBe(plan.routes.filter((route) => route.stops.length > 0).length);
    // The solver's travel minutes are the same legs, each rounded to 1/100 minute.
    expect(Math.abs(score.distance - plan.summary.travelMinutes)).toBeLessThan(0.01 * 8);
  });
});

describe('Solomon scoring', () => {
  const instance = parseSolomon(TINY);
  const stop = (ticket: number) => ({
    type: 'ticket' as const,
    ticket: `cust-${ticket}`,
    location: `site-${ticket}`,
    arrive: '',
    depart: '',
  });
  const plan = (routes: number[][], unassigned: number[] = []): Plan => ({
    assignments: [],
    routes: routes.map((tickets, i) => ({ engineer: `vehicle-0${i + 1}`, stops: tickets.map(stop) })),
    unassigned: unassigned.map((t) => ({ ticket: `cust-${t}`, reason: 'test' })),
    summary: {
      commitments: { met: 0, missed: 0, byLevel: {} },
      lateMinutes: 0,
      travelMinutes: 0,
      courierMinutes: 0,
      objective: [0, 0, 0, 0],
      solveMs: 0,
      provenOptimal: false,
      lowerBound: null,
    },
  });
  const validation = (valid: boolean, missed: number): PlanValidation => ({
    valid,
    violations: valid ? [] : [{ rule: 'capacity', message: 'over' }],
    derived: {
      objective: [0, 0, 0, 0],
      commitments: { met: 3 - missed, missed, byLevel: {} },
      lateMinutes: 0,
      travelMinutes: 0,
      courierMinutes: 0,
      moved: 0,
    },
  });

  it('sums double-precision legs from the depot and back, ignoring empty routes', () => {
    const score = scoreRoutes(instance, plan([[1, 2], [], [3]]));
    expect(score.routesUsed).toBe(2);
    expect(score.distance).toBeCloseTo(5 + 5 + 10 + 10 + 10, 12);
  });

  it('fails a plan that leaves customers out, misses windows, or does not validate', () => {
    expect(judgeFeasibility(validation(true, 1), plan([[1, 2]], [3]))).toEqual({
      feasible: false,
      reason: '1 unassigned',
    });
    expect(judgeFeasibility(validation(true, 2), plan([[1, 2, 3]]))).toEqual({
      feasible: false,
      reason: '2 late',
    });
    expect(judgeFeasibility(validation(false, 0), plan([[1, 2, 3]])).reason).toMatch(
      /^INVALID: 1 violations \(capacity\)/,
    );
  });

  it('averages the gap per family over feasible plans only', () => {
    const result = (instance: string, distance: number, feasible: boolean): SolomonResult => ({
      instance,
      timeLimitMs: 1000,
      solveMs: 0,
      distance,
      routesUsed: 1,
      feasible,
      reason: '',
    });
    const reference = new Map([
      ['C101', { vehicles: 10, distance: 100 }],
      ['C102', { vehicles: 10, distance: 200 }],
      ['R101', { vehicles: 19, distance: 100 }],
    ]);
    const summaries = summariseFamilies(
      [result('C101', 110, true), result('C102', 210, true), result('R101', 50, false)],
      reference,
    );
    expect(summaries).toEqual([
      { family: 'C1', timeLimitMs: 1000, count: 2, feasible: 2, meanGap: 7.5 },
      { family: 'R1', timeLimitMs: 1000, count: 1, feasible: 0, meanGap: null },
      { family: 'overall', timeLimitMs: 1000, count: 3, feasible: 2, meanGap: 7.5 },
    ]);
  });
});
