import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { requireQuantity, requireStockPlaces } from './stock-checks.ts';
import { reservationExceeded, staleBalance, translateInsufficientStock } from './stock-errors.ts';
import { comparePairs, type NewMovement, type StockPair, type StockRepository } from './stock.repository.ts';
import { problems } from '../http/problem.ts';
import type { MovementKind, StockChange, StockMovement, StockReference } from './stock.schemas.ts';

/**
 * The stock ledger's operations: the only way stock changes. Each one takes the caller's
 * transaction, so a feature (the dispatch commit, a reorder approval) can reserve, issue or
 * transfer as part of its own unit of work; if any operation throws, the caller must let the
 * transaction roll back (on PostgreSQL a failed statement aborts it anyway).
 *
 * Limits are the database's: a check constraint on stock_balances refuses any movement that would
 * take on hand, reserved, available or defective below zero, even under concurrency, and the
 * violation comes back as a 409 insufficient-stock naming the location and SKU.
 *
 * Transfers are immediate: the transfer_out and transfer_in share a transfer_id and a timestamp.
 * Goods on the road are modelled by reserving them at the source for the transfer order while
 * they travel, then posting the transfer with `fromReservation` on arrival: until then the
 * source cannot promise them and the destination does not count them.
 */

interface MovementBase {
  skuId: string;
  /** Units: a whole number from 1 to MAX_MOVEMENT_QTY. */
  qty: number;
  actor: string;
  reference?: StockReference;
  /** Where the input came from, for the fields problems name (default `body`). */
  path?: string;
}

export interface LedgerInput extends MovementBase {
  locationId: string;
}

export interface ReserveInput extends LedgerInput {
  reference: StockReference;
  /** Refuse (409 stale-stock) unless the balance is still at this version. */
  expectedVersion?: number;
}

export interface ReleaseInput extends LedgerInput {
  reference: StockReference;
}

export interface IssueInput extends LedgerInput {
  /** Consume the reference's reservation; otherwise unreserved (available) stock is issued. */
  fromReservation?: boolean;
}

export interface TransferInput extends MovementBase {
  fromLocationId: string;
  toLocationId: string;
  /** Ship units the reference holds reserved at the source (released in the same transaction). */
  fromReservation?: boolean;
}

export interface ReturnDefectiveInput extends LedgerInput {
  reason?: string;
}

export interface AdjustInput extends LedgerInput {
  /** The signed change, non-zero. */
  qty: number;
  reason: string;
  /** Which count changes: on hand (default) or defective. */
  target?: 'onHand' | 'defective';
}

export interface ReceiveManyInput {
  lines: ReadonlyArray<{ locationId: string; skuId: string; qty: number }>;
  reference?: StockReference;
  actor: string;
  path?: string;
}

