import type { z } from 'zod';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `['tickets', 3, 'site']` → `problem.tickets[3].site`. */
export function formatIssuePath(path: readonly PropertyKey[], root = 'problem'): string {
  let text = root;
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) text += `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** One line per issue: `problem.tickets[3].site: unknown location X`. */
export function formatZodIssues(error: z.ZodError, root = 'problem'): string[] {
  return error.issues.map((issue) => `${formatIssuePath(issue.path, root)}: ${issue.message}`);
}
