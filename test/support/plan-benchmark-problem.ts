import { Problem, type ProblemInput } from '../../solver/problem.schema.ts';

/**
 * A throwaway generator of large dispatch problems for measuring the heuristic's speed (the real
 * benchmark generators come later): a province-sized square with offices and depots, engineers
 * based at offices, sites scattered around offices, and a day's tickets whose dues follow the
 * commitment profiles (level 1: on site in 2–4 h, spare unit in 4 h; level 2: 12 h; level 3: 48 h
 * or a window). Seeded, no Math.random.
 */
export interface BenchmarkSize {
  tickets: number;
  engineers: number;
  /** Offices (engineer bases, small stock); default engineers / 10. */
  offices?: number;
  /** Depots (large stock); default offices / 4. */
  depots?: number;
  /** Side of the square in km; default 600. */
  sideKm?: number;
  timeLimitMs?: number;
  mode?: 'plan' | 'candidates';
}

const NOW = '2026-11-28T08:00:00+08:00';
const NOW_MS = Date.parse(NOW);
const ORIGIN = { lat: 27.5, lon: 102.5 };
const SKILLS = ['his-server', 'xray', 'av-classroom'] as const;
const PARTS = [
  'P-PSU-600',
  'P-PSU-650',
  'P-FAN-1',
  'P-DISK-2T',
  'P-TUBE-X',
  'P-LAMP-AV',
  'P-BOARD-AV',
] as const;
const PARTS_BY_SKILL: Record<(typeof SKILLS)[number], readonly string[]> = {
  'his-server': ['P-PSU-600', 'P-FAN-1', 'P-DISK-2T'],
  xray: ['P-TUBE-X'],
  'av-classroom': ['P-LAMP-AV', 'P-BOARD-AV'],
};
const UNIT_BY_SKILL: Record<(typeof SKILLS)[number], string> = {
  'his-server': 'HIS-R740',
  xray: 'XR-200',
  'av-classroom': 'AV-PROJ-1',
};

function random32(seed: number) {
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
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

const iso = (minutes: number): string =>
  `${new Date(NOW_MS + minutes * 60_000 + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

export function benchmarkProblem(seed: number, size: BenchmarkSize): Problem {
  const random = random32(seed * 7919 + 1);
  const side = size.sideKm ?? 600;
  const officeCount = size.offices ?? Math.max(2, Math.round(size.engineers / 10));
  const depotCount = size.depots ?? Math.max(1, Math.round(officeCount / 4));
  const point = (center?: { lat: number; lon: number }, radiusKm = 0) => {
    const km = center
      ? { x: (random.next() * 2 - 1) * radiusKm, y: (random.next() * 2 - 1) * radiusKm }
      : { x: random.next() * side, y: random.next() * side };
    const base = center ?? ORIGIN;
    return {
      lat: Math.round((base.lat + km.y / 111.2) * 1e5) / 1e5,
      lon: Math.round((base.lon + km.x / (111.2 * Math.cos((base.lat * Math.PI) / 180))) * 1e5) / 1e5,
    };
  };
  const offices = Array.from({ length: officeCount }, (_, i) => ({
    id: `O-${i}`,
    kind: 'office' as const,
    ...point(),
  }));
  const depots = Array.from({ length: depotCount }, (_, i) => ({
    id: `D-${i}`,
    kind: 'depot' as const,
    ...point(),
  }));
  const sites = Array.from({ length: size.tickets }, (_, i) => ({
    id: `S-${i}`,
    kind: 'site' as const,
    ...point(random.pick(offices), 60),
  }));

  const engineers: ProblemInput['engineers'] = Array.from({ length: size.engineers }, (_, i) => {
    const skills: Record<string, number> = {};
    for (const skill of SKILLS) if (random.next() < 0.55) skills[skill] = random.int(1, 3);
    if (Object.keys(skills).length === 0) skills['his-server'] = 2;
    const vanStock: Record<string, number> = {};
    for (const part of PARTS) if (random.next() < 0.3) vanStock[part] = random.int(1, 2);
    const home = offices[i % officeCount]!;
    return {
      id: `E-${i}`,
      start: home.id,
      end: home.id,
      availableFrom: iso(random.pick([0, 0, 30, 60])),
      shiftEnd: iso(random.pick([540, 600, 660])),
      skills,
      vanStock,
      maxJobs: 6,
      capacity: 6,
    };
  });

  const stock: ProblemInput['stock'] = [];
  for (const office of offices)
    for (const part of PARTS)
      if (random.next() < 0.4) stock.push({ location: office.id, sku: part, qty: random.int(1, 3) });
  for (const depot of depots) {
    for (const part of PARTS) stock.push({ location: depot.id, sku: part, qty: random.int(5, 20) });
    for (const unit of Object.values(UNIT_BY_SKILL))
      stock.push({ location: depot.id, sku: `U-${unit}`, qty: random.int(2, 6) });
  }
  for (const office of offices)
    if (random.next() < 0.3)
      stock.push({ location: office.id, sku: `U-${random.pick(Object.values(UNIT_BY_SKILL))}`, qty: 1 });

  const tickets: ProblemInput['tickets'] = sites.map((site, i) => {
    const skill = random.pick(SKILLS);
    const level = random.pick([1, 2, 2, 3, 3, 3] as const);
    const ticket: ProblemInput['tickets'][number] = {
      id: `T-${i}`,
      site: site.id,
      level,
      tier: random.pick(['A', 'B', 'C'] as const),
      skill,
      minSkillLevel: random.next() < 0.6 ? 1 : 2,
      serviceMinutes: random.pick([30, 45, 60, 90]),
      parts: random.next() < 0.6 ? [{ sku: random.pick(PARTS_BY_SKILL[skill]), qty: 1 }] : [],
      due: {},
      load: random.int(0, 2),
    };
    if (level === 1) {
      ticket.due = { onsite: iso(random.int(120, 240)) };
      if (random.next() < 0.4) {
        ticket.spareUnit = { model: UNIT_BY_SKILL[skill] };
        ticket.due.spareUnit = iso(240);
      }
    } else if (level === 2) ticket.due = { onsite: iso(720) };
    else if (random.next() < 0.5) ticket.due = { onsite: iso(2880) };
    else ticket.earliestStart = iso(random.int(60, 300));
    return ticket;
  });

  const skus: ProblemInput['skus'] = [
    ...PARTS.map((sku) => ({
      sku,
      kind: 'part' as const,
      ...(sku === 'P-PSU-650' ? { supersedes: ['P-PSU-600'] } : {}),
    })),
    ...Object.values(UNIT_BY_SKILL).map((model) => ({ sku: `U-${model}`, kind: 'unit' as const, model })),
  ];
  return Problem.parse({
    now: NOW,
    locations: [...offices, ...depots, ...sites],
    engineers,
    stock,
    skus,
    tickets,
    travel: { mode: 'greatCircle', speedKmh: 60, circuity: 1.3 },
    courier: { handlingMinutes: 30, speedFactor: 1.2 },
    options: { timeLimitMs: size.timeLimitMs ?? 2000, seed, mode: size.mode ?? 'plan' },
  } satisfies ProblemInput);
}
