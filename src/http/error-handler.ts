import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { translateDatabaseError } from '../db/errors.ts';
import { Problem, problems } from './problem.ts';

/** Writes a problem as application/problem+json with its headers (Retry-After, …). */
export function sendProblem(res: Parameters<RequestHandler>[1], problem: Problem, instance: string): void {
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify(problem.toJSON(instance)));
}

/** Anything under /api that no route matched. */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(
    res,
    new Problem({
      status: 404,
      code: 'no-such-route',
      title: 'Not found',
      detail: `no route ${req.method} ${req.path}`,
    }),
    req.originalUrl,
  );
};

/** Bodies the JSON parser rejected, expressed as problems naming the body. */
function fromBodyParser(error: { type?: string; status?: number; message?: string }): Problem | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return problems.badRequest('the body is not valid JSON', [
        { field: 'body', message: 'malformed JSON' },
      ]);
    case 'entity.too.large':
      return new Problem({
        status: 413,
        code: 'body-too-large',
        title: 'Payload too large',
        detail: 'the body is too large',
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new Problem({
        status: 415,
        code: 'unsupported-encoding',
        title: 'Unsupported media type',
        detail: error.message,
      });
    default:
      // Other client errors raised by express itself (e.g. a path with broken percent-encoding)
      // carry their 4xx status; they are the client's fault, not a 500.
      if (typeof error.status === 'number' && error.status >= 400 && error.status < 500)
        return new Problem({
          status: error.status,
          code: 'bad-request',
          title: 'Bad request',
          detail: error.message ?? 'the request could not be read',
        });
      return undefined;
  }
}

/**
 * The one error handler: known problems as problem+json, database errors translated at the edge,
 * and anything unknown logged with the request id and answered with a generic 500.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const problem =
      error instanceof Problem ? error : (fromBodyParser(error) ?? translateDatabaseError(error));
    if (problem) {
      if (problem.status >= 500) logger.warn({ err: error, requestId: req.id }, problem.message);
      return sendProblem(res, problem, req.originalUrl);
    }
    logger.error({ err: error, requestId: req.id }, 'unhandled error');
    sendProblem(
      res,
      new Problem({
        status: 500,
        code: 'internal',
        title: 'Internal server error',
        detail: `something went wrong; quote request id ${String(req.id ?? '')}`,
      }),
      req.originalUrl,
    );
  };
}
