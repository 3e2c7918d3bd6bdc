import type { Problem } from '../problem.schema.ts';
import { createRandom } from '../random.ts';

/** When a day is split, and into how many parts. */
export interface PartitionSizes {
  /** Days with fewer tickets are solved whole (their plans are exactly as without partitioning). */
  readonly minTickets: number;
  /** About this many tickets per part: construction and search stay fast on each. */
  readonly partTickets: number;
  /** A part needs engineers enough to be worth solving on its own. */
  readonly minPartEngineers: number;
}

export const PARTITION_SIZES: PartitionSizes = { minTickets: 5001, partTickets: 5000, minPartEngineers: 50 };
const KMEANS_ROUNDS = 10;

/** One part: indices into the problem's engineers and tickets, in ascending order. */
export interface Part {
  readonly engineers: readonly number[];
  readonly tickets: readonly number[];
  /** The stock locations whose units this part may draw while solved alone. */
  readonly stockLocations: ReadonlySet<string>;
}

/**
 * Splits a large great-circle day into geographic parts, or returns null to solve it whole
 * (matrix travel has no coordinates to cluster on: such a day is always solved whole).
 * The contract has no regions, so the parts are clusters: k-means (seeded k-means++ start, then
 * Lloyd rounds) over the points of engineers' start locations and tickets' sites together, on
 * the unit sphere, k = tickets / 5,000 (at most engineers / 50). Each engineer joins its nearest
 * centre; each ticket joins the part of the nearest start location with an engineer qualified for
 * it (the nearest centre with engineers when there is none), a pinned ticket its engineer's part,
 * a re-planned one its previous engineer's. Each stock location belongs to the part of its
 * nearest engineers' start: a part solved alone draws only from its own stock locations (and its
 * engineers' vans), so parts never contend for a unit; what they leave is open to all afterwards.
 * Parts come most important first (the sum of their tickets' leaving-out penalties).
 * Deterministic for a problem and seed.
 */
export function partitionProblem(problem: Problem, sizes: PartitionSizes = PARTITION_SIZES): Part[] | null {
  const tickets = problem.tickets.length;
  const engineers = problem.engineers.length;
  if (tickets < sizes.minTickets || problem.travel.mode !== 'greatCircle') return null;
  const k = Math.min(Math.ceil(tickets / sizes.partTickets), Math.floor(engineers / sizes.minPartEngineers));
  if (k < 2) return null;

  const where = new Map(problem.locations.map((location) => [location.id, toUnitVector(location)] as const));
  const points = [
    ...problem.engineers.map((engineer) => where.get(engineer.start)!),
    ...problem.tickets.map((ticket) => where.get(ticket.site)!),
  ];
  const centres = kMeans(points, k, problem.options.seed);
  const nearest = (point: Vector, allowed: (c: number) => boolean): number => {
    let best = -1;
    let bestDistance = Infinity;
    centres.forEach((centre, c) => {
      const d = squaredDistance(point, centre);
      if (allowed(c) && d < bestDistance) [best, bestDistance] = [c, d];
    });
    return best;
  };

  const engineerPart = problem.engineers.map((_, e) => nearest(points[e]!, () => true));
  const staffed = new Set(engineerPart);
  const engineerIndex = new Map(problem.engineers.map((engineer, e) => [engineer.id, e] as const));
  const bases = basesOf(problem, where, engineerPart);
  const basesFor = new Map<string, Base[]>();
  const ticketPart = problem.tickets.map((ticket, t) => {
    // A pinned ticket goes with its engineer, a re-planned one with its previous engineer.
    const held = engineerIndex.get(ticket.pin?.engineer ?? ticket.previousEngineer ?? '');
    if (held !== undefined) return engineerPart[held]!;
    const key = `${ticket.skill}\u0000${ticket.minSkillLevel}`;
    let qualified = basesFor.get(key);
    if (!qualified) {
      qualified = bases.filter((base) => (base.levels.get(ticket.skill) ?? 0) >= ticket.minSkillLevel);
      basesFor.set(key, qualified);
    }
    const point = points[engineers + t]!;
    let best = -1;
    let bestDistance = Infinity;
    for (const base of qualified) {
      const d = squaredDistance(point, base.point);
      if (d < bestDistance) [best, bestDistance] = [base.part, d];
    }
    return best >= 0 ? best : nearest(point, (c) => staffed.has(c));
  });

  const parts = centres.map(() => ({
    engineers: [] as number[],
    tickets: [] as number[],
    stockLocations: new Set<string>(),
    weight: 0,
  }));
  engineerPart.forEach((c, e) => parts[c]!.engineers.push(e));
  for (const record of problem.stock) {
    const point = where.get(record.location)!;
    let best = bases[0]!;
    for (const base of bases)
      if (squaredDistance(point, base.point) < squaredDistance(point, best.point)) best = base;
    parts[best.part]!.stockLocations.add(record.location);
  }
  ticketPart.forEach((c, t) => {
    parts[c]!.tickets.push(t);
    parts[c]!.weight += leavingOutPenalty(problem, t);
  });
  return parts
    .map((part, c) => ({ ...part, c }))
    .filter((part) => part.engineers.length > 0)
    .sort((a, b) => b.weight - a.weight || a.c - b.c)
    .map(({ engineers: e, tickets: t, stockLocations }) => ({ engineers: e, tickets: t, stockLocations }));
}

