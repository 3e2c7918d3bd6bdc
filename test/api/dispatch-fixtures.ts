import type { Knex } from 'knex';
import request from 'supertest';
import type { TestApp } from '../support/app.ts';
import { anOffice, someStock } from '../support/fixtures.ts';
import { aTicketWorld } from '../tickets/fixtures.ts';

/**
 * A small dispatch day: the ticket world (a tier-A hospital in Chengdu with a server, the part
 * P-PSU-650 that fits it, engineer E-1 at office O-CTU) with E-1 on shift every day from 08:00
 * to 20:00, and a Chengdu depot holding `units` of the part.
 */
export async function aDispatchDay(db: Knex, options: { units?: number } = {}) {
  const world = await aTicketWorld(db);
  for (let weekday = 1; weekday <= 7; weekday++)
    await db('engineer_shifts').insert({
      engineer_id: world.engineerId,
      weekday,
      starts_at: '08:00',
      ends_at: '20:00',
    });
  const depotId = await anOffice(db, 'D-CTU', { kind: 'depot', lat: 30.67, lon: 104.06 });
  if ((options.units ?? 1) > 0) await someStock(db, depotId, world.partId, options.units ?? 1);
  return { ...world, depotId };
}

/** Reports a fault on the world's server needing the part (level 2 unless said: level 1 re-plans). */
export async function aFaultNeedingThePart(t: TestApp, level: 1 | 2 | 3 = 2): Promise<string> {
  const res = await request(t.app)
    .post('/api/v1/tickets')
    .send({ siteId: 'S-0001', equipmentId: 'EQ-1', level, parts: [{ skuId: 'P-PSU-650', qty: 1 }] })
    .expect(201);
  return res.body.id as string;
}

/** Asks for a plan and waits until it is stored; returns the stored plan as the API shows it. */
export async function aSolvedPlan(t: TestApp, body: object = { timeLimitMs: 200, seed: 1 }) {
  const accepted = await request(t.app).post('/api/v1/dispatch/plans').send(body).expect(202);
  await t.services.dispatchPlans.settled();
  return (await request(t.app).get(`/api/v1/dispatch/plans/${accepted.body.id}`).expect(200)).body;
}

/** Pairs whose balance is not the sum of their movements, and balances reserving more than on hand. */
export async function ledgerInconsistencies(db: Knex): Promise<unknown[]> {
  const result = await db.raw(`
    select coalesce(b.location_id, m.location_id) as location_id, coalesce(b.sku_id, m.sku_id) as sku_id
    from stock_balances b
    full join (
      select location_id, sku_id, sum(on_hand_delta) as on_hand, sum(reserved_delta) as reserved,
             sum(defective_delta) as defective
      from stock_movements group by location_id, sku_id
    ) m on m.location_id = b.location_id and m.sku_id = b.sku_id
    where b.location_id is null or m.location_id is null
       or b.on_hand <> m.on_hand or b.reserved <> m.reserved or b.defective <> m.defective
       or b.reserved > b.on_hand`);
  return result.rows;
}
