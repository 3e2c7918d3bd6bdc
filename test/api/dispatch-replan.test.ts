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
    // The units the committed tickets hold are offered back (available + held), not hidden.
    const held: Array<{ location_id: string; sku_id: string; qty: number }> = await t
      .db('stock_movements')
      .where('reference_type', 'ticket')
      .whereIn('reference_id', [...committed.keys()])
      .groupBy('location_id', 'sku_id')
      .havingRaw('sum(reserved_delta) > 0')
      .select('location_id', 'sku_id', t.db.raw('sum(reserved_delta)::int as qty'));
    expect(held.length).toBeGreaterThan(0);
    for (const { location_id, sku_id, qty } of held) {
      const balance = await t.db('stock_balances').where({ location_id, sku_id }).first();
      const offered = problem.stock.find(
        (x: { location: string; sku: string }) => x.location === location_id && x.sku === sku_id,
      );
      expect(offered?.qty, `${location_id}:${sku_id}`).toBe(Number(balance.available) + Number(qty));
    }

    const stored = (await request(t.app).get(`/api/v1/dispatch/plans/${replan.id}`).expect(200)).body;
    for (const [ticket, engineer] of committed)
      expect(stored.plan.assignments.find((a: { ticket: string }) => a.ticket === ticket)).toMatchObject({
        engineer,
        pinned: true,
      });
    expect(stored.plan.summary.moved).toBe(0);
    expect(stored.kpis).toMatchObject({ moved: 0, pinned: committed.size });
    expect(stored.plan.assignments.map((a: { ticket: string }) => a.ticket)).toContain(urgent);

    // Committing the re-plan keeps each committed ticket's units without reserving them twice.
    const reservedBefore = await t.db('stock_balances').sum({ reserved: 'reserved' }).first();
    await request(t.app).post(`/api/v1/dispatch/plans/${replan.id}/commit`).expect(200);
    const reservedAfter = await t.db('stock_balances').sum({ reserved: 'reserved' }).first();
    const urgentAssignment = stored.plan.assignments.find((a: { ticket: string }) => a.ticket === urgent);
    const urgentUnits =
      urgentAssignment.parts.reduce((sum: number, part: { qty: number }) => sum + part.qty, 0) +
      (urgentAssignment.spareUnit ? 1 : 0);
    expect(Number(reservedAfter!.reserved) - Number(reservedBefore!.reserved)).toBeLessThanOrEqual(
      urgentUnits,
    );
    const negative = await t.db('stock_balances').where('available', '<', 0).orWhere('reserved', '<', 0);
    expect(negative).toEqual([]);
  });

  it('does not re-plan for a level-2 ticket', async () => {
    const before = (await plansTriggeredByLevelOne()).length;
    await aFaultNeedingThePart(t, 2);
    await t.services.dispatchPlans.settled();
    expect(await plansTriggeredByLevelOne()).toHaveLength(before);
  });
});
