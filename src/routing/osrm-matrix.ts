import { LRUCache } from 'lru-cache';
import type { OsrmClient } from './osrm-client.ts';
import type { LonLat, TravelMatrix } from './types.ts';

/**
 * Full travel matrices from OSRM's table service. The n × n matrix is cut into blocks of at most
 * maxTableSize sources × maxTableSize destinations (OSRM refuses larger tables), and every
 * answered pair is kept in an LRU cache keyed by coordinates rounded to about a metre, so a
 * re-plan that adds one stop asks OSRM only for that stop's row and column.
 */
export interface OsrmMatrixDeps {
  client: Pick<OsrmClient, 'table'>;
  maxTableSize: number;
  cachePairs: number;
  concurrency: number;
  /** Estimates for pairs OSRM has no route for (null in its answer). */
  estimate: (points: readonly LonLat[]) => TravelMatrix;
}

/** [seconds, metres] as OSRM answered them; null: no route between the two. */
type Pair = readonly [number | null, number | null];

/** Coordinates rounded to 5 decimals (about 1 m): points closer than that share cache entries. */
export function pointKey(point: LonLat): string {
  return `${point.lon.toFixed(5)},${point.lat.toFixed(5)}`;
}

export function createOsrmMatrix(deps: OsrmMatrixDeps) {
  if (!Number.isInteger(deps.maxTableSize) || deps.maxTableSize < 1) {
    throw new RangeError(`maxTableSize must be a positive integer, got ${deps.maxTableSize}`);
  }
  const cache = new LRUCache<string, Pair>({ max: deps.cachePairs });

  async function matrix(points: readonly LonLat[]): Promise<TravelMatrix> {
    // Points at the same (rounded) place are asked about once.
    const unique: LonLat[] = [];
    const keys: string[] = [];
    const uniqueIndex = new Map<string, number>();
    const indexOfPoint = points.map((point) => {
      const key = pointKey(point);
      let index = uniqueIndex.get(key);
      if (index === undefined) {
        index = unique.length;
        uniqueIndex.set(key, index);
        unique.push(point);
        keys.push(key);
      }
      return index;
    });

    const n = unique.length;
    const pairs: (Pair | undefined)[][] = keys.map((from, i) =>
      keys.map((to, j) => (i === j ? ([0, 0] as const) : cache.get(`${from}>${to}`))),
    );
    await runLimited(blocksToAsk(pairs, deps.maxTableSize), deps.concurrency, async ({ rows, cols }) => {
      const table = await deps.client.table({
        sources: rows.map((i) => unique[i]!),
        destinations: cols.map((j) => unique[j]!),
      });
      rows.forEach((i, r) =>
        cols.forEach((j, c) => {
          const pair: Pair = [table.durations[r]![c]!, table.distances[r]![c]!];
          pairs[i]![j] = pair;
          cache.set(`${keys[i]}>${keys[j]}`, pair);
        }),
      );
    });

    let unrouted = 0;
    let estimate: TravelMatrix | undefined;
    const durations: number[][] = [];
    const distances: number[][] = [];
    for (let i = 0; i < n; i++) {
      durations.push([]);
      distances.push([]);
      for (let j = 0; j < n; j++) {
        const [seconds, metres] = pairs[i]![j]!;
        if (seconds === null || metres === null) {
          unrouted++;
          estimate ??= deps.estimate(unique);
          durations[i]!.push(estimate.durationsMinutes[i]![j]!);
          distances[i]!.push(estimate.distancesKm[i]![j]!);
        } else {
          durations[i]!.push(seconds / 60);
          distances[i]!.push(metres / 1000);
        }
      }
    }
    const result: TravelMatrix = {
      durationsMinutes: indexOfPoint.map((i) => indexOfPoint.map((j) => durations[i]![j]!)),
      distancesKm: indexOfPoint.map((i) => indexOfPoint.map((j) => distances[i]![j]!)),
      source: 'osrm',
    };
    if (unrouted > 0) {
      result.fallbackReason = `OSRM found no road route for ${unrouted} of ${n * (n - 1)} pairs of distinct places; great-circle estimates used for them`;
    }
    return result;
  }

  return { matrix, cacheSize: () => cache.size };
}

interface Block {
  rows: number[];
  cols: number[];
}

/**
 * The requests still needed. In each block of the chunk grid, rows missing most of the block
 * (new places) are asked for with every column they miss, then the remaining rows only for the
 * columns they still miss: a new place in a cached block costs a 1 × n and an n × 1 request,
 * not n × n. A block with nothing missing is skipped. Every missing pair is covered.
 */
export function blocksToAsk(
  pairs: readonly (readonly (Pair | undefined)[])[],
  maxTableSize: number,
): Block[] {
  const n = pairs.length;
  const chunks: number[][] = [];
  for (let start = 0; start < n; start += maxTableSize) {
    chunks.push(Array.from({ length: Math.min(maxTableSize, n - start) }, (_, k) => start + k));
  }
  const missing = (i: number, j: number) => pairs[i]![j] === undefined;
  const blocks: Block[] = [];
  const ask = (rows: number[], destinationChunk: number[]) => {
    if (rows.length === 0) return;
    blocks.push({ rows, cols: destinationChunk.filter((j) => rows.some((i) => missing(i, j))) });
  };
  for (const sourceChunk of chunks) {
    for (const destinationChunk of chunks) {
      const missingCount = (i: number) => destinationChunk.filter((j) => missing(i, j)).length;
      const mostlyMissing = sourceChunk.filter((i) => missingCount(i) * 2 >= destinationChunk.length);
      ask(mostlyMissing, destinationChunk);
      const covered = new Set(mostlyMissing);
      ask(
        sourceChunk.filter((i) => !covered.has(i) && missingCount(i) > 0),
        destinationChunk,
      );
    }
  }
  return blocks;
}

/** Runs the tasks with at most `limit` in flight; the first failure stops new starts and is thrown. */
async function runLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
