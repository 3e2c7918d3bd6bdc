import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { anEngineer } from '../tickets/fixtures.ts';
import { aDispatchDay, aFaultNeedingThePart, aSolvedPlan } from './dispatch-fixtures.ts';

const NOW = '2026-11-30T08:30:00+08:00';

describe('a new level-1 ticket re-plans the day and keeps committed work where it is', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(NOW);
    await aDispatchDay(t.db, { units: 3 });
    // A second qualified engineer on shift, so a re-plan without pins would be free to move work.
    await anEngineer(t.db, 'E-2', { 'his-server': 3 });
    for (let weekday = 1; weekday <= 7; weekday++)
      await t
        .db('engineer_shifts')
        .insert({ engineer_id: 'E-2', weekday, starts_at: '08:00', ends_at: '20:00' });
  });
  afterAll(async () => {
    await t.services.dispatchPlans.close();
    await t.destroy();
  });

  const plansTriggeredByLevelOne = async () =>
    (await request(t.app).get('/api/v1/dispatch/plans?trigger=level-1').expect(200)).body.items;

  it('does not re-plan before any plan was committed (the dispatcher’s first plan takes the ticket)', async () => {
    await aFaultNeedingThePart(t, 1);
    await t.services.dispatchPlans.settled();
    expect(await plansTriggeredByLevelOne()).toEqual([]);
  });

  it('starts a level-1 plan whose problem pins every committed assignment, and the pins hold', async () => {
    const plan = await aSolvedPlan(t);
    await request(t.app).post(`/api/v1/dispatch/plans/${plan.id}/commit`).expect(200);
    const committed = new Map<string, string>(
      plan.plan.assignments.map((a: { ticket: string; engineer: string }) => [a.ticket, a.engineer]),
    );
    expect(committed.size).toBeGreaterThan(0);

    const urgent = await aFaultNeedingThePart(t, 1);
    await t.services.dispatchPlans.settled();
    const [replan, ...others] = await plansTriggeredByLevelOne();
    expect(others).toEqual([]);
    expect(replan).toMatchObject({
      status: 'solved',
      trigger: 'level-1',
      createdBy: 'dispatch:level-1',
      valid: true,
    });

    const problem = (await request(t.app).get(`/api/v1/dispatch/plans/${replan.id}/problem`).expect(200))
      .body;
    for (const [ticket, engineer] of committed)
      expect(problem.tickets.find((x: { id: string }) => x.id === ticket)).toMatchObject({
        pin: { engineer },
        previousEngineer: engineer,
      });
    expect(problem.tickets.map((x: { id: string }) => x.id)).toContain(urgent);

    const stored = (await request(t.app).get(`/api/v1/dispatch/plans/${replan.id}`).expect(200)).body;
    for (const [ticket, engineer] of committed)
      expect(stored.plan.assignments.find((a: { ticket: string }) => a.ticket === ticket)).toMatchObject({
        engineer,
        pinned: true,
      });
    expect(stored.plan.summary.moved).toBe(0);
    expect(stored.kpis).toMatchObject({ moved: 0, pinned: committed.size });
    expect(stored.plan.assignments.map((a: { ticket: string }) => a.ticket)).toContain(urgent);
  });

  it('does not re-plan for a level-2 ticket', async () => {
    const before = (await plansTriggeredByLevelOne()).length;
    await aFaultNeedingThePart(t, 2);
    await t.services.dispatchPlans.settled();
    expect(await plansTriggeredByLevelOne()).toHaveLength(before);
  });
});
