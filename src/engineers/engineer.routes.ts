import { z } from 'zod';
import type { Api } from '../http/api.ts';
import { readCsvRecords, sendCsv } from '../http/csv.ts';
import { Id, IdParams } from '../http/schemas.ts';
import { EngineerCsvRow, engineerCsvColumns, engineerToCsv } from './engineer-csv.ts';
import {
  AbsenceCreate,
  Engineer,
  EngineerCreate,
  EngineerListQuery,
  EngineerPage,
  EngineerUpdate,
  PositionUpdate,
} from './engineer.schemas.ts';
import type { EngineerService } from './engineer.service.ts';

export function registerEngineerRoutes(api: Api, engineers: EngineerService): void {
  const tags = ['engineers'];
  api.route({
    method: 'get',
    path: '/engineers',
    summary: 'List engineers (filter by office, skill and level)',
    tags,
    permission: 'network:read',
    query: EngineerListQuery,
    response: EngineerPage,
    handler: ({ query }) => engineers.list(query),
  });
  api.route({
    method: 'get',
    path: '/engineers.csv',
    summary: 'Export all engineers as CSV',
    tags,
    permission: 'network:read',
    raw: { contentType: 'text/csv' },
    handler: async ({ res }) => {
      const batches = (async function* () {
        for await (const batch of engineers.batches()) yield batch.map(engineerToCsv);
      })();
      await sendCsv(res, 'engineers.csv', engineerCsvColumns, batches);
    },
  });
  api.route({
    method: 'post',
    path: '/engineers/import',
    summary: 'Import engineers from CSV (creates or updates; a bad line rejects the whole file)',
    tags,
    permission: 'network:write',
    response: z.object({ created: z.number().int(), updated: z.number().int() }),
    handler: async ({ req, actor }) => {
      const records = await readCsvRecords(req, EngineerCsvRow);
      return engineers.importAll(
        records.map((record) => ({ line: record.line, engineer: record.value })),
        actor,
      );
    },
  });
  api.route({
    method: 'get',
    path: '/engineers/:id',
    summary: 'Get an engineer with skills, shifts, absences and position',
    tags,
    permission: 'network:read',
    params: IdParams,
    response: Engineer,
    handler: ({ params }) => engineers.get(params.id),
  });
  api.route({
    method: 'post',
    path: '/engineers',
    summary: 'Create an engineer (and their van stock location)',
    tags,
    permission: 'network:write',
    body: EngineerCreate,
    status: 201,
    response: Engineer,
    handler: ({ body, actor }) => engineers.create(body, actor),
  });
  api.route({
    method: 'patch',
    path: '/engineers/:id',
    summary: 'Update an engineer (skills and shifts are replaced when given)',
    tags,
    permission: 'network:write',
    params: IdParams,
    body: EngineerUpdate,
    response: Engineer,
    handler: ({ params, body, actor }) => engineers.update(params.id, body, actor),
  });
  api.route({
    method: 'post',
    path: '/engineers/:id/absences',
    summary: 'Record an absence',
    tags,
    permission: 'network:write',
    params: IdParams,
    body: AbsenceCreate,
    status: 201,
    response: Engineer,
    handler: ({ params, body, actor }) => engineers.addAbsence(params.id, body, actor),
  });
  api.route({
    method: 'delete',
    path: '/engineers/:id/absences/:absenceId',
    summary: 'Remove an absence',
    tags,
    permission: 'network:write',
    params: z.object({ id: Id, absenceId: z.coerce.number().int().positive().max(2_147_483_647) }),
    status: 204,
    handler: ({ params, actor }) => engineers.removeAbsence(params.id, params.absenceId, actor),
  });
  api.route({
    method: 'post',
    path: '/engineers/:id/position',
    summary: 'Report where an engineer is now',
    tags,
    permission: 'dispatch:write',
    params: IdParams,
    body: PositionUpdate,
    response: Engineer,
    handler: ({ params, body }) => engineers.setPosition(params.id, body),
  });
}
