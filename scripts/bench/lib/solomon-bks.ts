import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * Best-known values shipped with the instances. `bks_min_distance.csv` holds the distance-only
 * optimum (computed on distances truncated to one decimal); `bks.csv` the fleet-first record
 * (vehicles, then distance). The README next to them explains both.
 */
export interface BestKnown {
  vehicles: number | null;
  distance: number;
}

export interface SolomonBestKnown {
  minDistance: Map<string, BestKnown & { provenOptimal: boolean }>;
  fleetFirst: Map<string, BestKnown>;
}

export function readBestKnown(benchmarkDir: string): SolomonBestKnown {
  const minDistance = new Map<string, BestKnown & { provenOptimal: boolean }>();
  for (const row of readCsv(join(benchmarkDir, 'bks_min_distance.csv')))
    minDistance.set(requireField(row, 'instance'), {
      vehicles: optionalNumber(row.vehicles),
      distance: Number(requireField(row, 'distance')),
      provenOptimal: row.proven_optimal === 'true',
    });
  const fleetFirst = new Map<string, BestKnown>();
  for (const row of readCsv(join(benchmarkDir, 'bks.csv')))
    fleetFirst.set(requireField(row, 'instance'), {
      vehicles: optionalNumber(row.vehicles),
      distance: Number(requireField(row, 'distance')),
    });
  return { minDistance, fleetFirst };
}

type CsvRow = Record<string, string | undefined>;

function readCsv(file: string): CsvRow[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as CsvRow[];
}

function requireField(row: CsvRow, field: string): string {
  const value = row[field];
  if (value === undefined || value === '')
    throw new Error(`best-known row without ${field}: ${JSON.stringify(row)}`);
  return value;
}

function optionalNumber(value: string | undefined): number | null {
  return value === undefined || value === '' ? null : Number(value);
}

/** Relative gap in percent of `value` above `reference`. */
export function gapPercent(value: number, reference: number): number {
  return ((value - reference) / reference) * 100;
}
