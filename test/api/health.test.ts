import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('health, readiness and the API description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.destroy());

  it('answers /healthz', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('is ready once the database is reachable and migrated', async () => {
    const res = await request(t.app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.database).toBe(t.backend === 'postgres' ? 'postgresql' : 'pglite');
  });

  it('reports migrations pending as not ready', async () => {
    await t.db.migrate.down();
    const res = await request(t.app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.pending).toHaveLength(1);
    await t.db.migrate.latest();
  });

  it('serves an OpenAPI 3.1 document', async () => {
    const res = await request(t.app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.components.schemas.Problem).toBeDefined();
  });

  it('answers unknown API routes with problem+json', async () => {
    const res = await request(t.app).get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('no-such-route');
  });

  it('rejects malformed JSON with a 400 naming the body', async () => {
    const res = await request(t.app)
      .post('/api/v1/anything')
      .set('content-type', 'application/json')
      .send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body');
  });
});
