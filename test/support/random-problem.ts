import { Problem, type ProblemInput } from '../../solver/problem.schema.ts';

/**
 * Seeded random dispatch problems of the small kind the exact solver proves: a couple of offices
 * and depots around Chengdu, sites scattered around them, engineers with mixed skills and van
 * stock, parts with supersession, spare units, and dues drawn so that some are tight. The same
 * seed always gives the same problem (own PRNG, no Math.random), so property tests and benchmarks
 * can name the instance that failed.
 */
export interface RandomProblemSize {
  /** Number of tickets; default 3–8, drawn from the seed. */
  tickets?: number;
  /** Number of engineers; default 1–4, drawn from the seed. */
  engineers?: number;
  /** Number of depots holding stock; default 1–3, drawn from the seed. */
  stockLocations?: number;
  /** Travel mode; default greatCircle, or matrix for about one seed in four. */
  travel?: 'greatCircle' | 'matrix';
}

const NOW = '2026-11-28T08:00:00+08:00';
const NOW_MS = Date.parse(NOW);
const CENTER = { lat: 30.66, lon: 104.07 };
const KM_PER_DEGREE_LAT = 111.2;
const KM_PER_DEGREE_LON = 111.2 * Math.cos((CENTER.lat * Math.PI) / 180);

/** Skills, the models each skill repairs, and the parts those models take. */
const SKILLS = [
  { skill: 'his-server', share: 0.6, models: ['HIS-R740'], parts: ['P-PSU-600', 'P-FAN-1', 'P-DISK-2T'] },
  { skill: 'xray', share: 0.25, models: ['XR-200'], parts: ['P-TUBE-X', 'P-GEN-X'] },
  { skill: 'network', share: 0.15, models: ['SW-48'], parts: ['P-SFP-10G'] },
] as const;

const SKUS: NonNullable<ProblemInput['skus']> = [
  { sku: 'P-PSU-600', kind: 'part', fits: ['HIS-R740'] },
  { sku: 'P-PSU-650', kind: 'part', fits: ['HIS-R740'], supersedes: ['P-PSU-600'] },
  { sku: 'P-FAN-1', kind: 'part', fits: ['HIS-R740'] },
  { sku: 'P-DISK-2T', kind: 'part', fits: ['HIS-R740'] },
  { sku: 'P-DISK-4T', kind: 'part', fits: ['HIS-R740'], supersedes: ['P-DISK-2T'] },
  { sku: 'P-TUBE-X', kind: 'part', fits: ['XR-200'] },
  { sku: 'P-GEN-X', kind: 'part', fits: ['XR-200'] },
  { sku: 'P-SFP-10G', kind: 'part', fits: ['SW-48'] },
  { sku: 'U-HIS-R740', kind: 'unit', model: 'HIS-R740' },
  { sku: 'U-HIS-R750', kind: 'unit', model: 'HIS-R750', supersedes: ['U-HIS-R740'] },
  { sku: 'U-XR-200', kind: 'unit', model: 'XR-200' },
  { sku: 'U-SW-48', kind: 'unit', model: 'SW-48' },
];
const PART_SKUS = SKUS.filter((sku) => sku.kind === 'part').map((sku) => sku.sku);
const ALL_SKUS = SKUS.map((sku) => sku.sku);

/** mulberry32: tiny, fast and good enough to scatter test instances. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    chance: (p: number): boolean => next() < p,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
type Random = ReturnType<typeof createRandom>;

function isoAfter(minutes: number): string {
  const local = new Date(NOW_MS + minutes * 60_000 + 8 * 3_600_000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}

function around(random: Random, origin: { lat: number; lon: number }, minKm: number, maxKm: number) {
  const angle = random.next() * 2 * Math.PI;
  const km = minKm + random.next() * (maxKm - minKm);
  return {
    lat: Math.round((origin.lat + (km * Math.sin(angle)) / KM_PER_DEGREE_LAT) * 1e5) / 1e5,
    lon: Math.round((origin.lon + (km * Math.cos(angle)) / KM_PER_DEGREE_LON) * 1e5) / 1e5,
  };
}

/** Rough driving minutes at 60 km/h with circuity 1.3, for drawing dues and matrices. */
function roughMinutes(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dy = (a.lat - b.lat) * KM_PER_DEGREE_LAT;
  const dx = (a.lon - b.lon) * KM_PER_DEGREE_LON;
  return Math.sqrt(dx * dx + dy * dy) * 1.3;
}

