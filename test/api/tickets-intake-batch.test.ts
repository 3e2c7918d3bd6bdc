import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/http/problem.ts';
import { createIntake, type IntakeRequest } from '../../src/tickets/intake.service.ts';
import { requestHash } from '../../src/tickets/idempotency.ts';
import { createTicketRepository, type TicketRepository } from '../../src/tickets/ticket.repository.ts';
import { TicketCreate } from '../../src/tickets/ticket.schemas.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aCustomer, anOffice, aSite } from '../support/fixtures.ts';
import { anEquipment, aTicketWorld } from '../tickets/fixtures.ts';

const NOW = '2026-11-30T08:00:00+08:00';

/**
 * Intake takes concurrent requests in batches (one read and one write per batch). These tests try
 * to make one request's fate leak into another's: a bad request among good ones, a ticket the
 * database refuses, a key sent twice in one batch, a key taken by another process between the
 * batch's read and its write.
 */
describe('batched ticket intake', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(NOW);
    const world = await aTicketWorld(t.db);
    await anOffice(t.db, 'O-CTU');
    const noContract = await aCustomer(t.db, 'C-NOCONTRACT');
    await aSite(t.db, 'S-NOCONTRACT', { customerId: noContract, zoneId: world.zoneId });
    await anEquipment(t.db, 'EQ-RETIRED', { siteId: 'S-0001', active: false });
    await aSite(t.db, 'S-SCHOOL', { customerId: world.customerId, zoneId: world.zoneId });
    await anEquipment(t.db, 'EQ-ELSEWHERE', { siteId: 'S-SCHOOL' });
  });
  afterAll(() => t.destroy());

  const fault = {
    siteId: 'S-0001',
    equipmentId: 'EQ-1',
    level: 2,
    faultCode: 'E-PSU',
    component: 'main-unit',
    cause: 'normal-use',
    parts: [{ skuId: 'P-PSU-650', qty: 1 }],
  };
  const counts = async () => {
    const rows = await Promise.all(
      ['tickets', 'ticket_clocks', 'ticket_events', 'ticket_parts'].map((table) =>
        t.db(table).count({ n: '*' }).first(),
      ),
    );
    return rows.map((row) => Number(row!.n));
  };
  const batchMetric = async () => {
    const metric = await t.services.metrics.registry.getSingleMetric('ticket_intake_batch_size')!.get();
    const value = (name: string) =>
      metric.values.find((v) => (v as { metricName?: string }).metricName === name)?.value ?? 0;
    return {
      batches: value('ticket_intake_batch_size_count'),
      intakes: value('ticket_intake_batch_size_sum'),
    };
  };
  /** A request as the route hands it over: parsed, defaults filled in, hashed. */
  const intakeRequest = (body: object, idempotencyKey?: string): IntakeRequest => {
    const input = TicketCreate.parse(body);
    return { input, meta: { actor: 'hotline', idempotencyKey, requestHash: requestHash(input) } };
  };

  it('answers each request of a burst alone: the bad ones fail with their own field, the good ones are written whole', async () => {
    const bad: Array<[object, string]> = [
      [{ ...fault, siteId: 'S-NOPE' }, 'body.siteId'],
      [{ ...fault, siteId: 'O-CTU' }, 'body.siteId'],
      [{ ...fault, siteId: 'S-NOCONTRACT', equipmentId: undefined }, 'body.siteId'],
      [{ ...fault, reportedAt: '2026-11-30T09:00:00+08:00' }, 'body.reportedAt'],
      [{ ...fault, parts: [{ skuId: 'P-NOPE', qty: 1 }] }, 'body.parts[0].skuId'],
      [{ ...fault, equipmentId: 'EQ-ELSEWHERE' }, 'body.equipmentId'],
      [{ ...fault, equipmentId: 'EQ-RETIRED' }, 'body.equipmentId'],
      [{ ...fault, equipmentId: null, needsSpareUnit: true }, 'body.needsSpareUnit'],
      [{ ...fault, component: 'flux-capacitor' }, 'body.component'],
    ];
    // Good and bad interleaved; every call is made in one tick, so the batcher holds them all.
    const bodies = Array.from({ length: 30 }, (_, n) =>
      n % 3 === 2 ? bad[Math.floor(n / 3) % bad.length]![0] : { ...fault, description: `good ${n}` },
    );
    const before = await counts();
    const metricBefore = await batchMetric();
    const results = await Promise.allSettled(
      bodies.map((body) => t.services.tickets.create(TicketCreate.parse(body), { actor: 'hotline' })),
    );
    const metricAfter = await batchMetric();
    expect(metricAfter.batches - metricBefore.batches).toBe(1);
    expect(metricAfter.intakes - metricBefore.intakes).toBe(30);

    const created = results.flatMap((result, n) => {
      if (n % 3 === 2) {
        expect(result.status).toBe('rejected');
        const problem = (result as PromiseRejectedResult).reason as Problem;
        expect(problem.status).toBe(422);
        expect(problem.errors.map((e) => e.field)).toContain(bad[Math.floor(n / 3) % bad.length]![1]);
        return [];
      }
      expect(result.status).toBe('fulfilled');
      const { ticket } = (
        result as PromiseFulfilledResult<Awaited<ReturnType<TestApp['services']['tickets']['create']>>>
      ).value;
      expect(ticket.description).toBe(`good ${n}`);
      return [ticket];
    });
    expect(created).toHaveLength(20);
    expect(new Set(created.map((ticket) => ticket.id)).size).toBe(20);
    const after = await counts();
    const clocksEach = created[0]!.clocks.length;
    expect(after[0]! - before[0]!).toBe(20);
    expect(after[1]! - before[1]!).toBe(20 * clocksEach);
    expect(after[2]! - before[2]!).toBe(20);
    expect(after[3]! - before[3]!).toBe(20);
    // Each answer is what a read of its own ticket says (clocks, parts, derived fields).
    for (const ticket of created.slice(0, 5)) {
      const read = await request(t.app).get(`/api/v1/tickets/${ticket.id}`).expect(200);
      expect(read.body).toEqual(JSON.parse(JSON.stringify(ticket)));
    }
  });

  it('writes the rest of a batch when the database refuses one of its tickets, and nothing when the database is lost', async () => {
    const tickets = createTicketRepository(t.db);
    const refusing = (refusal: Error & { code?: string }): TicketRepository => ({
      ...tickets,
      insertIntakes: async (intakes, trx) => {
        if (intakes.some(({ ticket }) => ticket.description === 'refuse me')) throw refusal;
        return tickets.insertIntakes(intakes, trx);
      },
    });
    const foreignKey = Object.assign(new Error('violates foreign key constraint'), { code: '23503' });
    const intake = createIntake({ db: t.db, now: () => new Date(NOW), tickets: refusing(foreignKey) });
    const before = await counts();
    const outcomes = await intake([
      intakeRequest({ ...fault, description: 'first' }),
      intakeRequest({ ...fault, description: 'refuse me' }),
      intakeRequest({ ...fault, description: 'third' }),
    ]);
    expect(outcomes.map((o) => (o instanceof Error ? 'error' : o.kind))).toEqual([
      'created',
      'error',
      'created',
    ]);
    expect(outcomes[1]).toBe(foreignKey);
    expect((await counts())[0]! - before[0]!).toBe(2);

    // A lost connection is no one ticket's fault: the whole batch fails, nothing is written.
    const lost = createIntake({
      db: t.db,
      now: () => new Date(NOW),
      tickets: refusing(Object.assign(new Error('Connection terminated'), { code: undefined })),
    });
    const middle = await counts();
    await expect(
      lost([
        intakeRequest({ ...fault, description: 'one' }),
        intakeRequest({ ...fault, description: 'refuse me' }),
      ]),
    ).rejects.toThrow('Connection terminated');
    expect(await counts()).toEqual(middle);
  });

  it('takes a key sent twice in one batch in once, and lets the second try when the first failed', async () => {
    // The same request twice: one ticket, the second answer replays it.
    const [first, retry] = await Promise.all([
      t.services.tickets.create(TicketCreate.parse(fault), { actor: 'hotline', idempotencyKey: 'twice-1' }),
      t.services.tickets.create(TicketCreate.parse(fault), { actor: 'hotline', idempotencyKey: 'twice-1' }),
    ]);
    expect(first.created).toBe(true);
    expect(retry.created).toBe(false);
    expect(retry.ticket.id).toBe(first.ticket.id);

    // A bad request and then a good one with the same key (a client correcting itself at once):
    // the bad one is refused, and the good one is taken in, in the next batch.
    const [bad, good] = await Promise.allSettled([
      t.services.tickets.create(TicketCreate.parse({ ...fault, siteId: 'S-NOPE' }), {
        actor: 'hotline',
        idempotencyKey: 'twice-2',
      }),
      t.services.tickets.create(TicketCreate.parse(fault), { actor: 'hotline', idempotencyKey: 'twice-2' }),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good.status).toBe('fulfilled');
    expect((good as PromiseFulfilledResult<{ created: boolean }>).value.created).toBe(true);
    const holders = await t.db('tickets').where({ idempotency_key: 'twice-2' }).select('id');
    expect(holders).toHaveLength(1);
  });

  it('writes nothing of a ticket whose key another process took between the read and the write', async () => {
    const tickets = createTicketRepository(t.db);
    let rival: string | undefined;
    // The rival (another replica) takes the key after this batch read that it was free.
    const racing: TicketRepository = {
      ...tickets,
      insertIntakes: async (intakes, trx) => {
        rival ??= (
          await t.services.tickets.create(TicketCreate.parse({ ...fault, description: 'rival' }), {
            actor: 'replica-2',
            idempotencyKey: 'raced',
          })
        ).ticket.id;
        return tickets.insertIntakes(intakes, trx);
      },
    };
    const intake = createIntake({ db: t.db, now: () => new Date(NOW), tickets: racing });
    const before = await counts();
    const outcomes = await intake([
      intakeRequest({ ...fault, description: 'mine' }, 'raced'),
      intakeRequest({ ...fault, description: 'bystander' }),
    ]);
    expect(outcomes.map((o) => (o instanceof Error ? 'error' : o.kind))).toEqual(['key-taken', 'created']);
    const after = await counts();
    // The rival's ticket and the bystander, each whole; nothing of "mine".
    const clocksEach = (await t.db('ticket_clocks').where({ ticket_id: rival }).count({ n: '*' }).first())!.n;
    expect(after[0]! - before[0]!).toBe(2);
    expect(after[1]! - before[1]!).toBe(2 * Number(clocksEach));
    expect(after[2]! - before[2]!).toBe(2);
    expect(after[3]! - before[3]!).toBe(2);
    expect(await t.db('tickets').where({ description: 'mine' }).select('id')).toEqual([]);

    // Through the service, the loser answers with the holder's ticket (same body), as a retry would.
    const replay = await t.services.tickets.create(TicketCreate.parse({ ...fault, description: 'rival' }), {
      actor: 'hotline',
      idempotencyKey: 'raced',
    });
    expect(replay).toMatchObject({ created: false, ticket: { id: rival } });
  });
});
