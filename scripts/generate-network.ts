import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { writeNetwork, type GeneratorOptionsInput } from './network/index.ts';

/**
 * Writes a seeded network as JSON files: the committed demo (data/demo) by default, or with
 * --scale a large one for benchmarks, which never belongs in the repository.
 *
 *   tsx scripts/generate-network.ts [--seed 42] [--today 2026-11-30T08:00+08:00] [--out data/demo]
 *   tsx scripts/generate-network.ts --scale --stock-locations 200 --engineers 5000 --sites 50000 \
 *     --skus 20000 --tickets 20000 --out /tmp/scale
 */
const DEMO_DIR = 'data/demo';

const USAGE = `usage: tsx scripts/generate-network.ts [--seed N] [--today DATE] [--out DIR]
       [--scale] [--stock-locations N] [--engineers N] [--sites N] [--skus N] [--tickets N]`;

function integer(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw new Error(`--${name} must be an integer, got "${text}"`);
  return Number(text);
}

function parse(argv: string[]): { input: GeneratorOptionsInput; out: string } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      seed: { type: 'string' },
      today: { type: 'string' },
      out: { type: 'string' },
      scale: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      'stock-locations': { type: 'string' },
      engineers: { type: 'string' },
      sites: { type: 'string' },
      skus: { type: 'string' },
      tickets: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const out = values.out ?? (values.scale ? undefined : DEMO_DIR);
  if (!out) throw new Error('--scale needs --out: a scale network is never written into the repository');
  if (values.scale && resolve(out) === resolve(DEMO_DIR))
    throw new Error(`--scale must not overwrite ${DEMO_DIR}`);
  const input: GeneratorOptionsInput = {
    scale: values.scale,
    ...(values.today === undefined ? {} : { today: values.today }),
    seed: integer('seed', values.seed),
    stockLocations: integer('stock-locations', values['stock-locations']),
    engineers: integer('engineers', values.engineers),
    sites: integer('sites', values.sites),
    skus: integer('skus', values.skus),
    tickets: integer('tickets', values.tickets),
  };
  return { input, out };
}

async function main(): Promise<void> {
  const { input, out } = parse(process.argv.slice(2));
  const manifest = await writeNetwork(input, out);
  const counts = Object.entries(manifest.counts)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  console.log(`network (seed ${manifest.seed}, today ${manifest.today}) written to ${out}: ${counts}`);
}

main().catch((error: unknown) => {
  if (error instanceof z.ZodError) console.error(z.prettifyError(error));
  else console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
