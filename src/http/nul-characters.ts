import type { RequestHandler } from 'express';
import { fieldPath } from './validation.ts';
import { problems } from './problem.ts';

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in a query or JSON body would fail deep
 * in a query (22021) instead of being named. Refused up front with a 422 naming the field.
 */
export function firstNulPath(value: unknown, part: string): string | undefined {
  const stack: Array<[unknown, PropertyKey[]]> = [[value, []]];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return fieldPath(part, path);
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes('\u0000')) return fieldPath(part, path);
        stack.push([child, [...path, Array.isArray(current) ? Number(key) : key]]);
      }
    }
  }
  return undefined;
}

export const rejectNulCharacters: RequestHandler = (req, _res, next) => {
  const field = firstNulPath(req.query, 'query') ?? firstNulPath(req.body, 'body');
  if (field) return next(problems.validation([{ field, message: 'contains a NUL character (U+0000)' }]));
  next();
};
