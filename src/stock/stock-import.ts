import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/audit.ts';
import { problems } from '../http/problem.ts';
import type { StockImportRow } from './stock-csv.ts';
import { comparePairs, type NewMovement, type StockRepository } from './stock.repository.ts';
import type { ImportResult } from './stock-commands.schemas.ts';
import type { StockBalance, StockReference } from './stock.schemas.ts';

/**
 * Applies a validated stock file in one transaction: each line sets the on-hand count of its
 * location and SKU, by posting the difference to the ledger (never by overwriting a balance).
 * An increase without a reason is a receipt (goods the ERP booked that we had not); any other
 * difference is an adjustment, with the line's reason or one saying what the import set.
 */

interface PlannedLine {
  row: StockImportRow;
  balance: StockBalance;
}

function movementFor(
  { row, balance }: PlannedLine,
  stamp: { actor: string; reference: StockReference; createdAt: Date },
): NewMovement | undefined {
  const difference = row.qty - balance.onHand;
  if (difference === 0) return undefined;
  const pair = { locationId: row.location, skuId: row.sku };
  if (difference > 0 && !row.reason) return { ...pair, ...stamp, kind: 'receipt', onHandDelta: difference };
  const reason = row.reason ?? `stock import: on hand set to ${row.qty} (was ${balance.onHand})`;
  return { ...pair, ...stamp, kind: 'adjustment', onHandDelta: difference, reason };
}

export async function applyStockImport(
  trx: Knex.Transaction,
  deps: { stock: StockRepository; now: () => Date },
  rows: readonly StockImportRow[],
  actor: string,
): Promise<ImportResult> {
  const importId = randomUUID();
  const pairs = rows.map((row) => ({ locationId: row.location, skuId: row.sku }));
  // Locked for the rest of the transaction, so nothing reserves or issues between read and write.
  const balances = await deps.stock.lockBalances(pairs, trx);
  const lines: PlannedLine[] = rows.map((row, index) => ({ row, balance: balances[index]! }));

  const belowReserved = lines.filter((line) => line.row.qty < line.balance.reserved);
  if (belowReserved.length)
    throw problems.conflict(
      `the file was rejected, nothing was written: ${belowReserved.length} line(s) set on hand below what is reserved`,
      'insufficient-stock',
      belowReserved.slice(0, 20).map(({ row, balance }) => ({
        field: `${row.location} / ${row.sku}: qty`,
        message: `${balance.reserved} are reserved; on hand cannot be set to ${row.qty}`,
      })),
    );

  const stamp = { actor, reference: { type: 'import' as const, id: importId }, createdAt: deps.now() };
  const movements = lines.flatMap((line) => movementFor(line, stamp) ?? []).sort(comparePairs);
  await deps.stock.insertMovements(movements, trx);
  const result = {
    importId,
    rows: rows.length,
    receipts: movements.filter((movement) => movement.kind === 'receipt').length,
    adjustments: movements.filter((movement) => movement.kind === 'adjustment').length,
    unchanged: rows.length - movements.length,
  };
  await recordAudit(trx, {
    actor,
    action: 'import',
    entity: 'stock_import',
    entityId: importId,
    data: result,
  });
  return result;
}
