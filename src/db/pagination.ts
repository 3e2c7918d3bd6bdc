import type { Knex } from 'knex';
import { z } from 'zod';
import { problems } from '../http/problem.ts';

/**
 * Keyset (cursor) pagination: stable under concurrent inserts and fast at any depth, unlike
 * OFFSET. The cursor is opaque to clients: base64url of [sort, last value, last id].
 */
export function listQuery<S extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  sortable: S,
  filters: F,
) {
  const sortValues = [...sortable, ...sortable.map((field) => `-${field}`)] as [string, ...string[]];
  return z.object({
    ...filters,
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(1000).optional(),
    sort: z.enum(sortValues).default(sortable[0]),
  });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

type Cursor = [sort: string, value: unknown, id: string | number];

function decodeCursor(cursor: string, sort: string): Cursor {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(decoded) && decoded.length === 3 && decoded[0] === sort) return decoded as Cursor;
  } catch {
    // Fall through to the problem below: a cursor that does not decode is the client's error.
  }
  throw problems.badRequest('the cursor is not valid for this list and sort order', [
    { field: 'query.cursor', message: 'is not a cursor this list issued (or the sort changed)' },
  ]);
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

/**
 * Applies sort, cursor and limit to a query and returns one page of rows. `columns` maps the
 * API's sort fields to SQL columns; `idColumn` breaks ties so the order is total.
 */
export async function paginate<Row extends Record<string, unknown>>(
  query: Knex.QueryBuilder,
  options: {
    sort: string;
    columns: Record<string, string>;
    idColumn: string;
    cursor?: string;
    limit: number;
  },
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const descending = options.sort.startsWith('-');
  const field = descending ? options.sort.slice(1) : options.sort;
  const column = options.columns[field];
  if (!column)
    throw problems.badRequest(`cannot sort by ${field}`, [{ field: 'query.sort', message: 'unknown field' }]);
  const direction = descending ? 'desc' : 'asc';
  const comparator = descending ? '<' : '>';
  if (options.cursor) {
    const [, value, id] = decodeCursor(options.cursor, options.sort);
    query.where((builder) =>
      builder
        .where(column, comparator, value as Knex.Value)
        .orWhere((tie) => tie.where(column, value as Knex.Value).andWhere(options.idColumn, comparator, id)),
    );
  }
  const rows = (await query
    .orderBy([
      { column, order: direction },
      { column: options.idColumn, order: direction },
    ])
    .limit(options.limit + 1)) as Row[];
  const hasMore = rows.length > options.limit;
  const pageRows = hasMore ? rows.slice(0, options.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  const sortKey = column.split('.').pop()!;
  const idKey = options.idColumn.split('.').pop()!;
  const lastValue = last?.[sortKey] instanceof Date ? (last[sortKey] as Date).toISOString() : last?.[sortKey];
  return {
    rows: pageRows,
    nextCursor:
      hasMore && last ? encodeCursor([options.sort, lastValue, last[idKey] as string | number]) : null,
  };
}

/** An ILIKE pattern matching `text` anywhere, with the user's own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
