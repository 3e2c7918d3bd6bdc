import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aStockNetwork } from '../support/fixtures.ts';

const bearer = (token: string) => `Bearer ${token}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest();
const partsOf = (token: string) => {
  const match = /^sdt_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) throw new Error(`not a token: ${token}`);
  return { id: match[1]!, secret: match[2]! };
};

describe('API tokens and roles', () => {
  let t: TestApp;
  let n: Awaited<ReturnType<typeof aStockNetwork>>;
  beforeAll(async () => {
    t = await createTestApp();
    n = await aStockNetwork(t.db);
  });
  afterAll(() => t.destroy());

  const asAdmin = () => request(t.app);
  const issue = async (body: object) => {
    const res = await asAdmin().post('/api/v1/tokens').send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; name: string; role: string; token: string };
  };

  describe('authentication (401)', () => {
    it('refuses a request without a token with the Bearer challenge, as problem+json', async () => {
      const res = await request(t.rawApp).get('/api/v1/regions');
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="spares-dispatch"');
      expect(res.body).toMatchObject({ status: 401, code: 'unauthorized' });
    });

    it('answers 401, not 404, for a path that is no route, so routes cannot be probed', async () => {
      expect((await request(t.rawApp).get('/api/v1/no-such-thing')).status).toBe(401);
      expect((await request(t.app).get('/api/v1/no-such-thing')).status).toBe(404);
    });

    it.each([
      ['another scheme', 'Basic dXNlcjpwYXNz'],
      ['no token after Bearer', 'Bearer'],
      ['two words after Bearer', 'Bearer a b'],
    ])('refuses a malformed header (%s) as invalid_request', async (_case, header) => {
      const res = await request(t.rawApp).get('/api/v1/regions').set('Authorization', header);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/error="invalid_request"/);
    });

    it('gives an unknown token and a known id with a wrong secret the same answer', async () => {
      const { id } = partsOf(t.adminToken);
      const answers = [];
      for (const token of [
        'not-a-token',
        `sdt_${'0'.repeat(16)}_${'a'.repeat(43)}`,
        `sdt_${id}_${'a'.repeat(43)}`,
        `${t.adminToken}x`,
        t.adminToken.toUpperCase(),
      ]) {
        const res = await request(t.rawApp).get('/api/v1/regions').set('Authorization', bearer(token));
        answers.push([res.status, res.body.detail, res.headers['www-authenticate']]);
      }
      expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
      expect(answers[0]![0]).toBe(401);
      expect(answers[0]![2]).toMatch(/error="invalid_token"/);
    });

    it('needs no token for the health checks and the OpenAPI document', async () => {
      for (const path of ['/healthz', '/readyz', '/openapi.json'])
        expect((await request(t.rawApp).get(path)).status, path).toBe(200);
    });
  });

  describe('authorization (403)', () => {
    it('names the permission the role lacks, and writes nothing', async () => {
      const dispatcher = await t.tokenFor('dispatcher');
      const auditBefore = await t.db('audit_events').count({ n: '*' });
      const res = await request(t.rawApp)
        .post('/api/v1/regions')
        .set('Authorization', bearer(dispatcher))
        .send({ id: 'R-XX', name: 'Nowhere' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ status: 403, code: 'forbidden' });
      expect(res.body.detail).toContain('network:write');
      expect(res.body.detail).toContain('dispatcher');
      expect(res.headers['www-authenticate']).toMatch(/error="insufficient_scope", scope="network:write"/);
      expect(await t.db('regions').where({ id: 'R-XX' })).toHaveLength(0);
      expect(await t.db('audit_events').count({ n: '*' })).toEqual(auditBefore);
    });

    it('keeps token management to admins', async () => {
      for (const role of ['dispatcher', 'depot_manager', 'planner'] as const) {
        const res = await request(t.rawApp)
          .post('/api/v1/tokens')
          .set('Authorization', bearer(await t.tokenFor(role)))
          .send({ name: `sneaky-${role}`, role: 'admin' });
        expect(res.status, role).toBe(403);
        expect(res.body.detail).toContain('admin');
      }
      expect(await t.db('api_tokens').where('name', 'like', 'sneaky-%')).toHaveLength(0);
    });

    it('pins the policy of each role on representative routes', async () => {
      const cases: Array<[string, 'get' | 'post', string, Record<string, number | 'ok'>]> = [
        // [what, method, path, role → expected (403, or ok: neither 401 nor 403)]
        [
          'read the network',
          'get',
          '/api/v1/locations',
          { dispatcher: 'ok', depot_manager: 'ok', planner: 'ok' },
        ],
        [
          'book stock',
          'post',
          '/api/v1/stock/receipts',
          { dispatcher: 403, depot_manager: 'ok', planner: 403 },
        ],
        ['move a ticket', 'post', '/api/v1/tickets', { dispatcher: 'ok', depot_manager: 403, planner: 403 }],
        [
          'commit a plan',
          'post',
          '/api/v1/dispatch/plans/x/commit',
          { dispatcher: 'ok', depot_manager: 403, planner: 403 },
        ],
        [
          'read dispatch plans',
          'get',
          '/api/v1/dispatch/plans',
          { dispatcher: 'ok', depot_manager: 403, planner: 'ok' },
        ],
        [
          'review reorder',
          'post',
          '/api/v1/reorder/suggestions/1/approve',
          { dispatcher: 403, depot_manager: 'ok', planner: 403 },
        ],
        [
          'read reorder',
          'get',
          '/api/v1/reorder/suggestions',
          { dispatcher: 403, depot_manager: 'ok', planner: 'ok' },
        ],
        [
          'write a scenario',
          'post',
          '/api/v1/scenarios',
          { dispatcher: 403, depot_manager: 403, planner: 'ok' },
        ],
        [
          'read scenarios',
          'get',
          '/api/v1/scenarios',
          { dispatcher: 403, depot_manager: 403, planner: 'ok' },
        ],
      ];
      const wrong: string[] = [];
      for (const [what, method, path, expected] of cases)
        for (const [role, outcome] of Object.entries(expected)) {
          const token = await t.tokenFor(role as 'dispatcher');
          const res = await request(t.rawApp)[method](path).set('Authorization', bearer(token)).send({});
          const ok = outcome === 'ok' ? res.status !== 401 && res.status !== 403 : res.status === outcome;
          if (!ok) wrong.push(`${role} may ${outcome === 'ok' ? '' : 'not '}${what}: got ${res.status}`);
        }
      expect(wrong).toEqual([]);
    });
  });

  describe('issuing, listing and revoking', () => {
    it('returns the token once and stores only the SHA-256 of its secret', async () => {
      const res = await asAdmin().post('/api/v1/tokens').send({ name: 'erp-bridge', role: 'depot_manager' });
      expect(res.status).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const { id, secret } = partsOf(res.body.token);
      expect(res.body).toMatchObject({
        id,
        name: 'erp-bridge',
        role: 'depot_manager',
        status: 'active',
        createdBy: 'api',
      });
      const row = await t.db('api_tokens').where({ id }).first();
      expect(Buffer.from(row.secret_sha256).equals(sha256(secret))).toBe(true);
      expect(JSON.stringify(row)).not.toContain(secret);
      const listed = await asAdmin().get('/api/v1/tokens?sort=-createdAt&limit=500');
      const item = listed.body.items.find((token: { id: string }) => token.id === id);
      expect(item).toMatchObject({ name: 'erp-bridge', lastUsedAt: null });
      expect(item).not.toHaveProperty('token');
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      const audit = await t.db('audit_events').where({ entity: 'api_token', entity_id: id });
      expect(audit.map((a) => [a.actor, a.action, a.token_id])).toEqual([
        ['api', 'create', partsOf(t.adminToken).id],
      ]);
    });

    it('authenticates the new token as its name and role, and records it as the actor', async () => {
      const { id, token } = await issue({ name: 'mgr.zhou', role: 'depot_manager' });
      const me = await request(t.rawApp).get('/api/v1/me').set('Authorization', bearer(token));
      expect(me.status).toBe(200);
      expect(me.body).toEqual({
        tokenId: id,
        name: 'mgr.zhou',
        role: 'depot_manager',
        actor: 'mgr.zhou',
        permissions: [
          'network:read',
          'stock:read',
          'stock:write',
          'tickets:read',
          'reorder:read',
          'reorder:write',
        ],
      });
      // X-Actor is not honoured from a non-admin token: the change is recorded as the token's.
      const receipt = await request(t.rawApp)
        .post('/api/v1/stock/receipts')
        .set('Authorization', bearer(token))
        .set('X-Actor', 'someone-else')
        .send({
          reference: { type: 'purchase_order', id: 'PO-A' },
          lines: [{ locationId: n.depot, skuId: n.psu, qty: 2 }],
        });
      expect(receipt.status).toBe(201);
      expect(receipt.body.movements[0].actor).toBe('mgr.zhou');
      const audit = await t.db('audit_events').where({ entity: 'stock_movement', action: 'receive' });
      expect(audit.map((a) => [a.actor, a.token_id])).toEqual([['mgr.zhou', id]]);
      const row = await t.db('api_tokens').where({ id }).first();
      expect(new Date(row.last_used_at).toISOString()).toBe(
        new Date('2026-11-30T08:00:00+08:00').toISOString(),
      );
    });

    it('lets an admin token act for a named person, keeping the token in the audit trail', async () => {
      const res = await asAdmin()
        .post('/api/v1/regions')
        .set('X-Actor', 'hotline.wu')
        .send({ id: 'R-GZ', name: 'Guizhou' });
      expect(res.status).toBe(201);
      const audit = await t.db('audit_events').where({ entity: 'region', entity_id: 'R-GZ' });
      expect(audit.map((a) => [a.actor, a.token_id])).toEqual([['hotline.wu', partsOf(t.adminToken).id]]);
      expect((await asAdmin().get('/api/v1/me').set('X-Actor', 'hotline.wu')).body).toMatchObject({
        name: 'api',
        actor: 'hotline.wu',
      });
    });

    it('refuses a revoked token from the next request on; revoking twice is a no-op', async () => {
      const { id, token } = await issue({ name: 'temp-dispatcher', role: 'dispatcher' });
      expect(
        (await request(t.rawApp).get('/api/v1/tickets').set('Authorization', bearer(token))).status,
      ).toBe(200);
      expect((await asAdmin().delete(`/api/v1/tokens/${id}`)).status).toBe(204);
      const refused = await request(t.rawApp).get('/api/v1/tickets').set('Authorization', bearer(token));
      expect(refused.status).toBe(401);
      expect(refused.body.detail).toBe('the token is revoked');
      expect(refused.headers['www-authenticate']).toMatch(/error="invalid_token"/);
      expect((await asAdmin().delete(`/api/v1/tokens/${id}`)).status).toBe(204);
      const audit = await t.db('audit_events').where({ entity: 'api_token', entity_id: id }).orderBy('id');
      expect(audit.map((a) => a.action)).toEqual(['create', 'revoke']);
      expect((await asAdmin().get(`/api/v1/tokens/${id}`)).body).toMatchObject({
        status: 'revoked',
        revokedBy: 'api',
      });
      const revoked = await asAdmin().get('/api/v1/tokens?status=revoked');
      expect(revoked.body.items.map((item: { id: string }) => item.id)).toContain(id);
      const active = await asAdmin().get('/api/v1/tokens?status=active&limit=500');
      expect(active.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    });

    it('answers 404 for an unknown token and 422 for a malformed id', async () => {
      expect((await asAdmin().delete(`/api/v1/tokens/${'f'.repeat(16)}`)).status).toBe(404);
      const bad = await asAdmin().delete('/api/v1/tokens/not-an-id');
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].field).toBe('params.id');
    });

    it('an admin can revoke its own token, and is then refused', async () => {
      const { id, token } = await issue({ name: 'self-revoker', role: 'admin' });
      expect(
        (await request(t.rawApp).delete(`/api/v1/tokens/${id}`).set('Authorization', bearer(token))).status,
      ).toBe(204);
      expect((await request(t.rawApp).get('/api/v1/me').set('Authorization', bearer(token))).status).toBe(
        401,
      );
    });

    it('keeps names unique among tokens in force, and frees a name by revoking', async () => {
      const first = await issue({ name: 'nightly-import', role: 'depot_manager' });
      const again = await asAdmin().post('/api/v1/tokens').send({ name: 'nightly-import', role: 'planner' });
      expect(again.status).toBe(409);
      expect(again.body.errors[0].field).toBe('body.name');
      await asAdmin().delete(`/api/v1/tokens/${first.id}`).expect(204);
      expect((await issue({ name: 'nightly-import', role: 'planner' })).role).toBe('planner');
    });

    it('validates the body, naming each field', async () => {
      const res = await asAdmin()
        .post('/api/v1/tokens')
        .send({ name: 'has spaces', role: 'superuser', extra: 1 });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        expect.arrayContaining(['body.name', 'body.role']),
      );
      const past = await asAdmin()
        .post('/api/v1/tokens')
        .send({ name: 'late', role: 'planner', expiresAt: '2026-11-29T00:00:00+08:00' });
      expect(past.status).toBe(422);
      expect(past.body.errors).toEqual([{ field: 'body.expiresAt', message: 'must be in the future' }]);
    });

    it('refuses a token past its expiry', async () => {
      const { token } = await issue({
        name: 'contractor',
        role: 'planner',
        expiresAt: '2026-11-30T09:00:00+08:00',
      });
      expect((await request(t.rawApp).get('/api/v1/me').set('Authorization', bearer(token))).status).toBe(
        200,
      );
      t.setNow('2026-11-30T09:00:01+08:00');
      try {
        const res = await request(t.rawApp).get('/api/v1/me').set('Authorization', bearer(token));
        expect(res.status).toBe(401);
        expect(res.body.detail).toBe('the token is expired');
        const expired = await asAdmin().get('/api/v1/tokens?status=expired');
        expect(expired.body.items.map((item: { name: string }) => item.name)).toEqual(['contractor']);
      } finally {
        t.setNow('2026-11-30T08:00:00+08:00');
      }
    });

    it('documents the bearer scheme, each permission and the 401/403 answers in OpenAPI', async () => {
      const document = (await request(t.rawApp).get('/openapi.json')).body;
      expect(document.components.securitySchemes.bearerToken).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
      const post = document.paths['/api/v1/tokens'].post;
      expect(post['x-permission']).toBe('admin');
      expect(post.security).toEqual([{ bearerToken: [] }]);
      expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '401', '403']));
    });
  });

  describe('ADMIN_TOKEN', () => {
    const adminToken = (id: string) => `sdt_${id}_${'s'.repeat(40)}`;

    it('is refused by the configuration unless shaped like a token, without echoing it', () => {
      expect(() => parseConfig({ ADMIN_TOKEN: 'hunter2-hunter2' })).toThrow(/ADMIN_TOKEN: must be sdt_/);
      expect(() => parseConfig({ ADMIN_TOKEN: 'hunter2-hunter2' })).not.toThrow(/hunter2/);
      expect(parseConfig({ ADMIN_TOKEN: adminToken('00000000000000a1') }).ADMIN_TOKEN).toBe(
        adminToken('00000000000000a1'),
      );
    });

    it('is made an admin token once; a new value replaces the old; a revoked one stays revoked', async () => {
      const first = adminToken('00000000000000b1');
      expect(await t.services.accessTokens.ensureBootstrapAdmin(first)).toBe('created');
      expect(await t.services.accessTokens.ensureBootstrapAdmin(first)).toBe('present');
      const me = await request(t.rawApp).get('/api/v1/me').set('Authorization', bearer(first));
      expect(me.body).toMatchObject({ name: 'bootstrap-admin', role: 'admin' });

      const second = adminToken('00000000000000b2');
      expect(await t.services.accessTokens.ensureBootstrapAdmin(second)).toBe('created');
      expect((await request(t.rawApp).get('/api/v1/me').set('Authorization', bearer(first))).status).toBe(
        401,
      );
      expect((await request(t.rawApp).get('/api/v1/me').set('Authorization', bearer(second))).status).toBe(
        200,
      );

      await asAdmin().delete('/api/v1/tokens/00000000000000b2').expect(204);
      expect(await t.services.accessTokens.ensureBootstrapAdmin(second)).toBe('revoked');
      expect((await request(t.rawApp).get('/api/v1/me').set('Authorization', bearer(second))).status).toBe(
        401,
      );

      await expect(
        t.services.accessTokens.ensureBootstrapAdmin(`sdt_00000000000000b1_${'x'.repeat(40)}`),
      ).rejects.toThrow(/another secret/);
    });
  });
});
