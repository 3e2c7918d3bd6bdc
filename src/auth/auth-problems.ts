import { Problem } from '../http/problem.ts';

const REALM = 'spares-dispatch';

/**
 * 401 with the RFC 6750 challenge: no error code when no token was sent, `invalid_request` or
 * `invalid_token` when one was sent and is not usable.
 */
export function unauthorized(detail: string, error?: 'invalid_request' | 'invalid_token'): Problem {
  const challenge = error
    ? `Bearer realm="${REALM}", error="${error}", error_description="${detail.replace(/"/g, "'")}"`
    : `Bearer realm="${REALM}"`;
  return new Problem({
    status: 401,
    code: 'unauthorized',
    title: 'Unauthorized',
    detail,
    headers: { 'WWW-Authenticate': challenge },
  });
}

/** 403 naming the permission the route needs and the role that lacks it. */
export function forbidden(permission: string, role: string): Problem {
  return new Problem({
    status: 403,
    code: 'forbidden',
    title: 'Forbidden',
    detail: `this route needs the permission ${permission}, which the role ${role} does not have`,
    headers: {
      'WWW-Authenticate': `Bearer realm="${REALM}", error="insufficient_scope", scope="${permission}"`,
    },
  });
}
