/**
 * A generated what-if network of the demo's size (4 cities, offices and depots, sites around the
 * cities, engineers with weekday shifts and a few skills) and a demand model of `ticketsPerDay`
 * spread over cities, levels and skills. Seeded: the same options give the same input.
 */
import { createRandom } from '../../../solver/random.ts';
import type {
  DemandClass,
  DispatchPolicy,
  SimEngineer,
  SimSku,
  SimulationInput,
} from '../../../solver/simulate/index.ts';

const CITIES = [
  { code: 'CD', lat: 30.66, lon: 104.07 },
  { code: 'CQ', lat: 29.56, lon: 106.55 },
  { code: 'XA', lat: 34.34, lon: 108.94 },
  { code: 'KM', lat: 25.04, lon: 102.71 },
];
const SKILLS = ['router', 'switch', 'power', 'av'];

export interface WhatIfNetworkOptions {
  seed: number;
  engineers: number;
  sites: number;
  stockLocations: number;
  ticketsPerDay: number;
  days: number;
  policy: DispatchPolicy;
  replanEveryMinutes?: number;
}

export function whatIfNetwork(options: WhatIfNetworkOptions): SimulationInput {
  const random = createRandom(options.seed);
  const around = (city: (typeof CITIES)[number], spread: number) => ({
    lat: city.lat + (random.next() - 0.5) * spread,
    lon: city.lon + (random.next() - 0.5) * spread,
  });
  const offices = CITIES.map((city) => ({
    id: `O-${city.code}`,
    kind: 'office' as const,
    ...around(city, 0.05),
  }));
  const depots = Array.from({ length: Math.max(0, options.stockLocations - offices.length) }, (_, i) => {
    const city = CITIES[i % CITIES.length]!;
    return { id: `D-${city.code}-${i}`, kind: 'depot' as const, ...around(city, 0.3) };
  });
  const sites = Array.from({ length: options.sites }, (_, i) => {
    const city = CITIES[i % CITIES.length]!;
    return { id: `S-${i}`, kind: 'site' as const, ...around(city, 0.6) };
  });
  const skus: SimSku[] = [
    ...SKILLS.map((skill) => ({ sku: `P-${skill}`, kind: 'part' as const, unitCost: 120 })),
    ...SKILLS.map((skill) => ({
      sku: `U-${skill}`,
      kind: 'unit' as const,
      model: `M-${skill}`,
      unitCost: 3000,
    })),
  ];
  const stockHolders = [...offices, ...depots];
  const stock = stockHolders.flatMap((location) =>
    SKILLS.flatMap((skill) => [
      { location: location.id, sku: `P-${skill}`, qty: 4 + random.int(6) },
      { location: location.id, sku: `U-${skill}`, qty: 1 + random.int(2) },
    ]),
  );
  const engineers: SimEngineer[] = Array.from({ length: options.engineers }, (_, i) => {
    const skills: Record<string, number> = { [SKILLS[i % SKILLS.length]!]: 2 + random.int(2) };
    skills[SKILLS[(i + 1) % SKILLS.length]!] = 1 + random.int(2);
    return {
      id: `E-${i}`,
      // Every city gets engineers of every skill.
      home: offices[Math.floor(i / SKILLS.length) % offices.length]!.id,
      skills,
      vanStock: { [`P-${SKILLS[i % SKILLS.length]}`]: 2 },
      shift: { startMinute: 480, endMinute: 1080, days: [1, 2, 3, 4, 5, 6] },
    };
  });
  const classes: DemandClass[] = CITIES.flatMap((city, c) =>
    SKILLS.flatMap((skill) =>
      ([1, 2, 3] as const).map((level) => ({
        name: `${city.code}-${skill}-L${level}`,
        sites: sites.filter((_, i) => i % CITIES.length === c).map((s) => s.id),
        level,
        tier: (['A', 'B', 'C'] as const)[(level + c) % 3]!,
        ticketsPerDay:
          (options.ticketsPerDay / (CITIES.length * SKILLS.length)) * [0.15, 0.35, 0.5][level - 1]!,
        skill,
        minSkillLevel: level === 1 ? 2 : 1,
        serviceMinutes: [90, 60, 45][level - 1]!,
        parts: [{ sku: `P-${skill}`, qty: 1, probability: 0.4 }],
        spareUnit: level === 1 ? { model: `M-${skill}`, probability: 0.3 } : undefined,
      })),
    ),
  );
  return {
    start: '2026-12-01T00:00:00+08:00',
    days: options.days,
    network: {
      locations: [...offices, ...depots, ...sites],
      engineers,
      stock,
      skus,
      travel: { mode: 'greatCircle', speedKmh: 50, circuity: 1.3 },
      courier: { handlingMinutes: 30, speedFactor: 1.2 },
    },
    demand: {
      kind: 'model',
      classes,
      dayOfWeek: [0.5, 1.1, 1.1, 1.1, 1.1, 1.1, 0.7],
      hourOfDay: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 19 ? 4 : 1)),
    },
    promises: {
      onsiteMinutes: {
        1: { A: 240, B: 240, C: 480 },
        2: { A: 720, B: 720, C: 1440 },
        3: { A: 1440, B: 2880, C: 2880 },
      },
      spareUnitMinutes: { A: 240, B: 240, C: null },
    },
    serviceTimeCv: 0.3,
    courierDelayMeanMinutes: 15,
    reorder: { leadTimeDays: { mean: 3, sd: 1 }, targetFillRate: 0.95, holdingRate: 0.25, orderCost: 30 },
    dispatch: {
      policy: options.policy,
      replanEveryMinutes: options.replanEveryMinutes ?? 60,
    },
  };
}
