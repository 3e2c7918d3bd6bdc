import { OpenAPIRegistry, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { parseRequestPart } from './validation.ts';

extendZodWithOpenApi(z);

/**
 * What a route may do, by area. Every route declares one and src/auth/roles.ts maps roles onto
 * them; a route without a permission does not type-check. `public` needs no token,
 * `authenticated` any valid token.
 */
export type Permission =
  | 'public'
  | 'authenticated'
  | 'network:read'
  | 'network:write'
  | 'stock:read'
  | 'stock:write'
  | 'tickets:read'
  | 'tickets:write'
  | 'dispatch:read'
  | 'dispatch:write'
  | 'reorder:read'
  | 'reorder:write'
  | 'scenarios:read'
  | 'scenarios:write'
  | 'admin';

export interface RequestContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Who is acting (recorded in events and the audit trail): the API token's name (src/auth/). */
  actor: string;
  req: Request;
  res: Response;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
> {
  method: Method;
  /** Express-style path under /api/v1, e.g. `/tickets/:id`. */
  path: string;
  summary: string;
  tags: string[];
  permission: Permission;
  params?: P;
  query?: Q;
  body?: B;
  /** Response status (default 200) and body schema; `raw` routes write the response themselves. */
  status?: number;
  response?: R;
  raw?: { contentType: string };
  handler: (context: RequestContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<z.input<R> | void>;
}

export interface Api {
  readonly router: Router;
  readonly registry: OpenAPIRegistry;
  route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
    spec: RouteSpec<P, Q, B, R>,
  ): void;
}

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** The actor the route's guard authenticated (`res.locals.actor`); `anonymous` on public routes. */
export function actorOf(res: Response): string {
  const actor: unknown = res.locals.actor;
  return typeof actor === 'string' ? actor : 'anonymous';
}

/**
 * Builds the /api/v1 router and its OpenAPI document together, so that every route is
 * documented from the same zod schemas that validate it: guard, parse, call, send. `authorize`
 * turns a route's permission into the middleware that checks it (src/auth/authorize.ts).
 */
export function createApi(basePath: string, authorize: (permission: Permission) => RequestHandler): Api {
  const router = express.Router();
  const registry = new OpenAPIRegistry();
  registry.register('Problem', ProblemSchema);
  registry.registerComponent('securitySchemes', 'bearerToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token, `sdt_<id>_<secret>` (docs/access.md)',
  });

  function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
    spec: RouteSpec<P, Q, B, R>,
  ): void {
    const status = spec.status ?? 200;
    const problemResponse = {
      description: 'Problem',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
    registry.registerPath({
      method: spec.method,
      path: `${basePath}${toOpenApiPath(spec.path)}`,
      summary: spec.summary,
      tags: spec.tags,
      description: `Permission: ${spec.permission}`,
      'x-permission': spec.permission,
      security: spec.permission === 'public' ? [] : [{ bearerToken: [] }],
      request: {
        ...(spec.params ? { params: spec.params as never } : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
      },
      responses: {
        [status]: {
          description: spec.summary,
          ...(spec.response
            ? { content: { 'application/json': { schema: spec.response } } }
            : spec.raw
              ? { content: { [spec.raw.contentType]: { schema: z.string() } } }
              : {}),
        },
        400: problemResponse,
        ...(spec.permission === 'public' ? {} : { 401: problemResponse, 403: problemResponse }),
        404: problemResponse,
        409: problemResponse,
        422: problemResponse,
      },
    });

    router[spec.method](spec.path, authorize(spec.permission), async (req: Request, res: Response) => {
      const params = spec.params ? parseRequestPart('params', spec.params, req.params) : req.params;
      const query = spec.query ? parseRequestPart('query', spec.query, req.query ?? {}) : {};
      const body = spec.body ? parseRequestPart('body', spec.body, req.body ?? {}) : undefined;
      const result = await spec.handler({
        params: params as z.output<P>,
        query: query as z.output<Q>,
        body: body as z.output<B>,
        actor: actorOf(res),
        req,
        res,
      });
      if (spec.raw || res.headersSent) return;
      if (status === 204 || result === undefined) res.status(status).end();
      else res.status(status).json(result);
    });
  }

  return { router, registry, route };
}
