import type { z } from 'zod';

/** What went wrong, for callers that map it onto their own error taxonomy (problem+json, logs). */
export type CommitmentErrorCode =
  | 'invalid-catalog'
  | 'invalid-holidays'
  | 'unknown-profile'
  | 'invalid-overrides'
  | 'unknown-zone'
  | 'unknown-component'
  | 'invalid-input';

/** One offending value: `path` is dotted from the root of the value that was checked. */
export interface CommitmentIssue {
  path: string;
  message: string;
}

/**
 * The one error these pure modules throw. Only configuration mistakes and malformed input are
 * errors; an outcome such as a breached clock or a refused warranty claim is a return value.
 */
export class CommitmentError extends Error {
  readonly code: CommitmentErrorCode;
  readonly issues: CommitmentIssue[];

  constructor(code: CommitmentErrorCode, message: string, issues: CommitmentIssue[] = []) {
    super(
      issues.length
        ? `${message}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`
        : message,
    );
    this.name = 'CommitmentError';
    this.code = code;
    this.issues = issues;
  }
}

/** Dotted path of a zod issue, e.g. `clocks.onsite.byZone.same-city.1`. */
export function pathOf(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * Zod issues as commitment issues. An unknown key becomes one issue per key whose path ends with
 * the key itself, so that the caller can point at exactly the field to remove.
 */
export function issuesFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): CommitmentIssue[] {
  return error.issues.flatMap((issue) => {
    const base = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: pathOf([...base, key]), message: 'unknown key' }));
    }
    return [{ path: pathOf(base), message: issue.message }];
  });
}
