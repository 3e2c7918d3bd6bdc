import { z } from 'zod';
import { BASE_CATALOG_SIZE } from './catalog.ts';
import { parseToday } from './time.ts';

/** The demo network: what `data/demo` holds (the whole base catalog). */
export const DEMO_SIZE = {
  stockLocations: 16,
  engineers: 60,
  sites: 400,
  skus: BASE_CATALOG_SIZE,
  tickets: 40,
} as const;

/** A national-scale network for benchmarks, used when `scale` is set and a count is not given. */
export const SCALE_SIZE = {
  stockLocations: 200,
  engineers: 5000,
  sites: 50_000,
  skus: 20_000,
  tickets: 20_000,
} as const;

export const DEFAULT_SEED = 42;
export const DEFAULT_TODAY = '2026-11-30T08:00:00+08:00';

/** The fewest stock locations that still give every region an office (three depots, four offices). */
export const MIN_STOCK_LOCATIONS = 7;

export const GeneratorOptions = z.strictObject({
  seed: z.number().int().default(DEFAULT_SEED),
  /** "Now" of the network: open tickets were reported in the hours before it. */
  today: z
    .string()
    .default(DEFAULT_TODAY)
    .refine((text) => {
      try {
        parseToday(text);
        return true;
      } catch {
        return false;
      }
    }, 'must be a date (2026-11-30) or an ISO date-time (2026-11-30T08:00+08:00)'),
  scale: z.boolean().default(false),
  stockLocations: z.number().int().min(MIN_STOCK_LOCATIONS).optional(),
  engineers: z.number().int().min(1).optional(),
  sites: z.number().int().min(1).optional(),
  skus: z.number().int().min(1).optional(),
  tickets: z.number().int().min(0).optional(),
});
export type GeneratorOptionsInput = z.input<typeof GeneratorOptions>;

export interface ResolvedOptions {
  seed: number;
  /** Epoch milliseconds of "now". */
  todayMs: number;
  scale: boolean;
  stockLocations: number;
  engineers: number;
  sites: number;
  skus: number;
  tickets: number;
}

/** Validates the options and fills each count from the demo or the scale defaults. */
export function resolveOptions(input: GeneratorOptionsInput = {}): ResolvedOptions {
  const options = GeneratorOptions.parse(input);
  const size = options.scale ? SCALE_SIZE : DEMO_SIZE;
  return {
    seed: options.seed,
    todayMs: parseToday(options.today),
    scale: options.scale,
    stockLocations: options.stockLocations ?? size.stockLocations,
    engineers: options.engineers ?? size.engineers,
    sites: options.sites ?? size.sites,
    skus: options.skus ?? size.skus,
    tickets: options.tickets ?? size.tickets,
  };
}
