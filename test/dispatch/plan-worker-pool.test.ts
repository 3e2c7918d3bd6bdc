import { afterAll, describe, expect, it } from 'vitest';
import { validatePlan, type Problem } from '../../solver/index.ts';
import { createPlanWorkerPool } from '../../src/dispatch/plan-worker-pool.ts';
import { createReplanTrigger } from '../../src/dispatch/replan.ts';
import { richProblem } from '../support/plan-fixtures.ts';

describe('the solver worker pool', () => {
  const pool = createPlanWorkerPool({ size: 1 });
  afterAll(() => pool.close());
  const problem = (): Problem => ({
    ...richProblem(),
    options: { ...richProblem().options, timeLimitMs: 100 },
  });

  it('solves in a worker and answers the plan with the checker’s verdict on it', async () => {
    const solved = await pool.solve(problem());
    expect(solved.ok).toBe(true);
    expect(solved.validation).toEqual(validatePlan(problem(), solved.plan));
    expect(solved.validation.valid).toBe(true);
  });

  it('queues beyond its size and answers every solve', async () => {
    const answers = await Promise.all([pool.solve(problem()), pool.solve(problem()), pool.solve(problem())]);
    expect(answers.map((a) => a.validation.valid)).toEqual([true, true, true]);
    expect(new Set(answers.map((a) => a.id)).size).toBe(3);
  });

  it('rejects a problem the solver cannot read with the reason, and keeps working', async () => {
    const broken = { ...problem(), tickets: [{ id: 'T-BAD' }] } as unknown as Problem;
    await expect(pool.solve(broken)).rejects.toThrow(/site|tickets/);
    expect((await pool.solve(problem())).validation.valid).toBe(true);
  });

  it('rejects waiting solves when closed, and any solve after', async () => {
    const closing = createPlanWorkerPool({ size: 1 });
    const running = expect(closing.solve(problem())).rejects.toThrow(/closed/);
    const waiting = expect(closing.solve(problem())).rejects.toThrow(/closed/);
    await closing.close();
    await running;
    await waiting;
    await expect(closing.solve(problem())).rejects.toThrow(/closed/);
  });
});

describe('the level-1 re-plan trigger', () => {
  it('runs one re-plan at a time and folds requests made meanwhile into one more', async () => {
    let started = 0;
    const finishers: Array<() => void> = [];
    const trigger = createReplanTrigger(
      async () => {
        started += 1;
        return { done: new Promise<void>((resolve) => finishers.push(resolve)) };
      },
      (error) => {
        throw error;
      },
    );
    trigger.request();
    await Promise.resolve();
    trigger.request();
    trigger.request();
    trigger.request();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(1);
    finishers[0]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(2);
    finishers[1]!();
    await trigger.idle();
    expect(started).toBe(2);
  });
});
