import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import * as format from '../../scripts/network/schema.ts';

/**
 * Reads and validates the demo network's files (format: data/demo/README.md, schemas:
 * scripts/network/schema.ts, shared with the generator so the two cannot drift apart).
 */
const Manifest = z.object({ today: z.string(), historyStart: z.string() }).loose();

const files = {
  regions: ['regions.json', format.Region],
  skills: ['skills.json', format.Skill],
  suppliers: ['suppliers.json', format.Supplier],
  zones: ['zones.json', format.Zone],
  locations: ['locations.json', format.Location],
  equipmentModels: ['equipment-models.json', format.EquipmentModel],
  skus: ['skus.json', format.Sku],
  faultCodes: ['fault-codes.json', format.FaultCode],
  engineers: ['engineers.json', format.Engineer],
  customers: ['customers.json', format.Customer],
  contracts: ['contracts.json', format.Contract],
  equipment: ['equipment.json', format.Equipment],
  stockMovements: ['stock-movements.json', format.StockMovement],
  tickets: ['tickets.json', format.Ticket],
  preventiveJobs: ['preventive-jobs.json', format.PreventiveJob],
  demandHistory: ['demand-history.json', format.DemandSeries],
} as const;

type Files = typeof files;
export type DemoNetwork = { [K in keyof Files]: Array<z.infer<Files[K][1]>> } & {
  manifest: z.infer<typeof Manifest>;
};

async function readJson(dir: string, file: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(dir, file), 'utf8')) as unknown;
}

export async function readDemoNetwork(dir: string): Promise<DemoNetwork> {
  const network: Record<string, unknown> = { manifest: Manifest.parse(await readJson(dir, 'manifest.json')) };
  for (const [key, [file, schema]] of Object.entries(files)) {
    const parsed = z.array(schema as z.ZodType).safeParse(await readJson(dir, file));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    network[key] = parsed.data;
  }
  return network as DemoNetwork;
}
