import type { z } from 'zod';
import type { Api } from '../http/api.ts';
import { readCsvUpload, sendCsv } from '../http/csv.ts';
import {
  AdjustmentCommand,
  ImportResult,
  IssueCommand,
  ReceiptCommand,
  ReservationCommand,
  ReturnCommand,
  TransferCommand,
} from './stock-commands.schemas.ts';
import { BALANCE_CSV_COLUMNS } from './stock-csv.ts';
import {
  BalanceListQuery,
  BalancePage,
  BalanceParams,
  MovementListQuery,
  MovementPage,
  StockBalance,
  StockChange,
} from './stock.schemas.ts';
import type { StockService } from './stock.service.ts';

export function registerStockRoutes(api: Api, stock: StockService): void {
  const tags = ['stock'];
  api.route({
    method: 'get',
    path: '/stock/balances',
    summary: 'List stock balances (on hand, reserved, available, defective) per location and SKU',
    tags,
    permission: 'stock:read',
    query: BalanceListQuery,
    response: BalancePage,
    handler: ({ query }) => stock.listBalances(query),
  });
  api.route({
    method: 'get',
    path: '/stock/balances.csv',
    summary: 'Export every balance as CSV: location,sku,onHand,reserved,available,defective',
    tags,
    permission: 'stock:read',
    raw: { contentType: 'text/csv' },
    handler: ({ res }) => sendCsv(res, 'stock-balances.csv', BALANCE_CSV_COLUMNS, stock.exportBalances()),
  });
  api.route({
    method: 'get',
    path: '/stock/balances/:locationId/:skuId',
    summary: 'Get the balance of one SKU at one location',
    tags,
    permission: 'stock:read',
    params: BalanceParams,
    response: StockBalance,
    handler: ({ params }) => stock.getBalance(params.locationId, params.skuId),
  });
  api.route({
    method: 'get',
    path: '/stock/movements',
    summary: 'List ledger movements, newest first',
    tags,
    permission: 'stock:read',
    query: MovementListQuery,
    response: MovementPage,
    handler: ({ query }) => stock.listMovements(query),
  });

  /** Every command answers 201 with the movements it posted and the balances they left. */
  function command<B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (input: z.output<B>, actor: string) => Promise<StockChange>,
  ): void {
    api.route({
      method: 'post',
      path,
      summary,
      tags,
      permission: 'stock:write',
      body,
      status: 201,
      response: StockChange,
      handler: ({ body: input, actor }) => run(input, actor),
    });
  }
  command('/stock/receipts', 'Receive goods (several lines, all or none)', ReceiptCommand, stock.receive);
  command(
    '/stock/reservations',
    'Reserve available units for a reference',
    ReservationCommand,
    stock.reserve,
  );
  command(
    '/stock/reservations/release',
    'Release units a reference holds reserved',
    ReservationCommand,
    stock.release,
  );
  command('/stock/issues', 'Issue units (reserved or available) to be fitted', IssueCommand, stock.issue);
  command(
    '/stock/transfers',
    'Transfer units between two locations at once',
    TransferCommand,
    stock.transfer,
  );
  command('/stock/returns', 'Return defective units to a location', ReturnCommand, stock.returnDefective);
  command('/stock/adjustments', 'Correct a count, with a reason', AdjustmentCommand, stock.adjust);

  api.route({
    method: 'post',
    path: '/stock/import',
    summary: 'Set on-hand counts from a CSV file (location,sku,qty[,reason]); a bad line rejects the file',
    tags,
    permission: 'stock:write',
    response: ImportResult,
    handler: ({ req, actor }) => stock.importCsv((schema) => readCsvUpload(req, schema), actor),
  });
}