export function createStockLedger(deps: { stock: StockRepository; now: () => Date }) {
  const { stock, now } = deps;

  const stamp = (input: { actor: string; reference?: StockReference }) => ({
    actor: input.actor,
    reference: input.reference,
    createdAt: now(),
  });

  /** Inserts one movement, turning a balance check violation into a 409 naming its pair. */
  async function post(trx: Knex.Transaction, movement: NewMovement, qtyField: string) {
    try {
      const [inserted] = await stock.insertMovements([movement], trx);
      return inserted!;
    } catch (error) {
      const qty = Math.abs(movement.onHandDelta || movement.reservedDelta || movement.defectiveDelta || 0);
      const context = { ...movement, qty, field: qtyField };
      throw translateInsufficientStock(error, context) ?? error;
    }
  }

  async function changeOf(
    trx: Knex.Transaction,
    movements: StockMovement[],
    pairs: StockPair[],
  ): Promise<StockChange> {
    return { movements, balances: await stock.getBalances(pairs, trx) };
  }

  /** Checks quantity, location and SKU of a one-pair operation; returns the field path. */
  async function checkOne(trx: Knex.Transaction, input: LedgerInput, inbound: boolean, signed = false) {
    const path = input.path ?? 'body';
    requireQuantity(input.qty, `${path}.qty`, { signed });
    await requireStockPlaces(
      stock,
      trx,
      [{ locationId: input.locationId, field: `${path}.locationId`, inbound }],
      [{ skuId: input.skuId, field: `${path}.skuId` }],
    );
    return path;
  }

  /** Refuses unless the reference still holds `qty` reserved at the pair (whose row the caller locked). */
  async function requireHeld(
    trx: Knex.Transaction,
    reference: StockReference | undefined,
    pair: StockPair & { qty: number },
    context: { path: string; verb: string },
  ) {
    if (!reference)
      throw problems.validation([
        {
          field: `${context.path}.reference`,
          message: `to ${context.verb} reserved units, name the reference that holds them`,
        },
      ]);
    const held = await stock.reservedFor(reference, pair, trx);
    if (held < pair.qty)
      throw reservationExceeded(reference, held, {
        ...pair,
        field: `${context.path}.qty`,
        verb: context.verb,
      });
  }

  /** The one-movement operations share this shape: post, then read the balance back. */
  async function single(
    trx: Knex.Transaction,
    input: LedgerInput,
    kind: MovementKind,
    deltas: Pick<NewMovement, 'onHandDelta' | 'reservedDelta' | 'defectiveDelta' | 'reason'>,
    path: string,
  ): Promise<StockChange> {
    const movement = await post(
      trx,
      { ...deltas, locationId: input.locationId, skuId: input.skuId, kind, ...stamp(input) },
      `${path}.qty`,
    );
    return changeOf(trx, [movement], [input]);
  }

  /** Goods arrive, line by line, all or none (a goods-in screen, an ERP, a purchase order). */
  async function receiveMany(trx: Knex.Transaction, input: ReceiveManyInput): Promise<StockChange> {
    const path = input.path ?? 'body';
    const lines = input.lines.map((line, index) => ({ ...line, index, at: `${path}.lines[${index}]` }));
    for (const line of lines) requireQuantity(line.qty, `${line.at}.qty`);
    await requireStockPlaces(
      stock,
      trx,
      lines.map((line) => ({ locationId: line.locationId, field: `${line.at}.locationId`, inbound: true })),
      lines.map((line) => ({ skuId: line.skuId, field: `${line.at}.skuId` })),
    );
    // Posting in one key order makes concurrent batches lock balance rows in the same order.
    const ordered = [...lines].sort(comparePairs);
    const createdAt = now();
    const inserted = await stock.insertMovements(
      ordered.map((line) => ({
        locationId: line.locationId,
        skuId: line.skuId,
        kind: 'receipt' as const,
        onHandDelta: line.qty,
        reference: input.reference,
        actor: input.actor,
        createdAt,
      })),
      trx,
    );
    const movements = new Array<StockMovement>(lines.length);
    ordered.forEach((line, position) => (movements[line.index] = inserted[position]!));
    const pairs = new Map(lines.map((line) => [`${line.locationId}\u001f${line.skuId}`, line]));
    return changeOf(trx, movements, [...pairs.values()]);
  }

  return {
    /** Goods arrive at a location (a purchase order, a repaired unit coming back). */
    receive: (trx: Knex.Transaction, input: LedgerInput) =>
      receiveMany(trx, {
        lines: [{ locationId: input.locationId, skuId: input.skuId, qty: input.qty }],
        reference: input.reference,
        actor: input.actor,
        path: input.path,
      }),

    receiveMany,

    /** Holds available units for a ticket or plan, so nobody else can promise them. */
    async reserve(trx: Knex.Transaction, input: ReserveInput): Promise<StockChange> {
      const path = await checkOne(trx, input, false);
      if (!input.reference)
        throw problems.validation([
          { field: `${path}.reference`, message: 'a reservation is made for a reference' },
        ]);
      if (input.expectedVersion !== undefined) {
        const [balance] = await stock.lockBalances([input], trx);
        if (balance!.version !== input.expectedVersion)
          throw staleBalance(
            { ...input, field: `${path}.expectedVersion` },
            input.expectedVersion,
            balance!.version,
          );
      }
      return single(trx, input, 'reservation', { reservedDelta: input.qty }, path);
    },

    /** Gives back units the reference holds reserved (never more than it holds). */
    async release(trx: Knex.Transaction, input: ReleaseInput): Promise<StockChange> {
      const path = await checkOne(trx, input, false);
      await stock.lockBalances([input], trx);
      await requireHeld(trx, input.reference, input, { path, verb: 'release' });
      return single(trx, input, 'release', { reservedDelta: -input.qty }, path);
    },

    /** Units leave the ledger to be fitted: from the reference's reservation, or from available stock. */
    async issue(trx: Knex.Transaction, input: IssueInput): Promise<StockChange> {
      const path = await checkOne(trx, input, false);
      if (input.fromReservation) {
        await stock.lockBalances([input], trx);
        await requireHeld(trx, input.reference, input, { path, verb: 'issue' });
      }
      const reservedDelta = input.fromReservation ? -input.qty : 0;
      return single(trx, input, 'issue', { onHandDelta: -input.qty, reservedDelta }, path);
    },

    /** Moves units between two locations in one step: both legs or neither. */
    async transfer(trx: Knex.Transaction, input: TransferInput): Promise<StockChange> {
      const path = input.path ?? 'body';
      requireQuantity(input.qty, `${path}.qty`);
      if (input.fromLocationId === input.toLocationId)
        throw problems.validation([
          { field: `${path}.toLocationId`, message: 'must differ from fromLocationId' },
        ]);
      await requireStockPlaces(
        stock,
        trx,
        [
          { locationId: input.fromLocationId, field: `${path}.fromLocationId`, inbound: false },
          { locationId: input.toLocationId, field: `${path}.toLocationId`, inbound: true },
        ],
        [{ skuId: input.skuId, field: `${path}.skuId` }],
      );
      const source = { locationId: input.fromLocationId, skuId: input.skuId };
      const destination = { locationId: input.toLocationId, skuId: input.skuId };
      // Both rows are locked in key order first, so opposite transfers wait instead of deadlocking.
      await stock.lockBalances([source, destination], trx);
      const movements: StockMovement[] = [];
      if (input.fromReservation) {
        await requireHeld(trx, input.reference, { ...source, qty: input.qty }, { path, verb: 'ship' });
        const release = { ...source, kind: 'release' as const, reservedDelta: -input.qty, ...stamp(input) };
        movements.push(await post(trx, release, `${path}.qty`));
      }
      const transferId = randomUUID();
      const legs = { onHandDelta: input.qty, transferId, ...stamp(input) };
      const out = { ...legs, ...source, kind: 'transfer_out' as const, onHandDelta: -input.qty };
      movements.push(await post(trx, out, `${path}.qty`));
      movements.push(await post(trx, { ...legs, ...destination, kind: 'transfer_in' }, `${path}.qty`));
      return changeOf(trx, movements, [source, destination]);
    },

    /** A defective unit comes back (from a site, via an engineer) and waits for repair or return. */
    async returnDefective(trx: Knex.Transaction, input: ReturnDefectiveInput): Promise<StockChange> {
      const path = await checkOne(trx, input, true);
      return single(
        trx,
        input,
        'return_defective',
        { defectiveDelta: input.qty, reason: input.reason },
        path,
      );
    },

    /** Corrects a count (stock take, damage, defective units written off); the reason is kept. */
    async adjust(trx: Knex.Transaction, input: AdjustInput): Promise<StockChange> {
      const path = await checkOne(trx, input, false, true);
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (!reason)
        throw problems.validation([{ field: `${path}.reason`, message: 'an adjustment needs a reason' }]);
      const deltas =
        input.target === 'defective' ? { defectiveDelta: input.qty } : { onHandDelta: input.qty };
      return single(trx, input, 'adjustment', { ...deltas, reason }, path);
    },

    /** What a reference (a ticket, a plan) still holds reserved, per location and SKU. */
    reservationsOf: (trx: Knex, reference: StockReference) => stock.reservationsOf(reference, trx),
  };
}

export type StockLedger = ReturnType<typeof createStockLedger>;
