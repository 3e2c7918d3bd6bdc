import { describe, expect, it } from 'vitest';
import { generateDispatchDay } from '../../scripts/bench/lib/dispatch-day.ts';
import { partitionProblem, type PartitionSizes } from '../../solver/plan/partition.ts';
import { solvePartitioned } from '../../solver/plan/solve-partitioned.ts';
import type { Plan } from '../../solver/plan.schema.ts';
import { Problem } from '../../solver/problem.schema.ts';
import { solve } from '../../solver/solve.ts';
import { validatePlan } from '../../solver/validate-plan.ts';

/** Small parts, so that a day of a few hundred tickets splits (the defaults start above 5,000). */
const SMALL_PARTS: PartitionSizes = { minTickets: 100, partTickets: 80, minPartEngineers: 8 };

/**
 * A generated day over the four regions (Sichuan, Chongqing, Guizhou, Beijing) with stock cut to
 * one unit per record, so that parts would contend for the same units if they could.
 */
function scarceDay(seed: number): Problem {
  const problem = Problem.parse(
    generateDispatchDay({ tickets: 360, engineers: 60, seed, timeLimitMs: 1000 }),
  );
  return { ...problem, stock: problem.stock.map((record) => ({ ...record, qty: Math.min(record.qty, 1) })) };
}

/** Units used per source: `van:<engineer>:<sku>` or `<location>:<sku>`. */
function unitsUsed(plan: Plan): Map<string, number> {
  const used = new Map<string, number>();
  const add = (key: string, qty: number) => used.set(key, (used.get(key) ?? 0) + qty);
  for (const assignment of plan.assignments) {
    for (const part of assignment.parts)
      add(
        part.from === 'van' ? `van:${assignment.engineer}:${part.sku}` : `${part.from}:${part.sku}`,
        part.qty,
      );
    const unit = assignment.spareUnit;
    if (unit)
      add(unit.from === 'van' ? `van:${assignment.engineer}:${unit.sku}` : `${unit.from}:${unit.sku}`, 1);
  }
  return used;
}

function available(problem: Problem): Map<string, number> {
  const held = new Map<string, number>();
  for (const record of problem.stock)
    held.set(
      `${record.location}:${record.sku}`,
      (held.get(`${record.location}:${record.sku}`) ?? 0) + record.qty,
    );
  for (const engineer of problem.engineers)
    for (const [sku, qty] of Object.entries(engineer.vanStock)) held.set(`van:${engineer.id}:${sku}`, qty);
  return held;
}

const counterClock = () => {
  let clock = 0;
  return () => (clock += 1);
};

describe('plan mode: a large day split by region', () => {
  const problem = scarceDay(3);
  const parts = partitionProblem(problem, SMALL_PARTS)!;

  it('splits into parts that hold every engineer and every ticket once', () => {
    expect(parts.length).toBeGreaterThan(1);
    const engineers = parts.flatMap((part) => part.engineers).sort((a, b) => a - b);
    const tickets = parts.flatMap((part) => part.tickets).sort((a, b) => a - b);
    expect(engineers).toEqual(problem.engineers.map((_, e) => e));
    expect(tickets).toEqual(problem.tickets.map((_, t) => t));
    const stockLocations = parts.flatMap((part) => [...part.stockLocations]);
    expect(new Set(stockLocations).size).toBe(stockLocations.length);
  });

  it('puts the parts together into a plan the checker accepts, no unit used twice', () => {
    const plan = solvePartitioned(problem, { now: counterClock(), maxIterations: 50 }, parts);
    expect(validatePlan(problem, plan).violations).toEqual([]);
    expect(plan.summary.method).toMatch(/^partitioned\(\d+ parts\)/);
    expect(plan.assignments.length + plan.unassigned.length).toBe(problem.tickets.length);
    const held = available(problem);
    const used = unitsUsed(plan);
    expect(used.size).toBeGreaterThan(0);
    for (const [source, qty] of used) expect(qty, source).toBeLessThanOrEqual(held.get(source) ?? 0);
    // Scarce stock is really contended: some source gives all it has.
    expect([...used].some(([source, qty]) => qty === held.get(source) && !source.startsWith('van:'))).toBe(
      true,
    );
  });

  it('gives the identical plan for the same seed and iteration cap', () => {
    const run = () => solvePartitioned(problem, { now: counterClock(), maxIterations: 30 }, parts);
    const first = run();
    expect(run()).toEqual(first);
    expect(partitionProblem(problem, SMALL_PARTS)).toEqual(parts);
  });

  it('leaves a day below the threshold whole', () => {
    expect(partitionProblem(problem)).toBeNull();
    const plan = solve(problem, { now: counterClock(), maxIterations: 0 });
    expect(plan.summary.method).toMatch(/^regret\+ils/);
  });
});
