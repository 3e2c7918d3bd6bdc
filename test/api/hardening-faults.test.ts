import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { parseConfig } from '../../src/config.ts';
import { createDatabase, type Database } from '../../src/db/connection.ts';
import { isDatabaseUnavailable, translateDatabaseError } from '../../src/db/errors.ts';
import { createLogger } from '../../src/logger.ts';
import { createServices, type Services } from '../../src/services.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { aRegion } from '../support/fixtures.ts';

/**
 * A TCP proxy in front of PostgreSQL that the test can take down (refusing connections and
 * cutting the open ones, as a crashed or restarting server does) and bring back on the same port.
 */
class DatabaseProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as { port: number }).port;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const onPostgres = process.env.TEST_DATABASE === 'postgres';

// PGlite runs in the process: it cannot go away on its own, so this exists on PostgreSQL only.
if (onPostgres)
  describe('the database goes away and comes back (PostgreSQL through a proxy)', () => {
    let direct: TestDatabase;
    let proxy: DatabaseProxy;
    let db: Database;
    let services: Services;
    let app: ReturnType<typeof createApp>;
    let token: string;

    beforeAll(async () => {
      direct = await createTestDatabase();
      await aRegion(direct.db, 'R-SC');
      const config = parseConfig({
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DEMO_DATA: 'false',
      });
      const url = new URL(config.DATABASE_URL!);
      proxy = new DatabaseProxy({ host: url.hostname, port: Number(url.port || 5432) });
      await proxy.up();
      url.host = `127.0.0.1:${proxy.port}`;
      const schema = (direct.db.client.config as { searchPath: string[] }).searchPath[0]!;
      db = createDatabase({ url: url.toString(), schema, poolMax: 4 });
      const logger = createLogger('silent');
      services = createServices({ db, config, logger, now: () => new Date() });
      app = createApp({ config, db, logger, services });
      token = (await services.accessTokens.issue({ name: 'faults', role: 'admin' }, 'test')).token;
    });
    afterAll(async () => {
      await proxy.up().catch(() => undefined);
      await services.dispatchPlans.close();
      await services.scenarioRuns.close();
      await db.destroy();
      await direct.destroy();
      await proxy.down();
    });

    const get = (path: string) => request(app).get(path).set('authorization', `Bearer ${token}`);

    it('answers while the database is there', async () => {
      expect((await get('/readyz')).status).toBe(200);
      expect((await get('/api/v1/regions/R-SC')).status).toBe(200);
    });

    it('answers 503 with Retry-After (problem+json on the API) while it is down, and quickly', async () => {
      await proxy.down();
      const started = Date.now();
      const ready = await get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.headers['retry-after']).toBeDefined();

      for (const res of [
        await get('/api/v1/regions/R-SC'),
        await get('/api/v1/tickets'),
        await request(app)
          .post('/api/v1/regions')
          .set('authorization', `Bearer ${token}`)
          .send({ id: 'R-DOWN', name: 'written while down' }),
      ]) {
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body).toMatchObject({ status: 503, code: 'unavailable' });
      }
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('recovers without a restart once the database is back', async () => {
      await proxy.up();
      let status = 0;
      for (let attempt = 0; attempt < 20 && status !== 200; attempt += 1) {
        status = (await get('/api/v1/regions/R-SC')).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(status).toBe(200);
      expect((await get('/readyz')).status).toBe(200);
      // The write refused while it was down did not happen; a new one does.
      expect((await get('/api/v1/regions/R-DOWN')).status).toBe(404);
      const created = await request(app)
        .post('/api/v1/regions')
        .set('authorization', `Bearer ${token}`)
        .send({ id: 'R-BACK', name: 'written after recovery' });
      expect(created.status).toBe(201);
    });
  });

describe('connection failures are 503 problems, never 500', () => {
  it('classifies refused, reset and cut connections and pool timeouts as unavailable', () => {
    const failures: unknown[] = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), {
        name: 'KnexTimeoutError',
      }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    ];
    for (const failure of failures) {
      expect(isDatabaseUnavailable(failure)).toBe(true);
      const problem = translateDatabaseError(failure);
      expect(problem?.status).toBe(503);
      expect(problem?.headers['Retry-After']).toBe('5');
    }
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
  });
});
