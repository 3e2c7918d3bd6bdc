import type { CoverageInput, CoverageModel, CoverageSite, Uncovered } from './types.ts';

/** A location that can reach a site within its promise, with travel + handling in minutes. */
export interface Reach {
  readonly location: number;
  readonly minutes: number;
}

/**
 * Sites of one model that are interchangeable in the MIP: the same demand rate and the same set
 * of locations in range. Their binary assignment variables are symmetric, so the MIP assigns an
 * integer count of the group to each location instead (an exact reformulation without the
 * symmetry); the count is split back into sites afterwards, each to its nearest allocated location.
 */
export interface SiteGroup {
  readonly siteIds: readonly string[];
  readonly ratePerYear: number;
  /** Sorted by minutes, then location index. */
  readonly reach: readonly Reach[];
  /** Minutes from each site of the group to each reachable location (same order as `reach`). */
  readonly minutesBySite: ReadonlyMap<string, readonly number[]>;
}

/** Everything the MIP needs about one model, with the out-of-range sites already set aside. */
export interface ModelNetwork {
  readonly model: CoverageModel;
  readonly groups: readonly SiteGroup[];
  /** Current units per location index. */
  readonly stock: readonly number[];
  /** Location indices that cover at least one group. */
  readonly covering: readonly number[];
  /** Demand rate a location could be asked to serve: every group it can reach. */
  readonly reachableRate: ReadonlyMap<number, number>;
  readonly uncovered: readonly Uncovered[];
}

export function buildNetworks(input: CoverageInput): ModelNetwork[] {
  const locationIndex = new Map(input.locations.map((location, i) => [location.id, i]));
  const legsBySite = new Map<string, { location: number; minutes: number }[]>();
  for (const leg of input.travel) {
    const location = locationIndex.get(leg.locationId)!;
    const total = leg.minutes + input.locations[location]!.handlingMinutes;
    const legs = legsBySite.get(leg.siteId) ?? [];
    const same = legs.find((l) => l.location === location);
    if (same) same.minutes = Math.min(same.minutes, total);
    else legs.push({ location, minutes: total });
    legsBySite.set(leg.siteId, legs);
  }
  // What is in range depends on the site only (its legs and promise), never on the model: worked
  // out once per site. (A national network has ~1,000 models and ~25,000 sites; doing this per
  // model and scanning every site for every model cost seconds.)
  const reachOf = new Map<string, SiteReach>();
  const demandByModel = new Map<string, { site: CoverageSite; rate: number }[]>(
    input.models.map((model) => [model.id, []]),
  );
  for (const site of input.sites) {
    const legs = legsBySite.get(site.id) ?? [];
    legs.sort((a, b) => a.minutes - b.minutes || a.location - b.location);
    const reach = legs.filter((leg) => leg.minutes <= site.promiseMinutes);
    const key = reach
      .map((r) => r.location)
      .sort((a, b) => a - b)
      .join(',');
    reachOf.set(site.id, { legs, reach, key });
    const rates = new Map<string, number>();
    for (const d of site.demands) rates.set(d.modelId, (rates.get(d.modelId) ?? 0) + d.ratePerYear);
    for (const [modelId, rate] of rates) demandByModel.get(modelId)?.push({ site, rate });
  }
  return input.models.map((model) => buildModelNetwork(input, model, demandByModel.get(model.id)!, reachOf));
}

interface SiteReach {
  /** Every listed leg, nearest first; `reach`: those within the site's promise. */
  readonly legs: readonly Reach[];
  readonly reach: readonly Reach[];
  /** The in-range location indices, ascending, as text: sites with the same key have the same set. */
  readonly key: string;
}

function buildModelNetwork(
  input: CoverageInput,
  model: CoverageModel,
  demands: readonly { site: CoverageSite; rate: number }[],
  reachOf: ReadonlyMap<string, SiteReach>,
): ModelNetwork {
  const uncovered: Uncovered[] = [];
  const groups = new Map<
    string,
    { siteIds: string[]; rate: number; reach: readonly Reach[]; minutes: Map<string, number[]> }
  >();
  for (const { site, rate } of demands) {
    if (rate === 0) continue;
    const { legs, reach, key } = reachOf.get(site.id)!;
    if (reach.length === 0) {
      const nearest = legs[0];
      uncovered.push({
        siteId: site.id,
        modelId: model.id,
        ratePerYear: rate,
        reason: 'out-of-range',
        explanation: nearest
          ? `no stock location within ${site.promiseMinutes} min (nearest ${input.locations[nearest.location]!.id} at ${round1(nearest.minutes)} min including handling)`
          : `no stock location within ${site.promiseMinutes} min (no travel time listed for this site)`,
        ...(nearest
          ? { nearest: { locationId: input.locations[nearest.location]!.id, minutes: nearest.minutes } }
          : {}),
      });
      continue;
    }
    const groupKey = `${rate}|${key}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = { siteIds: [], rate, reach, minutes: new Map() };
      groups.set(groupKey, group);
    }
    group.siteIds.push(site.id);
    group.minutes.set(site.id, minutesInOrder(group.reach, reach));
  }
  const stock = input.locations.map((location) => location.stock[model.id] ?? 0);
  const reachableRate = new Map<number, number>();
  const finished: SiteGroup[] = [...groups.values()].map((g) => {
    for (const r of g.reach)
      reachableRate.set(r.location, (reachableRate.get(r.location) ?? 0) + g.rate * g.siteIds.length);
    return { siteIds: g.siteIds, ratePerYear: g.rate, reach: g.reach, minutesBySite: g.minutes };
  });
  return {
    model,
    groups: finished,
    stock,
    covering: [...reachableRate.keys()].sort((a, b) => a - b),
    reachableRate,
    uncovered,
  };
}

/**
 * Most units (all models) location l may hold after the moves: its capacity, or what it holds now
 * where that is more (units already there are never forced out; nothing is moved in or bought
 * beyond the capacity). Infinity without a capacity.
 */
export function effectiveCapacity(input: CoverageInput, l: number): number {
  const location = input.locations[l]!;
  if (location.capacity === undefined) return Number.POSITIVE_INFINITY;
  const held = Object.values(location.stock).reduce((sum, units) => sum + units, 0);
  return Math.max(location.capacity, held);
}

/** The minutes of `own` (a site's reach) in the location order of `order` (the same set of locations). */
function minutesInOrder(order: readonly Reach[], own: readonly Reach[]): number[] {
  if (order === own) return own.map((r) => r.minutes);
  const byLocation = new Map(own.map((r) => [r.location, r.minutes]));
  return order.map((r) => byLocation.get(r.location)!);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