export function randomSmallProblem(seed: number, size: RandomProblemSize = {}): Problem {
  const random = createRandom(seed * 2_654_435_761 + 12_345);
  const ticketCount = size.tickets ?? random.int(3, 8);
  const engineerCount = size.engineers ?? random.int(1, 4);
  const depotCount = size.stockLocations ?? random.int(1, 3);
  const travelMode = size.travel ?? (random.chance(0.25) ? 'matrix' : 'greatCircle');

  const offices = [{ id: 'O-1', kind: 'office' as const, ...around(random, CENTER, 0, 4) }];
  if (random.chance(0.5))
    offices.push({ id: 'O-2', kind: 'office' as const, ...around(random, CENTER, 25, 45) });
  const depots = Array.from({ length: depotCount }, (_, i) => ({
    id: `D-${i + 1}`,
    kind: 'depot' as const,
    ...around(random, CENTER, 3, 35),
  }));
  const sites: { id: string; kind: 'site'; lat: number; lon: number }[] = [];
  const newSite = () => {
    const site = {
      id: `S-${sites.length + 1}`,
      kind: 'site' as const,
      ...around(random, random.pick(offices), 4, 45),
    };
    sites.push(site);
    return site;
  };

  const engineers = Array.from({ length: engineerCount }, (_, i) => randomEngineer(random, i, offices));
  const tickets = Array.from({ length: ticketCount }, (_, i) => {
    const site = sites.length > 0 && random.chance(0.15) ? random.pick(sites) : newSite();
    return randomTicket(random, i, site, engineers, offices);
  });
  if (random.chance(0.3)) newSite();

  const stock = depots.flatMap((depot) =>
    ALL_SKUS.filter(() => random.chance(0.45)).map((sku) => ({
      location: depot.id,
      sku,
      qty: random.chance(0.6) ? 1 : 2,
    })),
  );
  topUpStock(random, stock, depots, tickets);
  const locations = [...offices, ...depots, ...sites];
  const travel =
    travelMode === 'matrix'
      ? {
          mode: 'matrix' as const,
          ids: locations.map((location) => location.id),
          minutes: locations.map((from) =>
            locations.map((to) =>
              from === to ? 0 : Math.round(roughMinutes(from, to) * (0.9 + 0.35 * random.next()) * 10) / 10,
            ),
          ),
        }
      : { mode: 'greatCircle' as const, speedKmh: 60, circuity: 1.3 };
  const courier = random.chance(0.8)
    ? { handlingMinutes: random.pick([20, 30, 45]), speedFactor: random.pick([1, 1.2, 1.5]) }
    : null;

  return Problem.parse({
    now: NOW,
    locations,
    engineers,
    stock,
    skus: SKUS,
    tickets,
    travel,
    courier,
    options: { timeLimitMs: 2000, seed, mode: 'plan' },
  } satisfies ProblemInput);
}

type EngineerInput = ProblemInput['engineers'][number];

function randomEngineer(random: Random, index: number, offices: { id: string }[]): EngineerInput {
  const home = random.pick(offices);
  const skills: Record<string, number> = {};
  if (random.chance(0.8)) skills['his-server'] = random.int(1, 3);
  if (random.chance(0.4)) skills['xray'] = random.int(1, 2);
  if (random.chance(0.3) || Object.keys(skills).length === 0) skills['network'] = random.int(1, 2);
  const vanStock: Record<string, number> = {};
  for (const sku of PART_SKUS) if (random.chance(0.15)) vanStock[sku] = 1;
  const input: EngineerInput = {
    id: `E-${index + 1}`,
    start: home.id,
    availableFrom: isoAfter(random.pick([0, 0, 0, 30, 60])),
    shiftEnd: isoAfter(random.pick([240, 360, 540, 540, 720])),
    skills,
    vanStock,
  };
  const endDraw = random.next();
  if (endDraw < 0.5) input.end = home.id;
  else if (endDraw < 0.7) input.end = random.pick(offices).id;
  if (random.chance(0.3)) input.maxJobs = random.int(2, 4);
  if (random.chance(0.3)) input.capacity = random.int(2, 4);
  return input;
}

