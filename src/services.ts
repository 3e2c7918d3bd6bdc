import type { Config } from './config.ts';
import type { Database } from './db/connection.ts';
import type { Logger } from './logger.ts';

/** The services the routes call, built once by the composition root from the database and config. */
export interface Services {
  config: Config;
}

export interface ServiceDeps {
  db: Database;
  config: Config;
  logger: Logger;
  /** The clock, injected so tests can fix "now". */
  now: () => Date;
}

export function createServices(deps: ServiceDeps): Services {
  return { config: deps.config };
}
