import type { ProblemInput } from '../../../solver/problem.schema.ts';
import { catalogSkus, CATALOG, type SkillCatalog } from './dispatch-catalog.ts';
import { CITIES, DEPOT_CITIES, offset, type City } from './dispatch-cities.ts';
import { createBenchRandom, type BenchRandom } from './random.ts';

/**
 * A seeded dispatch day in the contract's shape, for the scale and candidates benchmarks: four
 * regional depots and a number of offices in real cities of Sichuan, Chongqing, Guizhou and
 * Beijing, engineers based at the offices with one or two skills and a little van stock, stock at
 * depots (everything) and offices (common parts), and tickets at sites around the cities. Dues
 * follow the commitment levels: level 1 on site within hours, level 2 today or tomorrow, level 3
 * within days; some level-3 jobs are windowed preventive visits. Travel is great-circle.
 */
export interface DispatchDayOptions {
  tickets: number;
  engineers: number;
  /** Depots plus offices, at least 5 (the four depots and one office); default scales with engineers. */
  stockLocations?: number;
  seed: number;
  timeLimitMs?: number;
}

export const DISPATCH_NOW = '2026-11-30T08:00:00+08:00';
const NOW_MS = Date.parse(DISPATCH_NOW);
const MINUTE_MS = 60_000;

export interface Office {
  id: string;
  city: City;
  lat: number;
  lon: number;
}

export function defaultStockLocations(engineers: number): number {
  return DEPOT_CITIES.length + Math.max(4, Math.ceil(engineers / 12));
}

export function generateDispatchDay(options: DispatchDayOptions): ProblemInput {
  const stockLocations = options.stockLocations ?? defaultStockLocations(options.engineers);
  if (stockLocations < DEPOT_CITIES.length + 1)
    throw new Error(`a dispatch day needs at least ${DEPOT_CITIES.length + 1} stock locations`);
  const random = createBenchRandom(options.seed);
  const depots = DEPOT_CITIES.map((code) => cityByCode(code));
  const offices = placeOffices(random, stockLocations - depots.length);
  const skus = catalogSkus();

  return {
    now: DISPATCH_NOW,
    locations: [
      ...depots.map((city) => ({
        id: `D-${city.code}`,
        lat: city.lat,
        lon: city.lon,
        kind: 'depot' as const,
      })),
      ...offices.map((office) => ({
        id: office.id,
        lat: office.lat,
        lon: office.lon,
        kind: 'office' as const,
      })),
      ...Array.from({ length: options.tickets }, (_, i) => ({
        id: siteId(i),
        ...sitePlace(random, offices),
        kind: 'site' as const,
      })),
    ],
    engineers: Array.from({ length: options.engineers }, (_, i) => engineer(random, i, offices)),
    stock: [
      ...depots.flatMap((city) =>
        skus.map((sku) => ({
          location: `D-${city.code}`,
          sku: sku.sku,
          qty: sku.kind === 'unit' ? random.int(2, 8) : random.int(10, 40),
        })),
      ),
      ...offices.flatMap((office) =>
        skus
          .filter((sku) => (sku.kind === 'part' ? random.chance(0.4) : random.chance(0.1)))
          .map((sku) => ({
            location: office.id,
            sku: sku.sku,
            qty: sku.kind === 'unit' ? 1 : random.int(1, 4),
          })),
      ),
    ],
    skus,
    tickets: Array.from({ length: options.tickets }, (_, i) =>
      dispatchTicket(random, ticketId(i), siteId(i)),
    ),
    travel: { mode: 'greatCircle', speedKmh: 50, circuity: 1.3 },
    courier: { handlingMinutes: 30, speedFactor: 1 },
    options: { timeLimitMs: options.timeLimitMs ?? 2000, seed: options.seed, mode: 'plan' },
  };
}

export const siteId = (i: number): string => `S-${String(i + 1).padStart(5, '0')}`;
export const ticketId = (i: number): string => `T-${String(i + 1).padStart(5, '0')}`;

function cityByCode(code: string): City {
  const city = CITIES.find((candidate) => candidate.code === code);
  if (!city) throw new Error(`unknown city ${code}`);
  return city;
}

/** Offices go to cities by weight; a city with several gets them a few kilometres apart. */
function placeOffices(random: BenchRandom, count: number): Office[] {
  const byWeight = [...CITIES].sort((a, b) => b.weight - a.weight);
  const perCity = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const city = i < byWeight.length ? byWeight[i]! : random.weighted(CITIES, (c) => c.weight);
    const n = (perCity.get(city.code) ?? 0) + 1;
    perCity.set(city.code, n);
    const place = n === 1 ? city : offset(city, random.int(2, 12), random.next() * 2 * Math.PI);
    return { id: `O-${city.code}-${n}`, city, lat: place.lat, lon: place.lon };
  });
}

