import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/**
 * Building blocks shared by the features' request and response schemas. Every schema module
 * imports from here, so zod learns `.openapi()` before any of them is defined, whatever the
 * order in which modules load.
 */
extendZodWithOpenApi(z);

/** A record id as it appears in a path or a reference: printable, bounded, no path separators. */
export const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]*$/,
    'must be letters, digits, and . _ : - (not starting with a symbol)',
  );

export const IdParams = z.object({ id: Id });

export const IsoDateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();

/** Timestamps leave the database as Date objects; the API speaks ISO-8601. */
export const toIso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined
    ? null
    : value instanceof Date
      ? value.toISOString()
      : new Date(value).toISOString();

/** Dates (no time) leave PostgreSQL as Date at local midnight or as 'YYYY-MM-DD' strings. */
export const toIsoDate = (value: Date | string | null | undefined): string | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  const y = value.getFullYear();
  const m = String(value.getMonth() + 1).padStart(2, '0');
  const d = String(value.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
};

/** A query flag given as ?active=true / false. */
export const QueryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');
