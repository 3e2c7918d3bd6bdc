import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';

/** Bytes gathered before a write: few system calls, and a bounded string whatever the file size. */
const CHUNK_CHARS = 1 << 16;

/**
 * Writes `items` as a JSON array with one item per line, pulling them one at a time, so that a
 * network of millions of rows never exists as one string (or, for generated rows, in memory).
 * One line per item keeps diffs of the committed demo readable. Returns how many were written.
 */
export async function writeJsonArray(path: string, items: Iterable<unknown>): Promise<number> {
  const stream = createWriteStream(path);
  const done = finished(stream);
  // `done` reports a failure wherever the writer is waiting; this keeps an early one from going unhandled.
  done.catch(() => undefined);
  let buffer = '[';
  let count = 0;
  const flush = async () => {
    const ok = stream.write(buffer);
    buffer = '';
    if (!ok) await Promise.race([once(stream, 'drain'), done]);
  };
  for (const item of items) {
    buffer += `${count === 0 ? '\n' : ',\n'}${JSON.stringify(item)}`;
    count++;
    if (buffer.length >= CHUNK_CHARS) await flush();
  }
  buffer += count === 0 ? ']\n' : '\n]\n';
  await flush();
  stream.end();
  await done;
  return count;
}

export async function writeJsonObject(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

export async function ensureDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
}

export const pathIn = (directory: string, file: string): string => join(directory, file);
