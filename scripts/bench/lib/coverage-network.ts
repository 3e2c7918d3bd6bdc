import type { CoverageInputRaw } from '../../../solver/inventory/coverage/index.ts';
import { createBenchRandom } from './random.ts';

/**
 * A seeded spare-unit network for the coverage benchmark and tests: stock locations scattered
 * over a square whose area grows with their number (so a site has a handful of locations within
 * 4 h whatever the size), one central depot in the middle holding most current stock, sites in
 * clusters around locations plus a few remote ones, road minutes = 1.3 × straight-line km at
 * 60 km/h. Only legs up to `maxLegMinutes` are listed (the service would do the same).
 */
export interface CoverageNetworkSize {
  readonly locations: number;
  readonly sites: number;
  readonly models: number;
}

export interface CoverageNetworkOptions {
  /** Share of sites placed far from every location (uncoverable). Default 0.02. */
  readonly remoteShare?: number;
  /** Give each non-central location a capacity. Default false. */
  readonly capacities?: boolean;
  readonly maxLegMinutes?: number;
  readonly targetFillRate?: number;
}

const KM_PER_LOCATION_SQUARED = 20_000;
const ROAD_FACTOR = 1.3;

export function generateCoverageNetwork(
  size: CoverageNetworkSize,
  seed: number,
  options: CoverageNetworkOptions = {},
): CoverageInputRaw {
  const random = createBenchRandom(seed);
  const side = Math.sqrt(size.locations * KM_PER_LOCATION_SQUARED);
  const maxLeg = options.maxLegMinutes ?? 360;
  const models = Array.from({ length: size.models }, (_, m) => {
    const unitCost = 1000 * random.int(2, 20);
    return { id: `M${m + 1}`, unitCost, holdingCostPerYear: Math.round(unitCost * 0.2) };
  });
  const points = Array.from({ length: size.locations }, (_, l) =>
    l === 0 ? { x: side / 2, y: side / 2 } : { x: random.next() * side, y: random.next() * side },
  );
  const locations = points.map((_, l) => {
    const stock: Record<string, number> = {};
    for (const model of models) {
      const units = l === 0 ? random.int(0, 3 * size.locations) : random.chance(0.3) ? random.int(1, 3) : 0;
      if (units > 0) stock[model.id] = units;
    }
    return {
      id: l === 0 ? 'CENTRAL' : `L${l}`,
      kind: l === 0 ? 'central' : random.chance(0.3) ? 'depot' : 'forward',
      handlingMinutes: l === 0 ? 60 : random.int(10, 40),
      stock,
      ...(options.capacities && l > 0 ? { capacity: random.int(5, 30) } : {}),
    };
  });
  const remoteShare = options.remoteShare ?? 0.02;
  const sitePoints = Array.from({ length: size.sites }, () => {
    if (random.chance(remoteShare)) return { x: -side * (0.3 + random.next()), y: random.next() * side };
    const centre = random.pick(points);
    const spread = 120;
    return {
      x: centre.x + (random.next() - 0.5) * 2 * spread,
      y: centre.y + (random.next() - 0.5) * 2 * spread,
    };
  });
  const sites = sitePoints.map((_, j) => {
    const count = random.chance(0.6) ? 1 : 2;
    const chosen = new Set<string>();
    while (chosen.size < Math.min(count, models.length)) chosen.add(random.pick(models).id);
    return {
      id: `S${j + 1}`,
      demands: [...chosen].map((modelId) => ({ modelId, ratePerYear: random.pick([0.5, 1, 2, 4]) })),
      promiseMinutes: 240,
    };
  });
  const minutes = (a: { x: number; y: number }, b: { x: number; y: number }) =>
    Math.round(Math.hypot(a.x - b.x, a.y - b.y) * ROAD_FACTOR);
  const travel = sitePoints.flatMap((site, j) =>
    points.flatMap((point, l) => {
      const m = minutes(point, site);
      return m <= maxLeg ? [{ locationId: locations[l]!.id, siteId: sites[j]!.id, minutes: m }] : [];
    }),
  );
  // A transfer costs a fixed 40 plus 0.5 per road km between the two locations.
  const pairs = points.flatMap((a, i) =>
    points.flatMap((b, k) =>
      i < k
        ? [
            {
              from: locations[i]!.id,
              to: locations[k]!.id,
              costPerUnit: 40 + Math.round(minutes(a, b) * 0.5),
            },
          ]
        : [],
    ),
  );
  return {
    models,
    locations,
    sites,
    travel,
    replenishmentDays: 21,
    targetFillRate: options.targetFillRate ?? 0.9,
    transferCost: { perUnit: 500, pairs },
  };
}
