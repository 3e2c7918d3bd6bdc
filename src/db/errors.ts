import { Problem, problems } from '../http/problem.ts';

/**
 * PostgreSQL errors become domain problems here, at the database edge, so that a unique or
 * foreign-key violation reaches the client as a 409 or 422 naming the field, never as a 500.
 */
interface PostgresError {
  code?: string;
  constraint?: string;
  column?: string;
  detail?: string;
  table?: string;
}

const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
  '57P02',
  '53300',
  '57P01',
  '57P03',
  '08006',
  '08001',
  '08003',
]);

/** Messages of connection failures that carry no code (pg, knex's pool). */
const connectionErrorMessages =
  /Connection terminated|connection error|Timeout acquiring a connection|Client was closed|not queryable/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && connectionErrorCodes.has(code)) return true;
  if (name === 'KnexTimeoutError') return true;
  return typeof code !== 'string' && typeof message === 'string' && connectionErrorMessages.test(message);
}

/** The column a constraint violation is about, from PostgreSQL's "Key (col)=(…)" detail. */
function columnOf(error: PostgresError): string | undefined {
  if (error.column) return error.column;
  const match = /Key \(([^)]+)\)/.exec(error.detail ?? '');
  return match?.[1]?.split(',')[0]?.trim();
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

export function translateDatabaseError(error: unknown): Problem | undefined {
  if (error instanceof Problem) return error;
  if (isDatabaseUnavailable(error)) return problems.unavailable('the database cannot be reached');
  const pg = error as PostgresError;
  if (typeof pg?.code !== 'string') return undefined;
  const column = columnOf(pg);
  const field = column
    ? `body.${camel(column.replace(/_id$/, ''))}${column.endsWith('_id') ? 'Id' : ''}`
    : 'body';
  switch (pg.code) {
    case '23505':
      return problems.conflict(`a record with this ${column ?? 'key'} already exists`, 'duplicate', [
        { field, message: 'already exists' },
      ]);
    case '23503':
      return pg.detail?.includes('is still referenced')
        ? problems.conflict(`it is still referenced (${pg.table ?? 'another record'})`, 'still-referenced')
        : problems.validation([{ field, message: `refers to a record that does not exist` }]);
    case '23502':
      return problems.validation([{ field, message: 'is required' }]);
    case '23514':
      if (pg.constraint?.startsWith('stock_balances_'))
        return problems.conflict(
          'not enough stock: the movement would take a balance below zero',
          'insufficient-stock',
        );
      return problems.validation([
        { field: 'body', message: `violates ${pg.constraint ?? 'a check constraint'}` },
      ]);
    case '22021': // a NUL or invalid UTF-8 byte (e.g. from a CSV cell)
    case '22P05':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return problems.validation([{ field, message: 'has an invalid value' }]);
    case '40001':
    case '40P01':
      return problems.conflict('a concurrent change got there first; try again', 'concurrent-change');
    default:
      return undefined;
  }
}
