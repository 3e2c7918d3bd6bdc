import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { z } from 'zod';
import { Problem, problems, type FieldError } from './problem.ts';

/** At most this many rows are reported when a file is rejected; the first is what matters most. */
const MAX_REPORTED_ERRORS = 20;
/** The app setting that holds the largest upload in bytes (config CSV_BODY_LIMIT); else 50 MiB. */
export const CSV_LIMIT_SETTING = 'csv body limit';
const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

function tooLarge(limit: number): Problem {
  return new Problem({
    status: 413,
    code: 'body-too-large',
    title: 'Payload too large',
    detail: `the file is larger than ${limit} bytes`,
  });
}

/** Counts the bytes of a streamed upload, so a chunked body without Content-Length is bounded too. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(tooLarge(limit));
      else callback(null, chunk);
    },
  });
}

/**
 * Reads a CSV upload (header row, then records) from the request stream and validates each
 * record with `rowSchema`. A file with any bad record is rejected whole: the caller writes
 * nothing, and the problem names each bad line (1-based, counting the header as line 1) and column.
 */
export async function readCsvUpload<T extends z.ZodType>(
  req: Request,
  rowSchema: T,
): Promise<Array<z.output<T>>> {
  return (await readCsvRecords(req, rowSchema)).map((record) => record.value);
}

/**
 * As readCsvUpload, keeping each record's line number so that checks made later (against the
 * database, inside the import's transaction) can still name the line they reject.
 */
export async function readCsvRecords<T extends z.ZodType>(
  req: Request,
  rowSchema: T,
): Promise<Array<{ line: number; value: z.output<T> }>> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^text\/csv\b/i.test(contentType))
    throw problems.badRequest('send the file as text/csv', [
      { field: 'headers.content-type', message: 'must be text/csv' },
    ]);
  const limit = Number(req.app?.get(CSV_LIMIT_SETTING)) || DEFAULT_MAX_UPLOAD_BYTES;
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > limit) throw tooLarge(limit);

  const rows: Array<{ line: number; value: z.output<T> }> = [];
  const errors: FieldError[] = [];
  const parser = parse({
    columns: true,
    bom: true,
    trim: true,
    skip_empty_lines: true,
    info: true,
    relax_column_count: false,
  });
  const consume = (async () => {
    for await (const record of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const result = rowSchema.safeParse(blankToUndefined(record.record));
      if (result.success) rows.push({ line: record.info.lines, value: result.data });
      else if (errors.length < MAX_REPORTED_ERRORS)
        for (const issue of result.error.issues)
          errors.push({
            field: `line ${record.info.lines}: ${issue.path.join('.') || 'row'}`,
            message: issue.message,
          });
    }
  })();
  try {
    await Promise.all([pipeline(req, byteLimit(limit), parser), consume]);
  } catch (error) {
    if (error instanceof Problem) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw problems.validation([{ field: 'body', message: `not a valid CSV file: ${message}` }]);
  }
  if (errors.length)
    throw problems.validation(
      errors,
      `the file was rejected, nothing was written: ${errors[0]!.field}: ${errors[0]!.message}`,
    );
  if (rows.length === 0) throw problems.validation([{ field: 'body', message: 'the file has no records' }]);
  return rows;
}

/** Empty CSV cells mean "not given", so optional columns can be left blank. */
function blankToUndefined(record: Record<string, string>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, value === '' ? undefined : value]),
  );
}

/**
 * Streams rows as CSV, batch by batch, so an export of a national catalog never sits in memory
 * whole. `batches` yields arrays of records (e.g. keyset pages from a repository).
 */
export async function sendCsv(
  res: Response,
  filename: string,
  columns: string[],
  batches: AsyncIterable<Array<Record<string, unknown>>>,
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  const stringifier = stringify({ header: true, columns, cast: { boolean: (value) => String(value) } });
  const produce = (async () => {
    for await (const batch of batches) {
      for (const row of batch) {
        if (!stringifier.write(row)) await new Promise((resolve) => stringifier.once('drain', resolve));
      }
    }
    stringifier.end();
  })();
  await Promise.all([pipeline(stringifier, res), produce]);
}