type Vector = readonly [number, number, number];

/** A start location of engineers: where, their part, and their best level per skill. */
interface Base {
  readonly point: Vector;
  readonly part: number;
  readonly levels: Map<string, number>;
}

function basesOf(
  problem: Problem,
  where: ReadonlyMap<string, Vector>,
  engineerPart: readonly number[],
): Base[] {
  const bases = new Map<string, Base>();
  problem.engineers.forEach((engineer, e) => {
    let base = bases.get(engineer.start);
    if (!base) {
      base = { point: where.get(engineer.start)!, part: engineerPart[e]!, levels: new Map() };
      bases.set(engineer.start, base);
    }
    for (const [skill, level] of Object.entries(engineer.skills))
      base.levels.set(skill, Math.max(level, base.levels.get(skill) ?? 0));
  });
  return [...bases.values()];
}

function toUnitVector(location: {
  readonly lat?: number | undefined;
  readonly lon?: number | undefined;
}): Vector {
  const lat = ((location.lat ?? 0) * Math.PI) / 180;
  const lon = ((location.lon ?? 0) * Math.PI) / 180;
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

function squaredDistance(a: Vector, b: Vector): number {
  const x = a[0] - b[0];
  const y = a[1] - b[1];
  const z = a[2] - b[2];
  return x * x + y * y + z * z;
}

/** k-means++ seeding from the seeded generator, then Lloyd rounds; returns the centres. */
function kMeans(points: readonly Vector[], k: number, seed: number): Vector[] {
  const random = createRandom(seed);
  const centres: Vector[] = [points[Math.floor(random.next() * points.length)]!];
  const closest = Float64Array.from(points, (point) => squaredDistance(point, centres[0]!));
  while (centres.length < k) {
    const total = closest.reduce((sum, d) => sum + d, 0);
    let ticket = random.next() * total;
    let chosen = points.length - 1;
    for (let i = 0; i < points.length; i++) {
      ticket -= closest[i]!;
      if (ticket < 0) {
        chosen = i;
        break;
      }
    }
    const centre = points[chosen]!;
    centres.push(centre);
    for (let i = 0; i < points.length; i++)
      closest[i] = Math.min(closest[i]!, squaredDistance(points[i]!, centre));
  }
  for (let round = 0; round < KMEANS_ROUNDS; round++) {
    const sums = new Float64Array(k * 4);
    for (const point of points) {
      let best = 0;
      let bestDistance = squaredDistance(point, centres[0]!);
      for (let c = 1; c < k; c++) {
        const d = squaredDistance(point, centres[c]!);
        if (d < bestDistance) [best, bestDistance] = [c, d];
      }
      sums[best * 4]! += point[0];
      sums[best * 4 + 1]! += point[1];
      sums[best * 4 + 2]! += point[2];
      sums[best * 4 + 3]!++;
    }
    for (let c = 0; c < k; c++) {
      const n = sums[c * 4 + 3]!;
      if (n > 0) centres[c] = [sums[c * 4]! / n, sums[c * 4 + 1]! / n, sums[c * 4 + 2]! / n];
    }
  }
  return centres;
}

/** What leaving the ticket out costs (docs/solver.md): weight × (commitments + 1). */
function leavingOutPenalty(problem: Problem, t: number): number {
  const ticket = problem.tickets[t]!;
  const weight = problem.weights.level[ticket.level - 1]! * problem.weights.tier[ticket.tier];
  const commitments = (ticket.due.onsite ? 1 : 0) + (ticket.spareUnit && ticket.due.spareUnit ? 1 : 0);
  return weight * (commitments + 1);
}
