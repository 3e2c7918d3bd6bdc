import { z } from 'zod';
import { TOKEN_PATTERN } from './auth/token-secret.ts';

/** A size in bytes, or a number with kb, mb or gb (1024-based, as the body parsers count). */
const Size = (fallback: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/i, 'must be a size such as 2mb')
    .default(fallback)
    .transform((text) => {
      const [, amount, unit] = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text)!;
      const scale = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit!.toLowerCase()] ?? 1;
      return Math.floor(Number(amount) * scale);
    });

/**
 * The service's configuration, parsed once from the environment at boot and frozen. This is the
 * only module that reads `process.env`; everything else receives the values it needs.
 */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** postgres://… switches from the embedded PGlite database to a PostgreSQL server. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** PostgreSQL schema of the service's tables (default: the server's search_path, i.e. public). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Where dispatch-plan solves and scenario runs execute: `in-process` (worker threads of this
   * process) or `pg-boss` (a job queue in PostgreSQL that worker processes take from; docs/scale-out.md).
   */
  JOB_RUNNER: z.enum(['in-process', 'pg-boss']).default('in-process'),
  /** With pg-boss: whether this process also works jobs (`false` for a pure API replica). */
  WORK_JOBS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** With pg-boss: the schema of its job tables. */
  JOBS_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .default('pgboss'),
  /** Where the embedded database keeps its files. */
  DATA_DIR: z.string().default('./.data'),
  /** Load data/demo into an empty database at start. */
  DEMO_DATA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** IANA time zone of the service calendar (working days, holidays). */
  TIME_ZONE: z.string().default('Asia/Shanghai'),
  /** Share of a clock's budget below which it is "at risk". */
  AT_RISK_SHARE: z.coerce.number().min(0).max(1).default(0.25),
  /** When the nightly reorder run starts (cron syntax, service time zone). */
  REORDER_CRON: z.string().default('0 2 * * *'),
  /** Base URL of an OSRM server; absent or empty: the embedded great-circle travel model. */
  OSRM_URL: z
    .string()
    .regex(/^https?:\/\/\S+$/, 'must be an http:// or https:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Each OSRM request's time limit; past it, routing falls back to the great-circle model. */
  OSRM_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** Most sources (and destinations) per OSRM table request: osrm-routed's --max-table-size. */
  OSRM_MAX_TABLE_SIZE: z.coerce.number().int().positive().default(100),
  /**
   * Map tiles for the web console, a Leaflet URL template (`https://…/{z}/{x}/{y}.png`); absent or
   * empty: the console draws only its own layers on a plain background (offline).
   */
  CONSOLE_TILE_URL: z
    .string()
    .regex(/^(https?:\/\/|\/)\S*\{z\}\S*$/, 'must be an http(s):// or /path URL template with {z}, {x}, {y}')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * An admin API token made sure of at start (stored as a hash; a new value revokes the previous
   * one), `sdt_<16 hex digits>_<secret of 32+ letters, digits, - or _>` (docs/access.md).
   */
  ADMIN_TOKEN: z
    .string()
    .regex(TOKEN_PATTERN, 'must be sdt_<16 hex digits>_<secret of at least 32 letters, digits, - or _>')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Comma-separated origins allowed by CORS; empty: same origin only. */
  CORS_ORIGINS: z.string().default(''),
  /** Largest JSON body accepted, in bytes (`2mb` style accepted). */
  JSON_BODY_LIMIT: Size('2mb'),
  /** Largest CSV upload accepted, in bytes (a national SKU catalog or stock count is a few MB). */
  CSV_BODY_LIMIT: Size('50mb'),
  /** Requests per client address per window on /api; 0 turns rate limiting off (default off in tests). */
  RATE_LIMIT_MAX: z.coerce.number().int().min(0).optional(),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
  /** Trust X-Forwarded-For from this many proxies in front (for the rate limiter's client address). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
  /** Extra Content-Security-Policy sources, `directive source …; …` (e.g. `connect-src https://x.example`). */
  CSP_EXTRA: z.string().default(''),
  /** Send the Content-Security-Policy as report-only (to try a stricter policy without breaking the console). */
  CSP_REPORT_ONLY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** On SIGTERM, how long in-flight requests may take to finish before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Serve Prometheus metrics at /metrics. */
  METRICS_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /**
   * A worker process serves /metrics and /healthz on this port (on HOST), since it serves no API;
   * 0: not at all. Workers sharing a host each need their own.
   */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
});

/** Requests per minute per client when RATE_LIMIT_MAX is not set (outside tests). */
const DEFAULT_RATE_LIMIT_MAX = 1200;

export type Config = Readonly<
  Omit<z.infer<typeof ConfigSchema>, 'RATE_LIMIT_MAX'> & {
    /** 0: off. */
    RATE_LIMIT_MAX: number;
  }
>;

/** Parses an environment; throws with every offending variable named. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const details = result.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid configuration: ${details}`);
  }
  // The queue lives in PostgreSQL; the embedded database is one process's, so it keeps threads.
  if (result.data.JOB_RUNNER === 'pg-boss' && !result.data.DATABASE_URL)
    throw new Error('Invalid configuration: JOB_RUNNER: pg-boss needs DATABASE_URL (PostgreSQL)');
  // Tests drive thousands of requests from one address; a test that checks the limit sets it.
  const rateLimitMax =
    result.data.RATE_LIMIT_MAX ?? (result.data.NODE_ENV === 'test' ? 0 : DEFAULT_RATE_LIMIT_MAX);
  return Object.freeze({ ...result.data, RATE_LIMIT_MAX: rateLimitMax });
}

let loaded: Config | undefined;

/** The process's configuration, parsed on first use. */
export function loadConfig(): Config {
  loaded ??= parseConfig(process.env);
  return loaded;
}
