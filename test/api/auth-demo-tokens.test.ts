import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/auth/roles.ts';
import { parseConfig } from '../../src/config.ts';
import { DEMO_TOKEN_NAMES, ensureDemoTokens } from '../../src/demo/demo-tokens.ts';
import { createLogger } from '../../src/logger.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/** The demo's tokens, on a database with no token yet (createTestApp would seed one). */
describe('demo tokens', () => {
  let database: TestDatabase;
  let services: Services;
  let dataDir: string;
  const logger = createLogger('silent');
  beforeAll(async () => {
    database = await createTestDatabase();
    const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'true' });
    services = createServices({
      db: database.db,
      config,
      logger,
      now: () => new Date('2026-11-30T08:00:00+08:00'),
    });
    dataDir = await mkdtemp(path.join(tmpdir(), 'demo-tokens-'));
  });
  afterAll(async () => {
    await database.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  const fileOf = () => path.join(dataDir, 'demo-tokens.json');
  const authenticate = (token: string) => services.accessTokens.authenticate(`Bearer ${token}`, undefined);

  it('issues one token per role on first start and writes them where only the owner can read', async () => {
    const result = await ensureDemoTokens({ tokens: services.accessTokens, dataDir, logger });
    expect(result?.file).toBe(fileOf());
    const saved = JSON.parse(await readFile(fileOf(), 'utf8'));
    expect(Object.keys(saved.tokens).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) {
      expect(saved.tokens[role]).toBe(result!.tokens[role]);
      expect(await authenticate(saved.tokens[role])).toMatchObject({ role, name: DEMO_TOKEN_NAMES[role] });
    }
    expect((await stat(fileOf())).mode & 0o077).toBe(0);
  });

  it('reuses the saved tokens while they all work', async () => {
    const before = await readFile(fileOf(), 'utf8');
    const again = await ensureDemoTokens({ tokens: services.accessTokens, dataDir, logger });
    expect(await readFile(fileOf(), 'utf8')).toBe(before);
    expect(again!.tokens).toEqual(JSON.parse(before).tokens);
    expect(await database.db('api_tokens')).toHaveLength(ROLES.length);
    expect(await database.db('api_tokens').whereNull('revoked_at')).toHaveLength(ROLES.length);
  });

  it('revokes and reissues them when the file is lost', async () => {
    const lost = JSON.parse(await readFile(fileOf(), 'utf8')).tokens as Record<string, string>;
    await writeFile(fileOf(), 'not json');
    const fresh = await ensureDemoTokens({ tokens: services.accessTokens, dataDir, logger });
    for (const role of ROLES) {
      expect(fresh!.tokens[role]).not.toBe(lost[role]);
      await expect(authenticate(lost[role]!)).rejects.toMatchObject({ status: 401 });
      expect((await authenticate(fresh!.tokens[role])).role).toBe(role);
    }
    expect(await database.db('api_tokens').whereNull('revoked_at')).toHaveLength(ROLES.length);
  });

  it('issues none where access is managed for real (another token in force)', async () => {
    await services.accessTokens.issue({ name: 'ops', role: 'admin' }, 'test');
    await rm(fileOf());
    expect(await ensureDemoTokens({ tokens: services.accessTokens, dataDir, logger })).toBeUndefined();
    await expect(readFile(fileOf())).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
