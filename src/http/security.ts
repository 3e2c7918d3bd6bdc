import cors from 'cors';
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Config } from '../config.ts';
import { sendProblem } from './error-handler.ts';
import { Problem } from './problem.ts';

type Directives = Record<string, string[]>;

/**
 * The Content-Security-Policy directives: the console at `/` loads its own scripts and styles,
 * map tiles from the configured tile server (CONSOLE_TILE_URL) and images from data: URLs;
 * nothing else (the console adds its import map's hash to script-src itself). Leaflet
 * positions tiles through element.style from script, which CSP allows without 'unsafe-inline';
 * its stylesheet and Chart.js's canvas need nothing more. `CSP_EXTRA` adds sources per directive.
 */
export function contentSecurityDirectives(
  config: Pick<Config, 'CONSOLE_TILE_URL' | 'CSP_EXTRA'>,
): Directives {
  const tileOrigin = config.CONSOLE_TILE_URL ? originOf(config.CONSOLE_TILE_URL) : undefined;
  const directives: Directives = {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', ...(tileOrigin ? [tileOrigin] : [])],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'self'"],
    'form-action': ["'self'"],
  };
  for (const clause of config.CSP_EXTRA.split(';')) {
    const [directive, ...sources] = clause.trim().split(/\s+/).filter(Boolean);
    if (!directive || sources.length === 0) continue;
    directives[directive] = [...new Set([...(directives[directive] ?? []), ...sources])];
  }
  return directives;
}

/**
 * `https://tile.example.org` from a tile template `https://{s}.tile.example.org/{z}/{x}/{y}.png`;
 * a template on this server (`/tiles/{z}/{x}/{y}.png`) needs nothing beyond 'self'.
 */
function originOf(template: string): string | undefined {
  const match = /^(https?:\/\/[^/]+)/.exec(template);
  if (!match) return undefined;
  // A subdomain placeholder ({s}.tile…) becomes a wildcard host source.
  return match[1]!.replace(/\{[a-z]+\}/gi, '*');
}

/** Security headers (helmet): CSP as above; no upgrade-insecure-requests, the service may run on http. */
export function securityHeaders(config: Config): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: contentSecurityDirectives(config),
      reportOnly: config.CSP_REPORT_ONLY,
    },
  });
}

/**
 * CORS for the origins in CORS_ORIGINS; with none configured no Access-Control headers are sent,
 * so browsers allow only same-origin calls.
 */
export function corsFromConfig(config: Config): RequestHandler | undefined {
  const origins = config.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (origins.length === 0) return undefined;
  return cors({
    origin: origins,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Idempotency-Key', 'X-Actor', 'X-Request-Id', 'Authorization'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Location'],
    maxAge: 600,
  });
}

/** At most RATE_LIMIT_MAX requests per client address per window; past it 429 with Retry-After. */
export function rateLimitFromConfig(config: Config): RequestHandler | undefined {
  if (config.RATE_LIMIT_MAX === 0) return undefined;
  return rateLimit({
    windowMs: config.RATE_LIMIT_WINDOW_MS,
    limit: config.RATE_LIMIT_MAX,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) => {
      sendProblem(
        res,
        new Problem({
          status: 429,
          code: 'rate-limited',
          title: 'Too many requests',
          detail: `more than ${config.RATE_LIMIT_MAX} requests in ${config.RATE_LIMIT_WINDOW_MS} ms from this client; retry after the time in Retry-After`,
        }),
        req.originalUrl,
      );
    },
  });
}
