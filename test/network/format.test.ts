import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { NETWORK_FILES } from '../../scripts/network/index.ts';
import * as schema from '../../scripts/network/schema.ts';
import { DEMO_DIR, readNetwork } from './network-files.ts';

const SCHEMAS: Record<keyof typeof NETWORK_FILES, z.ZodObject> = {
  regions: schema.Region,
  skills: schema.Skill,
  suppliers: schema.Supplier,
  zones: schema.Zone,
  locations: schema.Location,
  equipmentModels: schema.EquipmentModel,
  skus: schema.Sku,
  faultCodes: schema.FaultCode,
  engineers: schema.Engineer,
  customers: schema.Customer,
  contracts: schema.Contract,
  equipment: schema.Equipment,
  stockMovements: schema.StockMovement,
  tickets: schema.Ticket,
  preventiveJobs: schema.PreventiveJob,
  demandHistory: schema.DemandSeries,
};

const network = readNetwork(DEMO_DIR);
const readme = readFileSync(join(DEMO_DIR, 'README.md'), 'utf8');

/** The README's section about one file: from its "## `file`" heading to the next heading. */
function section(file: string): string {
  const start = readme.indexOf(`## \`${file}\``);
  if (start < 0) return '';
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('the demo files', () => {
  it('match their schemas, row by row, with no undocumented field', () => {
    expect(schema.Manifest.safeParse(network.manifest).error).toBeUndefined();
    for (const [key, rowSchema] of Object.entries(SCHEMAS)) {
      const rows = network[key as keyof typeof SCHEMAS] as unknown[];
      const failures = rows.flatMap(
        (row, i) =>
          rowSchema
            .safeParse(row)
            .error?.issues.map((issue) => `${key}[${i}]: ${issue.message} at ${issue.path.join('.')}`) ?? [],
      );
      expect(failures).toEqual([]);
    }
  });

  it('are each documented in README.md, field by field', () => {
    const missing: string[] = [];
    const documents = (file: string, shape: z.ZodObject) => {
      const text = section(file);
      if (!text) missing.push(file);
      for (const field of Object.keys(shape.shape))
        if (!text.includes(`\`${field}\``)) missing.push(`${file}: ${field}`);
    };
    documents('manifest.json', schema.Manifest);
    for (const [key, rowSchema] of Object.entries(SCHEMAS))
      documents(NETWORK_FILES[key as keyof typeof SCHEMAS], rowSchema);
    expect(missing).toEqual([]);
  });

  it('have the row counts that the manifest and README.md state', () => {
    for (const [key, file] of Object.entries(NETWORK_FILES)) {
      const rows = network[key as keyof typeof NETWORK_FILES].length;
      expect(network.manifest.counts[key], key).toBe(rows);
      expect(readme, file).toContain(`| \`${file}\` | ${rows} |`);
    }
  });
});
