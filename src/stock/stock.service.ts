import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { Problem, type FieldError } from '../http/problem.ts';
import type {
  AdjustmentCommand,
  ImportResult,
  IssueCommand,
  ReceiptCommand,
  ReservationCommand,
  ReturnCommand,
  TransferCommand,
} from './stock-commands.schemas.ts';
import {
  stockImportRowSchema,
  toBalanceCsvRecord,
  type StockImportRow,
  type StockImportRowSchema,
} from './stock-csv.ts';
import { applyStockImport } from './stock-import.ts';
import type { StockLedger } from './stock-ledger.ts';
import type { StockQueries } from './stock-queries.repository.ts';
import type { StockRepository } from './stock.repository.ts';
import {
  STOCK_HOLDING_KINDS,
  type BalanceListQuery,
  type MovementListQuery,
  type StockBalance,
  type StockChange,
} from './stock.schemas.ts';

/**
 * The stock API's use cases: each command runs one ledger operation in its own transaction with
 * an audit entry, so the movements, the balances and the audit trail land together or not at all.
 */
export function createStockService(deps: {
  db: Knex;
  ledger: StockLedger;
  stock: StockRepository;
  queries: StockQueries;
  now: () => Date;
}) {
  const { db, ledger, stock, queries } = deps;

  function command(
    action: string,
    actor: string,
    request: object,
    work: (trx: Knex.Transaction) => Promise<StockChange>,
  ): Promise<StockChange> {
    return db.transaction(async (trx) => {
      const change = await work(trx);
      const movementIds = change.movements.map((movement) => movement.id);
      await recordAudit(trx, {
        actor,
        action,
        entity: 'stock_movement',
        entityId: String(movementIds[0]),
        data: { ...request, movementIds },
      });
      return change;
    });
  }

  return {
    listBalances: (query: BalanceListQuery) => queries.listBalances(query),

    /** A pair that exists but never moved reads as zero; an unknown location or SKU is a 404. */
    async getBalance(locationId: string, skuId: string): Promise<StockBalance> {
      const [locations, skus] = await Promise.all([
        stock.findLocations([locationId]),
        stock.findSkuIds([skuId]),
      ]);
      const missing: FieldError[] = [];
      if (!locations.has(locationId))
        missing.push({ field: 'params.locationId', message: `no location ${locationId}` });
      if (!skus.has(skuId)) missing.push({ field: 'params.skuId', message: `no SKU ${skuId}` });
      if (missing.length)
        throw new Problem({
          status: 404,
          code: 'not-found',
          title: 'Not found',
          detail: missing.map((error) => error.message).join('; '),
          errors: missing,
        });
      const [balance] = await stock.getBalances([{ locationId, skuId }]);
      return balance!;
    },

    listMovements: (query: MovementListQuery) => queries.listMovements(query),

    receive: (body: ReceiptCommand, actor: string) =>
      command('receive', actor, body, (trx) => ledger.receiveMany(trx, { ...body, actor })),

    reserve: (body: ReservationCommand, actor: string) =>
      command('reserve', actor, body, (trx) => ledger.reserve(trx, { ...body, actor })),

    release: (body: ReservationCommand, actor: string) =>
      command('release', actor, body, (trx) => ledger.release(trx, { ...body, actor })),

    issue: (body: IssueCommand, actor: string) =>
      command('issue', actor, body, (trx) => ledger.issue(trx, { ...body, actor })),

    transfer: (body: TransferCommand, actor: string) =>
      command('transfer', actor, body, (trx) => ledger.transfer(trx, { ...body, actor })),

    returnDefective: (body: ReturnCommand, actor: string) =>
      command('return', actor, body, (trx) => ledger.returnDefective(trx, { ...body, actor })),

    adjust: (body: AdjustmentCommand, actor: string) =>
      command('adjust', actor, body, (trx) => ledger.adjust(trx, { ...body, actor })),

    /** Every balance as CSV records, a keyset batch at a time. */
    async *exportBalances() {
      for await (const batch of queries.balanceBatches()) yield batch.map(toBalanceCsvRecord);
    },

    /**
     * Sets on-hand counts from a file. `read` parses the upload with the line schema this builds
     * (from the current catalog), so a bad line rejects the file before the transaction starts.
     */
    async importCsv(
      read: (schema: StockImportRowSchema) => Promise<StockImportRow[]>,
      actor: string,
    ): Promise<ImportResult> {
      const catalog = await stock.stockCatalog(STOCK_HOLDING_KINDS);
      const rows = await read(stockImportRowSchema(catalog));
      return db.transaction((trx) => applyStockImport(trx, deps, rows, actor));
    },
  };
}

export type StockService = ReturnType<typeof createStockService>;
