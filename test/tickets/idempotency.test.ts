import { describe, expect, it } from 'vitest';
import { parseIdempotencyKey, requestHash } from '../../src/tickets/idempotency.ts';
import { Problem } from '../../src/http/problem.ts';

describe('idempotency', () => {
  it('hashes bodies that mean the same alike, whatever the key order', () => {
    const a = requestHash({ siteId: 'S-1', level: 2, parts: [{ skuId: 'P', qty: 1 }], note: undefined });
    const b = requestHash({ parts: [{ qty: 1, skuId: 'P' }], level: 2, siteId: 'S-1' });
    expect(a).toBe(b);
    expect(requestHash({ siteId: 'S-1', level: 3 })).not.toBe(requestHash({ siteId: 'S-1', level: 2 }));
    expect(requestHash({ parts: [1, 2] })).not.toBe(requestHash({ parts: [2, 1] }));
  });

  it('accepts printable keys and rejects others with a problem naming the header', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('3f2a-retry_1')).toBe('3f2a-retry_1');
    for (const bad of ['', 'with space', 'x'.repeat(201), 'é']) {
      const error = (() => {
        try {
          parseIdempotencyKey(bad);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(Problem);
      expect((error as Problem).errors[0]?.field).toBe('headers.idempotency-key');
    }
  });
});
