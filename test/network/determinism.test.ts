import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateNetwork, MANIFEST_FILE, NETWORK_FILES, writeNetwork } from '../../scripts/network/index.ts';
import { DEMO_DIR, readNetwork } from './network-files.ts';

const SMALL = { seed: 7, stockLocations: 9, engineers: 20, sites: 120, skus: 90, tickets: 15 } as const;
const FILES = [MANIFEST_FILE, ...Object.values(NETWORK_FILES)].sort();

describe('the generator is deterministic', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'network-determinism-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const bytes = (directory: string) => FILES.map((file) => readFileSync(join(directory, file)));

  it('writes byte-identical files for the same seed and options', async () => {
    await writeNetwork(SMALL, join(scratch, 'a'));
    await writeNetwork(SMALL, join(scratch, 'b'));
    expect(readdirSync(join(scratch, 'a')).sort()).toEqual(FILES);
    expect(bytes(join(scratch, 'b'))).toEqual(bytes(join(scratch, 'a')));
  });

  it('writes a different network for another seed', async () => {
    await writeNetwork({ ...SMALL, seed: 8 }, join(scratch, 'c'));
    const locations = (directory: string) => readFileSync(join(directory, NETWORK_FILES.locations), 'utf8');
    expect(locations(join(scratch, 'c'))).not.toEqual(locations(join(scratch, 'a')));
  });

  it('keeps the committed demo in step with the generator', async () => {
    await writeNetwork({}, join(scratch, 'demo'));
    expect(bytes(join(scratch, 'demo'))).toEqual(bytes(DEMO_DIR));
  });

  it('builds in memory exactly what it writes', () => {
    expect(generateNetwork(SMALL)).toEqual(readNetwork(join(scratch, 'a')));
  });
});
