import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The token string: `sdt_<id>_<secret>`. The prefix makes a leaked token recognisable (secret
 * scanners, logs); the id finds the row without touching the secret; the secret is 32 random
 * bytes, so a plain SHA-256 is enough to store it (no salt or slow hash needed: nothing to guess).
 */
export const TOKEN_PREFIX = 'sdt_';
const ID_PATTERN = /^[0-9a-f]{16}$/;
/** What a token looks like; a bootstrap ADMIN_TOKEN must look the same. */
export const TOKEN_PATTERN = /^sdt_([0-9a-f]{16})_([A-Za-z0-9_-]{32,200})$/;

export interface TokenParts {
  id: string;
  secret: string;
}

export function newTokenId(): string {
  return randomBytes(8).toString('hex');
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function formatToken(parts: TokenParts): string {
  if (!ID_PATTERN.test(parts.id)) throw new Error(`not a token id: ${parts.id}`);
  return `${TOKEN_PREFIX}${parts.id}_${parts.secret}`;
}

/** The id and secret of a presented token, or undefined when it is not shaped like one. */
export function parseToken(token: string): TokenParts | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : undefined;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Compares a presented secret with a stored hash in time that does not depend on where they differ. */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const presented = hashSecret(secret);
  return storedHash.length === presented.length && timingSafeEqual(presented, storedHash);
}
