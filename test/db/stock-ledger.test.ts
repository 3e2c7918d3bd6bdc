import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../src/http/problem.ts';
import { createStockLedger, type StockLedger } from '../../src/stock/stock-ledger.ts';
import { createStockRepository } from '../../src/stock/stock.repository.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { aPart, aStockNetwork } from '../support/fixtures.ts';

/** Pairs whose balance differs from the sum of their movements, recomputed from the ledger in SQL. */
async function ledgerMismatches(t: TestDatabase): Promise<unknown[]> {
  const result = await t.db.raw(`
    select coalesce(b.location_id, m.location_id) as location_id, coalesce(b.sku_id, m.sku_id) as sku_id
    from stock_balances b
    full join (
      select location_id, sku_id, sum(on_hand_delta) as on_hand, sum(reserved_delta) as reserved,
             sum(defective_delta) as defective, count(*) as movements
      from stock_movements group by location_id, sku_id
    ) m on m.location_id = b.location_id and m.sku_id = b.sku_id
    where b.location_id is null or m.location_id is null
       or b.on_hand <> m.on_hand or b.reserved <> m.reserved or b.defective <> m.defective
       or b.version <> m.movements`);
  return result.rows;
}

describe('stock ledger', () => {
  let t: TestDatabase;
  let ledger: StockLedger;
  let n: Awaited<ReturnType<typeof aStockNetwork>>;
  beforeAll(async () => {
    t = await createTestDatabase();
    ledger = createStockLedger({ stock: createStockRepository(t.db), now: () => new Date() });
    n = await aStockNetwork(t.db);
  });
  afterAll(() => t.destroy());

  it('refuses to update or delete a movement; a correction is a new movement', async () => {
    await t.db.transaction((trx) =>
      ledger.receive(trx, { locationId: n.depot, skuId: n.fan, qty: 4, actor: 'test' }),
    );
    const [movement] = await t.db('stock_movements').where({ location_id: n.depot, sku_id: n.fan });
    await expect(
      t.db('stock_movements').where({ id: movement.id }).update({ on_hand_delta: 400 }),
    ).rejects.toThrow(/immutable/);
    await expect(t.db('stock_movements').where({ id: movement.id }).del()).rejects.toThrow(/immutable/);
    const balance = await t.db('stock_balances').where({ location_id: n.depot, sku_id: n.fan }).first();
    expect(balance).toMatchObject({ on_hand: 4, version: 1 });
  });

  it('translates a balance going below zero into a 409 naming location and SKU, also for a pair never stocked', async () => {
    const refusal = await t.db
      .transaction((trx) => ledger.issue(trx, { locationId: n.office, skuId: n.fan, qty: 1, actor: 'test' }))
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(Problem);
    expect(refusal).toMatchObject({ status: 409, code: 'insufficient-stock' });
    expect((refusal as Problem).message).toContain(`${n.fan} at ${n.office}`);
    expect(await t.db('stock_balances').where({ location_id: n.office, sku_id: n.fan })).toHaveLength(0);
  });

  it('refuses a reservation against a stale balance version when the caller names one', async () => {
    const reference = { type: 'plan' as const, id: 'PLAN-1' };
    const reserve = (expectedVersion: number) =>
      t.db.transaction((trx) =>
        ledger.reserve(trx, {
          locationId: n.depot,
          skuId: n.fan,
          qty: 1,
          reference,
          expectedVersion,
          actor: 'test',
        }),
      );
    await expect(reserve(0)).rejects.toMatchObject({ status: 409, code: 'stale-stock' });
    const change = await reserve(1);
    expect(change.balances[0]).toMatchObject({ reserved: 1, version: 2 });
    expect(await ledger.reservationsOf(t.db, reference)).toEqual([
      { locationId: n.depot, skuId: n.fan, qty: 1 },
    ]);
  });

  it('keeps every balance equal to the sum of its movements, and refuses exactly what would go below zero', async () => {
    const places = [n.depot, n.office, n.van];
    const references = ['T-A', 'T-B'].map((id) => ({ type: 'ticket' as const, id }));
    const place = fc.constantFrom(...places);
    const reference = fc.constantFrom(...references);
    const qty = fc.integer({ min: 1, max: 4 });
    const operation = fc.oneof(
      fc.record({ op: fc.constant('receive' as const), at: place, qty }),
      fc.record({ op: fc.constant('reserve' as const), at: place, qty, reference }),
      fc.record({ op: fc.constant('release' as const), at: place, qty, reference }),
      fc.record({
        op: fc.constant('issue' as const),
        at: place,
        qty,
        reference,
        fromReservation: fc.boolean(),
      }),
      fc.record({ op: fc.constant('transfer' as const), at: place, to: place, qty }),
      fc.record({ op: fc.constant('returnDefective' as const), at: place, qty }),
      fc.record({
        op: fc.constant('adjust' as const),
        at: place,
        qty: fc.integer({ min: -4, max: 4 }).filter((value) => value !== 0),
        target: fc.constantFrom('onHand' as const, 'defective' as const),
      }),
    );
    type Operation = typeof operation extends fc.Arbitrary<infer O> ? O : never;
    let run = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 30 }), async (operations) => {
        const skuId = await aPart(t.db, `P-RUN-${run++}`);
        const model = new Map(
          places.map((id) => [id, { onHand: 0, reserved: 0, defective: 0, held: new Map<string, number>() }]),
        );
        const at = (id: string) => model.get(id)!;
        const held = (id: string, ref: { id: string }) => at(id).held.get(ref.id) ?? 0;
        const hold = (id: string, ref: { id: string }, delta: number) =>
          at(id).held.set(ref.id, held(id, ref) + delta);

        /** Whether the model lets the operation through, and if so what it changes. */
        function expected(o: Operation): (() => void) | undefined {
          const here = at(o.at);
          const available = here.onHand - here.reserved;
          switch (o.op) {
            case 'receive':
              return () => (here.onHand += o.qty);
            case 'reserve':
              return available >= o.qty
                ? () => ((here.reserved += o.qty), hold(o.at, o.reference, o.qty))
                : undefined;
            case 'release':
              return held(o.at, o.reference) >= o.qty
                ? () => ((here.reserved -= o.qty), hold(o.at, o.reference, -o.qty))
                : undefined;
            case 'issue':
              if (o.fromReservation)
                return held(o.at, o.reference) >= o.qty
                  ? () => ((here.onHand -= o.qty), (here.reserved -= o.qty), hold(o.at, o.reference, -o.qty))
                  : undefined;
              return available >= o.qty ? () => (here.onHand -= o.qty) : undefined;
            case 'transfer':
              if (o.to === o.at) return undefined;
              return available >= o.qty
                ? () => ((here.onHand -= o.qty), (at(o.to).onHand += o.qty))
                : undefined;
            case 'returnDefective':
              return () => (here.defective += o.qty);
            case 'adjust':
              if (o.target === 'defective')
                return here.defective + o.qty >= 0 ? () => (here.defective += o.qty) : undefined;
              return here.onHand + o.qty >= here.reserved ? () => (here.onHand += o.qty) : undefined;
          }
        }

        function post(o: Operation) {
          const base = { locationId: o.at, skuId, qty: o.qty, actor: 'property' };
          return t.db.transaction((trx) => {
            switch (o.op) {
              case 'receive':
                return ledger.receive(trx, base);
              case 'reserve':
                return ledger.reserve(trx, { ...base, reference: o.reference });
              case 'release':
                return ledger.release(trx, { ...base, reference: o.reference });
              case 'issue':
                return ledger.issue(trx, {
                  ...base,
                  reference: o.reference,
                  fromReservation: o.fromReservation,
                });
              case 'transfer':
                return ledger.transfer(trx, {
                  fromLocationId: o.at,
                  toLocationId: o.to,
                  skuId,
                  qty: o.qty,
                  actor: 'property',
                });
              case 'returnDefective':
                return ledger.returnDefective(trx, base);
              case 'adjust':
                return ledger.adjust(trx, { ...base, reason: 'property test', target: o.target });
            }
          });
        }

        for (const o of operations) {
          const apply = expected(o);
          const outcome = await post(o).then(
            () => 'posted',
            (error: unknown) => (error instanceof Problem ? error.status : error),
          );
          expect(outcome, JSON.stringify(o)).toBe(
            apply ? 'posted' : o.op === 'transfer' && o.to === o.at ? 422 : 409,
          );
          apply?.();
        }
        const balances = await t.db('stock_balances').where({ sku_id: skuId });
        for (const id of places) {
          const row = balances.find((balance) => balance.location_id === id);
          const { onHand, reserved, defective } = at(id);
          expect({
            onHand: row?.on_hand ?? 0,
            reserved: row?.reserved ?? 0,
            defective: row?.defective ?? 0,
          }).toEqual({
            onHand,
            reserved,
            defective,
          });
        }
        expect(await ledgerMismatches(t)).toEqual([]);
      }),
      { numRuns: 20, seed: 20261128 },
    );
  });
});
