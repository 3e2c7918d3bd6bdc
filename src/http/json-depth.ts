import type { RequestHandler } from 'express';
import { problems } from './problem.ts';

/**
 * No request body of this API nests deeper than a handful of levels. A body of thousands of
 * nested arrays parses (JSON.parse does not recurse) but would overflow the stack later, in
 * validation or when stored as jsonb, so it is refused up front with a 422 naming the body.
 */
export const MAX_JSON_DEPTH = 32;

/** The nesting depth of a parsed JSON value, walked without recursion; stops past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, level]);
  }
  return deepest;
}

export const rejectDeepJson: RequestHandler = (req, _res, next) => {
  if (req.body !== undefined && jsonDepth(req.body) > MAX_JSON_DEPTH)
    return next(
      problems.validation([{ field: 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` }]),
    );
  next();
};
