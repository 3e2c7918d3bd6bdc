import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenRepository } from '../../src/auth/access-token.repository.ts';
import { createAccessTokenService } from '../../src/auth/access-token.service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/** The token cache: a revocation made elsewhere holds once the window has passed, one made here at once. */
describe('API token cache', () => {
  let database: TestDatabase;
  let clockMs = 0;
  const now = () => new Date('2026-11-30T08:00:00+08:00');
  const service = (cacheMs: number) =>
    createAccessTokenService({
      db: database.db,
      tokens: createAccessTokenRepository(database.db),
      now,
      cacheMs,
      monotonicMs: () => clockMs,
    });
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.destroy());

  it('refuses a token revoked by another replica once the cache window has passed, not before', async () => {
    const here = service(5_000);
    const elsewhere = service(5_000);
    const { id, token } = await here.issue({ name: 'cached-dispatcher', role: 'dispatcher' }, 'test');
    expect((await here.authenticate(`Bearer ${token}`, undefined)).name).toBe('cached-dispatcher');
    await elsewhere.revoke(id, 'test');
    clockMs += 4_999;
    // Within the documented window this replica still answers from the row it read.
    expect((await here.authenticate(`Bearer ${token}`, undefined)).tokenId).toBe(id);
    clockMs += 1;
    await expect(here.authenticate(`Bearer ${token}`, undefined)).rejects.toThrow('the token is revoked');
  });

  it('refuses a token revoked through the same process from the next request on', async () => {
    const here = service(60_000);
    const { id, token } = await here.issue({ name: 'revoked-here', role: 'planner' }, 'test');
    await here.authenticate(`Bearer ${token}`, undefined);
    await here.revoke(id, 'test');
    await expect(here.authenticate(`Bearer ${token}`, undefined)).rejects.toThrow('the token is revoked');
  });

  it('still checks the presented secret against a cached token', async () => {
    const here = service(60_000);
    const { token } = await here.issue({ name: 'secret-checked', role: 'planner' }, 'test');
    await here.authenticate(`Bearer ${token}`, undefined);
    const wrongSecret = token.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    await expect(here.authenticate(`Bearer ${wrongSecret}`, undefined)).rejects.toThrow(
      'the token is not valid',
    );
  });

  it('reads the row on every request with a window of 0', async () => {
    const here = service(0);
    const elsewhere = service(0);
    const { id, token } = await here.issue({ name: 'uncached', role: 'planner' }, 'test');
    await here.authenticate(`Bearer ${token}`, undefined);
    await elsewhere.revoke(id, 'test');
    await expect(here.authenticate(`Bearer ${token}`, undefined)).rejects.toThrow('the token is revoked');
  });
});
