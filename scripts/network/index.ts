import { buildNetwork, type NetworkBuild } from './build.ts';
import { historyStart, HISTORY_MONTHS } from './demand.ts';
import { resolveOptions, type GeneratorOptionsInput, type ResolvedOptions } from './options.ts';
import type { DemandSeries, Manifest, StockMovement } from './schema.ts';
import { formatDateTime, TIME_ZONE } from './time.ts';
import { ensureDirectory, pathIn, writeJsonArray, writeJsonObject } from './writer.ts';

export { resolveOptions, DEMO_SIZE, SCALE_SIZE, type GeneratorOptionsInput } from './options.ts';

/** A whole network in memory, as the files hold it. */
export type Network = Omit<NetworkBuild, 'stockMovements' | 'demandHistory'> & {
  manifest: Manifest;
  stockMovements: StockMovement[];
  demandHistory: DemandSeries[];
};

type EntityKey = Exclude<keyof Network, 'manifest'>;

/** The files of a network, in writing order: one per entity kind, named in kebab-case. */
export const NETWORK_FILES: Readonly<Record<EntityKey, string>> = {
  regions: 'regions.json',
  skills: 'skills.json',
  suppliers: 'suppliers.json',
  zones: 'zones.json',
  locations: 'locations.json',
  equipmentModels: 'equipment-models.json',
  skus: 'skus.json',
  faultCodes: 'fault-codes.json',
  engineers: 'engineers.json',
  customers: 'customers.json',
  contracts: 'contracts.json',
  equipment: 'equipment.json',
  stockMovements: 'stock-movements.json',
  tickets: 'tickets.json',
  preventiveJobs: 'preventive-jobs.json',
  demandHistory: 'demand-history.json',
};
export const MANIFEST_FILE = 'manifest.json';

const ENTITY_KEYS = Object.keys(NETWORK_FILES) as EntityKey[];

function manifestOf(options: ResolvedOptions, counts: Record<string, number>): Manifest {
  return {
    format: 'spares-demo-network',
    formatVersion: 1,
    seed: options.seed,
    today: formatDateTime(options.todayMs),
    timeZone: TIME_ZONE,
    currency: 'CNY',
    scale: options.scale,
    historyStart: historyStart(options.todayMs),
    historyMonths: HISTORY_MONTHS,
    options: {
      stockLocations: options.stockLocations,
      engineers: options.engineers,
      sites: options.sites,
      skus: options.skus,
      tickets: options.tickets,
    },
    counts,
  };
}

/** Builds a network in memory, for tests and benchmarks that need no files. */
export function generateNetwork(input: GeneratorOptionsInput = {}): Network {
  const options = resolveOptions(input);
  const build = buildNetwork(options);
  const network = {
    ...build,
    stockMovements: [...build.stockMovements()],
    demandHistory: [...build.demandHistory()],
  };
  const counts = Object.fromEntries(ENTITY_KEYS.map((key) => [key, network[key].length]));
  return { manifest: manifestOf(options, counts), ...network };
}

/**
 * Writes a network into `outDir`, one JSON file per entity kind and a manifest with the options
 * and the counts. The stock ledger and the demand history are streamed as they are generated.
 */
export async function writeNetwork(input: GeneratorOptionsInput, outDir: string): Promise<Manifest> {
  const options = resolveOptions(input);
  const build = buildNetwork(options);
  await ensureDirectory(outDir);
  const counts: Record<string, number> = {};
  for (const key of ENTITY_KEYS) {
    const value = build[key];
    const items = typeof value === 'function' ? value() : value;
    counts[key] = await writeJsonArray(pathIn(outDir, NETWORK_FILES[key]), items);
  }
  const manifest = manifestOf(options, counts);
  await writeJsonObject(pathIn(outDir, MANIFEST_FILE), manifest);
  return manifest;
}
