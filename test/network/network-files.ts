import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, NETWORK_FILES, type Network } from '../../scripts/network/index.ts';

export const DEMO_DIR = join(import.meta.dirname, '../../data/demo');

/** Reads a network written by the generator back into memory, file by file. */
export function readNetwork(directory: string): Network {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(directory, file), 'utf8'));
  const entities = Object.fromEntries(Object.entries(NETWORK_FILES).map(([key, file]) => [key, read(file)]));
  return { manifest: read(MANIFEST_FILE), ...entities } as Network;
}
