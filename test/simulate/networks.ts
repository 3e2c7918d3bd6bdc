/**
 * Small networks for the simulation tests: a hand-checkable matrix network and a generated
 * congested one around one city.
 */
import type { DemandClass, Promises, SimEngineer, SimulationInput } from '../../solver/simulate/index.ts';

export const START = '2026-12-01T00:00:00+08:00';

export const PROMISES: Promises = {
  onsiteMinutes: {
    1: { A: 240, B: 240, C: 480 },
    2: { A: 480, B: 720, C: 1440 },
    3: { A: 1440, B: 2880, C: 2880 },
  },
  spareUnitMinutes: { A: 240, B: 240, C: null },
};

/**
 * Office O, depot D, sites S1 and S2 on a travel matrix; one engineer on a 08:00–18:00 shift; one
 * replayed ticket whose every time can be worked out by hand.
 */
export function tinyNetwork(policy: 'optimized' | 'nearest-free'): SimulationInput {
  const ids = ['O', 'D', 'S1', 'S2'];
  const minutes = [
    [0, 20, 30, 50],
    [20, 0, 40, 60],
    [30, 40, 0, 25],
    [50, 60, 25, 0],
  ];
  return {
    start: START,
    days: 1,
    network: {
      locations: [
        { id: 'O', kind: 'office' },
        { id: 'D', kind: 'depot' },
        { id: 'S1', kind: 'site' },
        { id: 'S2', kind: 'site' },
      ],
      engineers: [
        { id: 'E1', home: 'O', skills: { router: 2 }, shift: { startMinute: 480, endMinute: 1080 } },
      ],
      stock: [{ location: 'D', sku: 'P1', qty: 3 }],
      skus: [{ sku: 'P1', kind: 'part', unitCost: 100 }],
      travel: { mode: 'matrix', ids, minutes },
      courier: null,
    },
    demand: {
      kind: 'replay',
      tickets: [
        // Reported at 09:00 local (minute 540): needs one P1 from the depot.
        {
          id: 'T1',
          at: 540,
          site: 'S1',
          level: 2,
          tier: 'A',
          skill: 'router',
          minSkillLevel: 1,
          serviceMinutes: 60,
          parts: [{ sku: 'P1', qty: 1 }],
        },
      ],
    },
    promises: PROMISES,
    serviceTimeCv: 0,
    reorder: null,
    dispatch: { policy },
  };
}

/** A city of `sites` sites around an office and a depot, `engineers` engineers, `perDay` tickets a day. */
export function cityNetwork(options: {
  engineers: number;
  perDay: number;
  days: number;
  sites?: number;
  policy: 'optimized' | 'nearest-free';
  extraEngineerNear?: boolean;
}): SimulationInput {
  const siteCount = options.sites ?? 12;
  const sites = Array.from({ length: siteCount }, (_, i) => ({
    id: `S${i}`,
    kind: 'site' as const,
    lat: 30.6 + 0.25 * Math.cos((2 * Math.PI * i) / siteCount) * (1 + (i % 3) * 0.4),
    lon: 104.0 + 0.3 * Math.sin((2 * Math.PI * i) / siteCount) * (1 + (i % 3) * 0.4),
  }));
  const offices = [
    { id: 'O1', kind: 'office' as const, lat: 30.6, lon: 104.0 },
    { id: 'O2', kind: 'office' as const, lat: 30.9, lon: 104.4 },
    { id: 'D1', kind: 'depot' as const, lat: 30.55, lon: 103.9 },
  ];
  const engineers: SimEngineer[] = Array.from({ length: options.engineers }, (_, i) => ({
    id: `E${i}`,
    home: i % 2 === 0 ? 'O1' : 'O2',
    skills: { router: 1 + (i % 3), power: i % 2 === 0 ? 2 : 1 },
    vanStock: { P1: 1 },
    shift: { startMinute: 480, endMinute: 1080 },
  }));
  if (options.extraEngineerNear)
    engineers.push({
      id: 'E-extra',
      home: 'O1',
      skills: { router: 3, power: 3 },
      vanStock: { P1: 1 },
      shift: { startMinute: 480, endMinute: 1080 },
    });
  const siteIds = sites.map((s) => s.id);
  const classes: DemandClass[] = [
    {
      name: 'l1-router',
      sites: siteIds,
      level: 1,
      tier: 'A',
      ticketsPerDay: options.perDay * 0.2,
      skill: 'router',
      minSkillLevel: 2,
      serviceMinutes: 60,
      parts: [{ sku: 'P1', qty: 1, probability: 0.5 }],
      spareUnit: { model: 'M1', probability: 0.3 },
    },
    {
      name: 'l2-router',
      sites: siteIds,
      level: 2,
      tier: 'B',
      ticketsPerDay: options.perDay * 0.4,
      skill: 'router',
      minSkillLevel: 1,
      serviceMinutes: 45,
      parts: [{ sku: 'P2', qty: 1, probability: 0.3 }],
    },
    {
      name: 'l3-power',
      sites: siteIds,
      level: 3,
      tier: 'C',
      ticketsPerDay: options.perDay * 0.4,
      skill: 'power',
      minSkillLevel: 1,
      serviceMinutes: 30,
    },
  ];
  return {
    start: START,
    days: options.days,
    network: {
      locations: [...offices, ...sites],
      engineers,
      stock: [
        { location: 'D1', sku: 'P1', qty: 20 },
        { location: 'D1', sku: 'P2', qty: 20 },
        { location: 'D1', sku: 'U1', qty: 6 },
        { location: 'O2', sku: 'P1', qty: 5 },
        { location: 'O2', sku: 'U1', qty: 2 },
      ],
      skus: [
        { sku: 'P1', kind: 'part', unitCost: 50 },
        { sku: 'P2', kind: 'part', unitCost: 80 },
        { sku: 'U1', kind: 'unit', model: 'M1', unitCost: 2000 },
      ],
      travel: { mode: 'greatCircle', speedKmh: 40, circuity: 1.3 },
      courier: { handlingMinutes: 30, speedFactor: 1.2 },
    },
    demand: {
      kind: 'model',
      classes,
      hourOfDay: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 18 ? 3 : 1)),
    },
    promises: PROMISES,
    serviceTimeCv: 0.3,
    courierDelayMeanMinutes: 10,
    reorder: { leadTimeDays: { mean: 2, sd: 0.5 }, targetFillRate: 0.95, holdingRate: 0.25, orderCost: 20 },
    dispatch: { policy: options.policy, replanEveryMinutes: 60, replanIterations: 30 },
  };
}
