import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; tests pass level 'silent'. */
export function createLogger(level: string): Logger {
  // Request logs carry headers: bearer tokens must never reach a log.
  return pino({
    level,
    base: { service: 'spares-dispatch' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
}
