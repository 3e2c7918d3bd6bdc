import { z } from 'zod';
import { listQuery, pageSchema } from '../db/pagination.ts';
import { IsoDateTime } from '../http/schemas.ts';
import { GRANTABLE_PERMISSIONS, ROLES } from './roles.ts';

/** A token's name is the actor the audit trail records, so it has the shape of one. */
export const TokenName = z
  .string()
  .regex(/^[\w.@:-]{1,100}$/, 'must be 1 to 100 letters, digits, and . _ @ : -');

export const Role = z.enum(ROLES);

export const AccessToken = z
  .object({
    id: z.string(),
    name: z.string(),
    role: Role,
    status: z.enum(['active', 'expired', 'revoked']),
    createdBy: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
  })
  .openapi('AccessToken');
export type AccessToken = z.infer<typeof AccessToken>;

export const CreatedAccessToken = AccessToken.extend({
  token: z
    .string()
    .openapi({ description: 'The bearer token, `sdt_<id>_<secret>`: shown once, never stored' }),
}).openapi('CreatedAccessToken');
export type CreatedAccessToken = z.infer<typeof CreatedAccessToken>;

export const AccessTokenCreate = z
  .object({
    name: TokenName,
    role: Role,
    /** Optional end of validity; absent: valid until revoked. */
    expiresAt: IsoDateTime.optional(),
  })
  .strict()
  .openapi('AccessTokenCreate');
export type AccessTokenCreate = z.infer<typeof AccessTokenCreate>;

export const AccessTokenListQuery = listQuery(['createdAt', 'name'], {
  status: z.enum(['active', 'expired', 'revoked']).optional(),
});
export type AccessTokenListQuery = z.infer<typeof AccessTokenListQuery>;

export const AccessTokenPage = pageSchema(AccessToken).openapi('AccessTokenPage');

export const TokenIdParams = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/, 'must be a token id (16 hex digits)'),
});

/** Who the caller is: the console shows it and hides what the role may not do. */
export const Me = z
  .object({
    tokenId: z.string(),
    name: z.string(),
    role: Role,
    actor: z.string(),
    permissions: z.array(z.enum(GRANTABLE_PERMISSIONS)),
  })
  .openapi('Me');
export type Me = z.infer<typeof Me>;