/** Most sites are in or near a city with an office; one in six is rural, up to 80 km out. */
function sitePlace(random: BenchRandom, offices: readonly Office[]) {
  const office = random.pick(offices);
  const km = random.chance(1 / 6) ? random.int(25, 80) : random.next() * 25;
  return offset(office.city, km, random.next() * 2 * Math.PI);
}

function engineer(
  random: BenchRandom,
  i: number,
  offices: readonly Office[],
): NonNullable<ProblemInput['engineers']>[number] {
  const office = random.weighted(offices, (o) => o.city.weight);
  const primary = random.weighted(CATALOG, (skill) => skill.share);
  const skills: Record<string, number> = {
    [primary.skill]: random.weighted([1, 2, 3], (level) => [0.3, 0.45, 0.25][level - 1]!),
  };
  if (random.chance(0.4)) {
    const second = random.weighted(CATALOG, (skill) => skill.share);
    skills[second.skill] = Math.max(skills[second.skill] ?? 0, random.int(1, 2));
  }
  const vanStock: Record<string, number> = {};
  for (let n = random.int(1, 3); n > 0; n--)
    vanStock[random.pick(random.pick(primary.models).parts)] = random.int(1, 2);
  const late = random.chance(0.1);
  return {
    id: `E-${String(i + 1).padStart(4, '0')}`,
    start: office.id,
    end: office.id,
    availableFrom: afterNow(late ? random.pick([60, 120]) : 0),
    shiftEnd: afterNow(random.chance(0.2) ? 12 * 60 : 10 * 60),
    skills,
    vanStock,
    maxJobs: 6,
    capacity: 8,
  };
}

/** On-site due in minutes after the report time, by level and tier (A is the tightest). */
const ONSITE_HOURS: Readonly<Record<1 | 2 | 3, Readonly<Record<'A' | 'B' | 'C', number>>>> = {
  1: { A: 4, B: 6, C: 8 },
  2: { A: 8, B: 24, C: 24 },
  3: { A: 48, B: 72, C: 72 },
};

export function dispatchTicket(
  random: BenchRandom,
  id: string,
  site: string,
): ProblemInput['tickets'][number] {
  const level = random.weighted([1, 2, 3] as const, (l) => [0.15, 0.35, 0.5][l - 1]!);
  const tier = random.weighted(['A', 'B', 'C'] as const, (t) => ({ A: 0.2, B: 0.4, C: 0.4 })[t]);
  const skill: SkillCatalog = random.weighted(CATALOG, (s) => s.share);
  const model = random.pick(skill.models);
  const parts = random.chance(0.6) ? [{ sku: random.pick(model.parts), qty: 1 }] : [];
  if (parts.length > 0 && random.chance(0.2)) parts.push({ sku: random.pick(model.parts), qty: 1 });
  const spareUnit = model.unit !== null && level < 3 && random.chance(0.15) ? { model: model.model } : null;
  // Reported up to three hours before now; a preventive visit has a window later today instead.
  const reportedAt = -random.int(0, 180);
  const preventive = level === 3 && parts.length === 0 && random.chance(0.3);
  const earliest = preventive ? random.int(2, 6) * 60 : null;
  const onsite = earliest !== null ? earliest + 4 * 60 : reportedAt + ONSITE_HOURS[level][tier] * 60;
  return {
    id,
    site,
    level,
    tier,
    skill: skill.skill,
    minSkillLevel: random.weighted([1, 2, 3] as const, (l) => [0.55, 0.35, 0.1][l - 1]!),
    serviceMinutes: random.int(2, 10) * 15,
    parts: mergeParts(parts),
    spareUnit,
    due: {
      onsite: afterNow(onsite),
      spareUnit: spareUnit ? afterNow(onsite + (level === 1 ? 120 : 24 * 60)) : null,
    },
    load: spareUnit ? 3 : 1,
    earliestStart: earliest === null ? null : afterNow(earliest),
  };
}

function mergeParts(parts: readonly { sku: string; qty: number }[]): { sku: string; qty: number }[] {
  const bySku = new Map<string, number>();
  for (const part of parts) bySku.set(part.sku, (bySku.get(part.sku) ?? 0) + part.qty);
  return [...bySku].map(([sku, qty]) => ({ sku, qty }));
}

/** An ISO time in +08:00, `minutes` after the day's now. */
export function afterNow(minutes: number): string {
  const local = new Date(NOW_MS + minutes * MINUTE_MS + 8 * 60 * MINUTE_MS);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}
