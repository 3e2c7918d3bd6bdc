import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { createServices } from '../../src/services.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/** The app on `database` with these environment settings on top of the test defaults. */
function appAndServicesWith(database: TestDatabase, env: Record<string, string>) {
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'false', ...env });
  const logger = createLogger('silent');
  const services = createServices({ db: database.db, config, logger, now: () => new Date() });
  return { app: createApp({ config, db: database.db, logger, services }), services };
}

const appWith = (database: TestDatabase, env: Record<string, string>) =>
  appAndServicesWith(database, env).app;

describe('hostile HTTP input: headers, CORS, rate limits, body limits', () => {
  let t: TestApp;
  let other: TestDatabase;
  beforeAll(async () => {
    t = await createTestApp();
    other = await createTestDatabase();
  });
  afterAll(async () => {
    await t.destroy();
    await other.destroy();
  });

  it('sends security headers and a CSP that lets the console load its own code and data: images', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toBeDefined();
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/img-src 'self' data:/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
  });

  it('allows the configured tile server and extra sources in the CSP, or reports only', async () => {
    const app = appWith(other, {
      CONSOLE_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
      CSP_EXTRA: 'connect-src https://api.example.org',
      CSP_REPORT_ONLY: 'true',
    });
    const res = await request(app).get('/healthz');
    expect(res.headers['content-security-policy']).toBeUndefined();
    const csp = String(res.headers['content-security-policy-report-only']);
    expect(csp).toMatch(/img-src 'self' data: https:\/\/\*\.tiles\.example\.org/);
    expect(csp).toMatch(/connect-src 'self' https:\/\/api\.example\.org/);
  });

  it('sends no CORS headers by default and allows only the configured origins', async () => {
    const none = await request(t.app).get('/healthz').set('Origin', 'https://evil.example');
    expect(none.headers['access-control-allow-origin']).toBeUndefined();

    const app = appWith(other, { CORS_ORIGINS: 'https://console.example, https://ops.example' });
    const allowed = await request(app)
      .options('/api/v1/tickets')
      .set('Origin', 'https://ops.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ops.example');
    expect(allowed.headers['access-control-allow-methods']).toMatch(/POST/);
    const refused = await request(app).get('/healthz').set('Origin', 'https://evil.example');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 429 problem+json with Retry-After past the rate limit, on /api only', async () => {
    const app = appWith(other, { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
    for (let i = 0; i < 3; i += 1) {
      const res = await request(app).get('/api/v1/no-such-route');
      expect(res.status).not.toBe(429);
    }
    const limited = await request(app).get('/api/v1/regions');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ status: 429, code: 'rate-limited' });
    // Probes are never limited.
    expect((await request(app).get('/healthz')).status).toBe(200);
  });

  it('has no rate limit in tests unless one is configured, and a generous one otherwise', () => {
    expect(parseConfig({ NODE_ENV: 'test' }).RATE_LIMIT_MAX).toBe(0);
    expect(parseConfig({ NODE_ENV: 'production' }).RATE_LIMIT_MAX).toBeGreaterThanOrEqual(1000);
    expect(parseConfig({ JSON_BODY_LIMIT: '1.5kb' }).JSON_BODY_LIMIT).toBe(1536);
    expect(() => parseConfig({ CSV_BODY_LIMIT: 'lots' })).toThrow(/CSV_BODY_LIMIT/);
  });

  it('refuses a JSON body over the limit with 413 problem+json', async () => {
    const app = appWith(other, { JSON_BODY_LIMIT: '1kb' });
    const res = await request(app)
      .post('/api/v1/regions')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ id: 'R-X', name: 'x'.repeat(2000) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('body-too-large');
  });

  it('refuses a CSV upload over the CSV limit, even when streamed without a Content-Length', async () => {
    const { app, services } = appAndServicesWith(other, { CSV_BODY_LIMIT: '2kb' });
    const { token } = await services.accessTokens.issue({ name: 'csv-limit', role: 'admin' }, 'test');
    const rows = Array.from({ length: 200 }, (_, i) => `SKU-${i},part,Part ${i}`).join('\n');
    const declared = await request(app)
      .post('/api/v1/skus/import')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'text/csv')
      .send(`id,kind,name\n${rows}\n`);
    expect(declared.status).toBe(413);
    expect(declared.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(declared.body.code).toBe('body-too-large');

    // Chunked: no Content-Length to check up front, so the stream itself is counted.
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/v1/skus/import',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.write('id,kind,name\n');
        for (let i = 0; i < 20; i += 1) req.write(`${rows.slice(0, 500)}\n`);
        req.end();
      });
      expect(streamed.status).toBe(413);
      expect(JSON.parse(streamed.body).code).toBe('body-too-large');
    } finally {
      server.close();
    }
  });

  it('refuses a body nested deeper than any request needs with a 422 naming the body', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const res = await request(t.app)
      .post('/api/v1/tickets')
      .set('content-type', 'application/json')
      .send(`{"parts":${deep}}`);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('body');
  });

  it('refuses a NUL character in a query or body with a 422 naming the field (found by the fuzzer: was a 500)', async () => {
    const query = await request(t.app).get('/api/v1/skus?q=%00&kind=part');
    expect(query.status).toBe(422);
    expect(query.body.errors).toEqual([{ field: 'query.q', message: expect.stringMatching(/NUL/) }]);
    const body = await request(t.app).post('/api/v1/regions').send({ id: 'R-NUL', name: 'a\u0000b' });
    expect(body.status).toBe(422);
    expect(body.body.errors[0].field).toBe('body.name');
    expect((await request(t.app).get('/api/v1/regions/R-NUL')).status).toBe(404);
  });

  it('answers a path with broken percent-encoding with 400 problem+json, not 500', async () => {
    const res = await request(t.app).get('/api/v1/regions/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
