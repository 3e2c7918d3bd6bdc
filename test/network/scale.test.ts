import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { integrityProblems } from './integrity.ts';
import { readNetwork } from './network-files.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const cli = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/generate-network.ts', ...args], { cwd: ROOT });

describe('generate-network --scale', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'network-scale-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('writes a sound network of exactly the sizes asked for', async () => {
    const out = join(scratch, 'scale');
    const size = { stockLocations: 40, engineers: 150, sites: 2000, skus: 700, tickets: 250 };
    await cli([
      '--scale',
      '--seed',
      '3',
      '--out',
      out,
      '--stock-locations',
      '40',
      '--engineers',
      '150',
      '--sites',
      '2000',
      '--skus',
      '700',
      '--tickets',
      '250',
    ]);
    const network = readNetwork(out);
    expect(network.manifest.scale).toBe(true);
    expect(network.manifest.options).toEqual(size);
    const kinds = (...kind: string[]) => network.locations.filter((l) => kind.includes(l.kind)).length;
    expect(kinds('depot', 'office')).toBe(size.stockLocations);
    expect(kinds('depot')).toBeGreaterThan(3);
    expect(kinds('site')).toBe(size.sites);
    expect(kinds('van')).toBe(size.engineers);
    expect(network.engineers).toHaveLength(size.engineers);
    expect(network.skus).toHaveLength(size.skus);
    expect(network.tickets.filter((t) => t.status !== 'closed')).toHaveLength(size.tickets);
    expect(integrityProblems(network)).toEqual([]);
  });

  it('refuses to run without --out, so that no scale network lands in the repository', async () => {
    await expect(cli(['--scale', '--sites', '10'])).rejects.toMatchObject({ code: 1 });
  });
});
