import type { Api } from '../http/api.ts';
import { readCsvRecords, sendCsv } from '../http/csv.ts';
import { IdParams } from '../http/schemas.ts';
import { SkuCsvRow, skuCsvColumns, skuToCsv } from './sku-csv.ts';
import { Sku, SkuCreate, SkuImportResult, SkuListQuery, SkuPage, SkuUpdate } from './sku.schemas.ts';
import type { SkuService } from './sku.service.ts';

async function* csvBatches(skus: SkuService) {
  for await (const batch of skus.batches()) yield batch.map(skuToCsv);
}

export function registerSkuRoutes(api: Api, skus: SkuService): void {
  const tags = ['catalog'];
  api.route({
    method: 'get',
    path: '/skus',
    summary: 'List parts and spare-unit SKUs',
    tags,
    permission: 'network:read',
    query: SkuListQuery,
    response: SkuPage,
    handler: ({ query }) => skus.list(query),
  });
  api.route({
    method: 'get',
    path: '/skus.csv',
    summary: `Export the SKU catalog as CSV (columns ${skuCsvColumns.join(', ')})`,
    tags,
    permission: 'network:read',
    raw: { contentType: 'text/csv' },
    handler: ({ res }) => sendCsv(res, 'skus.csv', skuCsvColumns, csvBatches(skus)),
  });
  api.route({
    method: 'post',
    path: '/skus/import',
    summary:
      'Import SKUs from CSV (text/csv, the export columns): creates or overwrites every row, or rejects the whole file naming the line',
    tags,
    permission: 'network:write',
    response: SkuImportResult,
    handler: async ({ req, actor }) => {
      const records = await readCsvRecords(req, SkuCsvRow);
      return skus.importAll(
        records.map(({ line, value }) => ({ line, sku: value })),
        actor,
      );
    },
  });
  api.route({
    method: 'get',
    path: '/skus/:id',
    summary: 'Get an SKU',
    tags,
    permission: 'network:read',
    params: IdParams,
    response: Sku,
    handler: ({ params }) => skus.get(params.id),
  });
  api.route({
    method: 'post',
    path: '/skus',
    summary: 'Create an SKU',
    tags,
    permission: 'network:write',
    body: SkuCreate,
    status: 201,
    response: Sku,
    handler: ({ body, actor }) => skus.create(body, actor),
  });
  api.route({
    method: 'patch',
    path: '/skus/:id',
    summary: 'Update an SKU (fits and supersedes replace the lists)',
    tags,
    permission: 'network:write',
    params: IdParams,
    body: SkuUpdate,
    response: Sku,
    handler: ({ params, body, actor }) => skus.update(params.id, body, actor),
  });
  api.route({
    method: 'delete',
    path: '/skus/:id',
    summary: 'Delete an SKU that nothing refers to (409 still-referenced otherwise)',
    tags,
    permission: 'network:write',
    params: IdParams,
    status: 204,
    handler: ({ params, actor }) => skus.remove(params.id, actor),
  });
}
