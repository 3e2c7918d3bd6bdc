/**
 * The one HTTP error type. Services throw it (or a database error the edge translates into it),
 * the error handler renders it as problem+json (RFC 9457). `errors` names each offending field.
 */
export interface FieldError {
  /** Where the problem is: `body.parts[0].sku`, `query.limit`, `params.id`. */
  field: string;
  message: string;
}

export class Problem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly errors: FieldError[];
  readonly headers: Record<string, string>;

  constructor(options: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    errors?: FieldError[];
    headers?: Record<string, string>;
  }) {
    super(options.detail ?? options.title);
    this.status = options.status;
    this.code = options.code;
    this.title = options.title;
    this.errors = options.errors ?? [];
    this.headers = options.headers ?? {};
  }

  toJSON(instance?: string): Record<string, unknown> {
    return {
      type: `https://spares-dispatch.dev/problems/${this.code}`,
      title: this.title,
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(instance ? { instance } : {}),
      ...(this.errors.length ? { errors: this.errors } : {}),
    };
  }
}

export const problems = {
  validation: (errors: FieldError[], detail?: string) =>
    new Problem({
      status: 422,
      code: 'validation-failed',
      title: 'The request is not valid',
      detail: detail ?? errors.map((error) => `${error.field}: ${error.message}`).join('; '),
      errors,
    }),
  badRequest: (detail: string, errors?: FieldError[]) =>
    new Problem({ status: 400, code: 'bad-request', title: 'Bad request', detail, errors }),
  notFound: (entity: string, id: string) =>
    new Problem({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: `${entity} ${id} does not exist`,
      errors: [{ field: 'params.id', message: `no ${entity} with id ${id}` }],
    }),
  conflict: (detail: string, code = 'conflict', errors?: FieldError[]) =>
    new Problem({ status: 409, code, title: 'Conflict', detail, errors }),
  unavailable: (detail: string, retryAfterSeconds = 5) =>
    new Problem({
      status: 503,
      code: 'unavailable',
      title: 'Service unavailable',
      detail,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
};
