import { createHash } from 'node:crypto';
import { problems } from '../http/problem.ts';

/**
 * Idempotent intake: a client that retries a report (a timeout, a lost answer) sends the same
 * Idempotency-Key, and must get the ticket it already created, not a second one. The key is kept
 * with the ticket together with a hash of the request, so a key reused for another request is
 * told apart from a retry.
 */

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** The Idempotency-Key header, if any: 1 to 200 printable ASCII characters. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY_PATTERN.test(header))
    throw problems.badRequest('the Idempotency-Key header is not valid', [
      { field: 'headers.idempotency-key', message: 'must be 1 to 200 printable ASCII characters' },
    ]);
  return header;
}

/** JSON with object keys sorted, so two bodies that mean the same hash the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The hash of a parsed request body. Parsed, so defaults are filled in and a body that spells
 * out a default is the same request as one that leaves it out.
 */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}
