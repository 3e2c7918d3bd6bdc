/**
 * Common random numbers: every random draw of a run comes from a stream keyed by (seed,
 * replication, stream name, key), so two runs that differ only in their network or policy draw the
 * same tickets, service times and courier delays wherever they coincide.
 */
import { createRandom, type Random } from '../random.ts';

/** FNV-1a over the key's text: a 32-bit seed for one stream (stable across machines). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export type StreamFactory = (stream: string, ...key: (string | number)[]) => Random;

export function streamFactory(seed: number, replication: number): StreamFactory {
  return (stream, ...key) => createRandom(hash(`${seed}|${replication}|${stream}|${key.join('|')}`));
}

/** Poisson count by inversion of one uniform (monotone in the mean: a scaled-up stream keeps its first tickets). */
export function poissonFromUniform(mean: number, u: number): number {
  if (mean <= 0) return 0;
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  // For large means exp(-mean) underflows: fall back to a normal approximation.
  if (p === 0) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normalFromUniforms(u, 0.5)));
  while (u > cumulative && k < 10_000) {
    k += 1;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

/** Standard normal by Box–Muller. */
export function normalFromUniforms(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-12))) * Math.cos(2 * Math.PI * u2);
}

/** A lognormal factor with mean 1 and the given coefficient of variation (1 when cv is 0). */
export function lognormalFactor(cv: number, random: Random): number {
  if (cv <= 0) return 1;
  const sigma2 = Math.log(1 + cv * cv);
  return Math.exp(-sigma2 / 2 + Math.sqrt(sigma2) * normalFromUniforms(random.next(), random.next()));
}

export function exponential(mean: number, random: Random): number {
  if (mean <= 0) return 0;
  return -mean * Math.log(1 - random.next());
}

/** Index drawn with probability proportional to its weight. */
export function weightedIndex(weights: readonly number[], u: number): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let target = u * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!;
    if (target < 0) return i;
  }
  return weights.length - 1;
}
