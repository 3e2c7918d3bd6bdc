/**
 * The generator's only source of randomness: sfc32 seeded from a string hash of (seed, stream).
 * Every part of the network draws from its own named stream, so adding a draw in one module does
 * not shift the values of another, and an entity keyed by its id (a demand series, a stock record)
 * gets the same values whichever order the entities are generated in.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One item, drawn with probability proportional to its weight (weights ≥ 0, not all zero). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  normal(mean: number, sd: number): number;
  poisson(mean: number): number;
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct items in random order (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[];
  /** An independent stream named after this one and `label`. */
  fork(label: string): Random;
}

/** cyrb128: four 32-bit words from a string, enough state for sfc32. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

export function createRandom(seed: number, stream = 'root'): Random {
  return new Sfc32(seed, stream);
}

/**
 * sfc32 as a class, so that its methods live on the prototype: the generator forks a stream per
 * stock record and per demand series, hundreds of thousands in a scale network, and a stream
 * must cost a few words of state rather than a dozen closures.
 */
class Sfc32 implements Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(
    private readonly seed: number,
    private readonly stream: string,
  ) {
    [this.a, this.b, this.c, this.d] = hash128(`${seed}/${stream}`);
    // Discard the first outputs: sfc32's state needs a few rounds to mix similar seeds apart.
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const a = this.a >>> 0;
    const b = this.b >>> 0;
    const c = this.c >>> 0;
    const d = this.d >>> 0;
    let t = (a + b) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    let rotated = (c << 21) | (c >>> 11);
    this.d = (d + 1) | 0;
    t = (t + this.d) | 0;
    rotated = (rotated + t) | 0;
    this.c = rotated;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const weight of weights) total += weight;
    if (!(total > 0)) throw new Error('weighted pick needs a positive total weight');
    let target = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      target -= weights[i] ?? 0;
      if (target < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  normal(mean: number, sd: number): number {
    // Box–Muller without caching the second value, so that each call consumes exactly two draws.
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    // Knuth's product method: exact, and cheap for the small means of spare-parts demand.
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count++;
      product *= this.next();
    }
    return count;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }

  fork(label: string): Random {
    return new Sfc32(this.seed, `${this.stream}/${label}`);
  }
}

/**
 * Draws from a fixed weighted list many times: cumulative weights and a binary search, for the
 * large picks of a scale network (a place for each of 50,000 sites).
 */
export function weightedTable<T>(items: readonly T[], weights: readonly number[]): (random: Random) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const weight of weights) {
    total += weight;
    cumulative.push(total);
  }
  if (!(total > 0)) throw new Error('weighted table needs a positive total weight');
  return (random) => {
    const target = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}
