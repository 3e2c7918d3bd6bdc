import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateNetwork } from '../../scripts/network/index.ts';
import { integrityProblems } from './integrity.ts';
import { DEMO_DIR, readNetwork } from './network-files.ts';

describe('referential integrity', () => {
  it('holds in the committed demo: every reference resolves', () => {
    expect(integrityProblems(readNetwork(DEMO_DIR))).toEqual([]);
  });

  it('is checked: a broken reference of each kind is reported', () => {
    const network = generateNetwork({ seed: 5, sites: 40, engineers: 12, tickets: 6 });
    const site = network.locations.find((l) => l.kind === 'site')!;
    site.zoneId = 'Z-NOWHERE';
    network.contracts[0]!.profileId = 'plan-9';
    const ticket = network.tickets.find((t) => t.parts.length > 0)!;
    ticket.parts[0]!.skuId = network.skus.find((s) => s.kind === 'unit')!.id;
    network.stockMovements[0]!.locationId = site.id;
    const problems = integrityProblems(network).join('\n');
    expect(problems).toContain(`location ${site.id}: zone Z-NOWHERE`);
    expect(problems).toContain(`contract ${network.contracts[0]!.id}: no commitment profile plan-9`);
    expect(problems).toContain(`ticket ${ticket.id}: part`);
    expect(problems).toContain(`stock movement ${network.stockMovements[0]!.id}: ${site.id} holds no stock`);
  });

  it('holds for any seed and any small size', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: -1000, max: 1000 }),
          stockLocations: fc.integer({ min: 7, max: 24 }),
          engineers: fc.integer({ min: 1, max: 40 }),
          sites: fc.integer({ min: 1, max: 80 }),
          skus: fc.integer({ min: 1, max: 400 }),
          tickets: fc.integer({ min: 0, max: 30 }),
        }),
        (options) => {
          const network = generateNetwork(options);
          expect(integrityProblems(network)).toEqual([]);
          expect(network.skus).toHaveLength(options.skus);
          expect(network.engineers).toHaveLength(options.engineers);
          expect(network.locations.filter((l) => l.kind === 'site')).toHaveLength(options.sites);
        },
      ),
      { numRuns: 12 },
    );
  });
});
