import type { Config } from './config.ts';
import type { Database } from './db/connection.ts';
import { createEngineerRepository } from './engineers/engineer.repository.ts';
import { createEngineerService } from './engineers/engineer.service.ts';
import type { Logger } from './logger.ts';
import { createLocationRepository } from './network/location.repository.ts';
import { createLocationService } from './network/location.service.ts';

export interface ServiceDeps {
  db: Database;
  config: Config;
  logger: Logger;
  /** The clock, injected so tests can fix "now". */
  now: () => Date;
}

/**
 * The composition of repositories into services: the one place that wires them, so every
 * service receives its collaborators instead of reaching for globals.
 */
export function createServices(deps: ServiceDeps) {
  const { db } = deps;
  return {
    config: deps.config,
    locations: createLocationService({ db, locations: createLocationRepository(db) }),
    engineers: createEngineerService({ db, engineers: createEngineerRepository(db), now: deps.now }),
  };
}

/** The services the routes call, built once by the composition root from the database and config. */
export type Services = ReturnType<typeof createServices>;
