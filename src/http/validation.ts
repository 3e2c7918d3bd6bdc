import type { z } from 'zod';
import { problems, type FieldError } from './problem.ts';

/** Renders a zod path under its request part: `body.parts[0].sku`. */
export function fieldPath(part: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    part,
  );
}

export function zodIssuesToFieldErrors(part: string, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: fieldPath(part, issue.path), message: issue.message }));
}

/** Parses one part of a request, or throws a 422 problem naming every offending field. */
export function parseRequestPart<T extends z.ZodType>(part: string, schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw problems.validation(zodIssuesToFieldErrors(part, result.error));
  return result.data;
}
