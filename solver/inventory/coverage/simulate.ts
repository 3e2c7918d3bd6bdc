import { createRandom } from '../../random.ts';
import { buildNetworks } from './network.ts';
import type { CoverageInputRaw } from './types.ts';
import { parseCoverageInput } from './validate.ts';

/**
 * An independent check of a placement, by simulation rather than by the MIP's formula. Demands
 * arrive at each site as a Poisson process (rate λ per year); each is served from the nearest
 * location within the site's promise that has a unit on the shelf (or, with `assignments`, from
 * its assigned location first), and that location's unit comes
 * back T days later (one-for-one replenishment). When no location in range has a unit, the demand
 * is not filled within the promise and is backordered at the nearest location in range: it takes
 * that location's next returning unit, as the Poisson pipeline behind Λmax assumes. Sites with no
 * location in range are never filled.
 */
export interface SimulationOptions {
  readonly horizonYears: number;
  /** Demands before this time are not counted (the network starts with full shelves). Default 2 T. */
  readonly warmupYears?: number;
  readonly seed: number;
  /**
   * Where a demand looks first: absent, the nearest location in range (the brief's dispatch rule);
   * given (the result's `coverage`), the location the site is assigned to, then the others in
   * range by distance, which is the policy the MIP sizes levels for.
   */
  readonly assignments?: readonly { siteId: string; modelId: string; locationId: string }[];
}

export interface SiteFill {
  readonly siteId: string;
  readonly modelId: string;
  readonly demands: number;
  readonly filled: number;
  /** filled / demands (1 when there was no demand). */
  readonly fillRate: number;
}

export interface CoverageSimulation {
  readonly sites: readonly SiteFill[];
  readonly overall: { readonly demands: number; readonly filled: number; readonly fillRate: number };
}

export function simulateCoverage(
  raw: CoverageInputRaw,
  placement: readonly { locationId: string; modelId: string; units: number }[],
  options: SimulationOptions,
): CoverageSimulation {
  const input = parseCoverageInput(raw);
  const random = createRandom(options.seed);
  const replenishYears = input.replenishmentDays / 365;
  const warmup = options.warmupYears ?? 2 * replenishYears;
  const end = warmup + options.horizonYears;
  const locationIndex = new Map(input.locations.map((l, i) => [l.id, i]));
  const sites: SiteFill[] = [];
  const assigned = new Map(
    (options.assignments ?? []).map((a) => [
      `${a.siteId}\u0000${a.modelId}`,
      locationIndex.get(a.locationId),
    ]),
  );

  for (const network of buildNetworks(input)) {
    const modelId = network.model.id;
    // Every site with demand for the model: coverable ones with their reach, the rest with none.
    const demandSites = [
      ...network.groups.flatMap((group) =>
        group.siteIds.map((siteId) => {
          const minutes = group.minutesBySite.get(siteId)!;
          const reach = group.reach
            .map((r, k) => ({ location: r.location, minutes: minutes[k]! }))
            .sort((a, b) => a.minutes - b.minutes || a.location - b.location)
            .map((r) => r.location);
          const first = assigned.get(`${siteId}\u0000${modelId}`);
          if (first !== undefined && reach.includes(first))
            reach.unshift(...reach.splice(reach.indexOf(first), 1));
          return { siteId, rate: group.ratePerYear, reach };
        }),
      ),
      ...network.uncovered.map((u) => ({ siteId: u.siteId, rate: u.ratePerYear, reach: [] as number[] })),
    ];
    if (demandSites.length === 0) continue;
    const netStock = new Array<number>(input.locations.length).fill(0);
    for (const p of placement)
      if (p.modelId === modelId) netStock[locationIndex.get(p.locationId)!]! += p.units;
    const returns = input.locations.map(() => ({ times: [] as number[], next: 0 }));
    const receive = (l: number, now: number) => {
      const queue = returns[l]!;
      while (queue.next < queue.times.length && queue.times[queue.next]! <= now) {
        netStock[l]!++;
        queue.next++;
      }
    };
    const cumulative: number[] = [];
    let totalRate = 0;
    for (const s of demandSites) cumulative.push((totalRate += s.rate));
    const demands = new Array<number>(demandSites.length).fill(0);
    const filled = new Array<number>(demandSites.length).fill(0);

    for (
      let now = -Math.log(1 - random.next()) / totalRate;
      now < end;
      now += -Math.log(1 - random.next()) / totalRate
    ) {
      const pick = random.next() * totalRate;
      const k = firstAbove(cumulative, pick);
      const site = demandSites[k]!;
      let server = -1;
      for (const l of site.reach) {
        receive(l, now);
        if (netStock[l]! > 0) {
          server = l;
          break;
        }
      }
      const counted = now >= warmup;
      if (counted) demands[k]!++;
      if (server >= 0 && counted) filled[k]!++;
      const from = server >= 0 ? server : site.reach[0];
      if (from === undefined) continue;
      netStock[from]!--;
      returns[from]!.times.push(now + replenishYears);
    }
    demandSites.forEach((s, k) =>
      sites.push({
        siteId: s.siteId,
        modelId,
        demands: demands[k]!,
        filled: filled[k]!,
        fillRate: demands[k]! === 0 ? 1 : filled[k]! / demands[k]!,
      }),
    );
  }
  const totalDemands = sites.reduce((sum, s) => sum + s.demands, 0);
  const totalFilled = sites.reduce((sum, s) => sum + s.filled, 0);
  return {
    sites,
    overall: {
      demands: totalDemands,
      filled: totalFilled,
      fillRate: totalDemands === 0 ? 1 : totalFilled / totalDemands,
    },
  };
}

/** The first index whose cumulative value exceeds `value` (binary search). */
function firstAbove(cumulative: readonly number[], value: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! > value) high = middle;
    else low = middle + 1;
  }
  return low;
}