function randomTicket(
  random: Random,
  index: number,
  site: { id: string; lat: number; lon: number },
  engineers: EngineerInput[],
  offices: { lat: number; lon: number }[],
): ProblemInput['tickets'][number] {
  // Mostly a skill some engineer holds at a level they reach; now and then one nobody can serve.
  const engineer = random.pick(engineers);
  const held = SKILLS.filter((candidate) => (engineer.skills[candidate.skill] ?? 0) > 0);
  const skill = held.length > 0 && random.chance(0.95) ? random.pick(held) : random.pick(SKILLS);
  const reachable = engineer.skills[skill.skill] ?? 3;
  const minSkillLevel = random.chance(0.65) ? 1 : Math.min(reachable, random.chance(0.9) ? 2 : 3);
  const level = random.pick([1, 2, 2, 3, 3] as const);
  const nearest = Math.min(...offices.map((office) => roughMinutes(office, site)));
  const parts = Array.from({ length: random.pick([0, 1, 1, 1, 2]) }, () => ({
    sku: random.pick(skill.parts),
    qty: random.chance(0.85) ? 1 : 2,
  })).filter((part, i, all) => all.findIndex((other) => other.sku === part.sku) === i);
  const ticket: ProblemInput['tickets'][number] = {
    id: `T-${index + 1}`,
    site: site.id,
    level,
    tier: random.pick(['A', 'B', 'C'] as const),
    skill: skill.skill,
    minSkillLevel,
    serviceMinutes: random.pick([30, 45, 60, 90, 120]),
    parts,
    due: {},
    load: random.chance(0.5) ? random.int(1, 2) : 0,
  };
  if (random.chance(0.25)) ticket.spareUnit = { model: random.pick(skill.models) };
  const preventive = level === 3 && random.chance(0.3);
  if (preventive) {
    ticket.earliestStart = isoAfter(random.int(2, 5) * 60);
  } else {
    if (random.chance(0.85)) ticket.due!.onsite = isoAfter(Math.round(nearest + random.int(-20, 240)));
    if (ticket.spareUnit && random.chance(0.8)) ticket.due!.spareUnit = isoAfter(random.int(45, 300));
  }
  const qualified = engineers.filter(
    (engineer) => (engineer.skills[skill.skill] ?? 0) >= ticket.minSkillLevel,
  );
  if (qualified.length > 0 && random.chance(0.08))
    ticket.pin = { engineer: random.pick(qualified).id, first: random.chance(0.5) };
  if (random.chance(0.15)) ticket.previousEngineer = random.pick(engineers).id;
  return ticket;
}

/**
 * Most needs should be servable from somewhere, or most tickets would end up unassigned for lack
 * of stock: for nine needs in ten, a depot gets what is missing. The tenth stays short on purpose.
 */
function topUpStock(
  random: Random,
  stock: { location: string; sku: string; qty: number }[],
  depots: { id: string }[],
  tickets: ProblemInput['tickets'],
): void {
  const held = (skus: readonly string[]) =>
    stock.filter((record) => skus.includes(record.sku)).reduce((sum, record) => sum + record.qty, 0);
  for (const ticket of tickets) {
    for (const part of ticket.parts ?? [])
      if (held([part.sku]) < part.qty && random.chance(0.9))
        stock.push({ location: random.pick(depots).id, sku: part.sku, qty: part.qty });
    const model = ticket.spareUnit?.model;
    const unit = SKUS.find((sku) => sku.kind === 'unit' && sku.model === model);
    if (unit && held([unit.sku]) === 0 && random.chance(0.9))
      stock.push({ location: random.pick(depots).id, sku: unit.sku, qty: 1 });
  }
}
