import type { Assignment, Plan, Summary } from '../../solver/plan.schema.ts';
import { Problem, type ProblemInput } from '../../solver/problem.schema.ts';

/**
 * Tiny problems and their correct plans, worked out by hand (the arithmetic is in the comments)
 * so that the checker is tested against people, not against a solver. Every builder returns a
 * fresh copy: tests break one thing in it.
 */

export const NOW = '2026-11-28T08:00:00+08:00';

/** A time on the problem's day, in its offset: at('09:30') → 2026-11-28T09:30:00+08:00. */
export function at(clock: string): string {
  return `2026-11-28T${clock.length === 5 ? `${clock}:00` : clock}+08:00`;
}

export function parseProblem(input: ProblemInput): Problem {
  return Problem.parse(input);
}

/** The parts of an assignment a checker does not judge (the explanation), filled in. */
export function assignment(fields: Omit<Assignment, 'why' | 'alternatives'>): Assignment {
  return { ...fields, why: 'written by hand', alternatives: [] };
}

export function summary(
  fields: Pick<Summary, 'commitments' | 'lateMinutes' | 'travelMinutes' | 'courierMinutes' | 'objective'> & {
    moved?: number;
  },
): Summary {
  return { ...fields, solveMs: 0, provenOptimal: false, lowerBound: null };
}

const RICH_IDS = ['O-A', 'O-B', 'D-1', 'D-2', 'S-1', 'S-2', 'S-3', 'S-4'];
/** Driving minutes, row = from, column = to, in the order of RICH_IDS. */
const RICH_MINUTES = [
  [0, 40, 20, 60, 30, 50, 45, 70],
  [40, 0, 35, 25, 55, 30, 40, 35],
  [20, 35, 0, 50, 25, 30, 40, 60],
  [60, 25, 50, 0, 65, 35, 30, 20],
  [30, 55, 25, 65, 0, 20, 35, 70],
  [50, 30, 30, 35, 20, 0, 25, 45],
  [45, 40, 40, 30, 35, 25, 0, 30],
  [70, 35, 60, 20, 70, 45, 30, 0],
];

/**
 * Two engineers, two depots, four sites, matrix travel. Between them the tickets use van stock,
 * a pickup, a courier, a transitively superseding part, spare units by pickup and by courier
 * (a superseding unit), an earliestStart wait, an end location, pins, a moved ticket and an
 * unassigned one.
 */
export function richProblemInput(): ProblemInput {
  return {
    now: NOW,
    locations: [
      { id: 'O-A', kind: 'office' },
      { id: 'O-B', kind: 'office' },
      { id: 'D-1', kind: 'depot' },
      { id: 'D-2', kind: 'depot' },
      { id: 'S-1', kind: 'site' },
      { id: 'S-2', kind: 'site' },
      { id: 'S-3', kind: 'site' },
      { id: 'S-4', kind: 'site' },
    ],
    engineers: [
      {
        id: 'E-A',
        start: 'O-A',
        end: 'O-A',
        availableFrom: at('08:00'),
        shiftEnd: at('18:00'),
        skills: { server: 2 },
        vanStock: { 'P-FAN': 2, 'P-CABLE': 1 },
        maxJobs: 3,
        capacity: 4,
      },
      {
        id: 'E-B',
        start: 'O-B',
        availableFrom: at('08:10'),
        shiftEnd: at('17:00'),
        skills: { server: 1, storage: 2 },
      },
    ],
    stock: [
      { location: 'D-1', sku: 'P-PSU-700', qty: 2 },
      { location: 'D-1', sku: 'U-R740', qty: 1 },
      { location: 'D-1', sku: 'P-FAN', qty: 2 },
      { location: 'D-1', sku: 'U-R740XD', qty: 1 },
      { location: 'D-2', sku: 'P-DISK', qty: 1 },
      { location: 'D-2', sku: 'U-R740XD', qty: 1 },
      { location: 'D-2', sku: 'U-R640', qty: 2 },
    ],
    skus: [
      { sku: 'P-FAN', kind: 'part' },
      { sku: 'P-CABLE', kind: 'part' },
      { sku: 'P-PSU-600', kind: 'part' },
      { sku: 'P-PSU-650', kind: 'part', supersedes: ['P-PSU-600'] },
      { sku: 'P-PSU-700', kind: 'part', supersedes: ['P-PSU-650'] },
      { sku: 'P-DISK', kind: 'part' },
      { sku: 'U-R740', kind: 'unit', model: 'R740' },
      { sku: 'U-R740XD', kind: 'unit', model: 'R740XD', supersedes: ['U-R740'] },
      { sku: 'U-R640', kind: 'unit', model: 'R640' },
    ],
    tickets: [
      {
        id: 'T-1',
        site: 'S-1',
        level: 1,
        tier: 'A',
        skill: 'server',
        minSkillLevel: 2,
        serviceMinutes: 60,
        parts: [{ sku: 'P-FAN', qty: 1 }],
        due: { onsite: at('09:00') },
        load: 1,
        previousEngineer: 'E-A',
      },
      {
        id: 'T-2',
        site: 'S-2',
        level: 2,
        tier: 'B',
        skill: 'server',
        minSkillLevel: 1,
        serviceMinutes: 30,
        parts: [{ sku: 'P-PSU-600', qty: 1 }],
        spareUnit: { model: 'R740' },
        due: { onsite: at('11:00'), spareUnit: at('10:30') },
        load: 2,
      },
      {
        id: 'T-3',
        site: 'S-3',
        level: 3,
        tier: 'C',
        skill: 'server',
        minSkillLevel: 1,
        serviceMinutes: 45,
        earliestStart: at('12:00'),
        pin: { engineer: 'E-A' },
      },
      {
        id: 'T-4',
        site: 'S-4',
        level: 1,
        tier: 'B',
        skill: 'storage',
        minSkillLevel: 2,
        serviceMinutes: 60,
        parts: [{ sku: 'P-DISK', qty: 1 }],
        spareUnit: { model: 'R740' },
        due: { onsite: at('10:00') },
        pin: { engineer: 'E-B', first: true },
        previousEngineer: 'E-A',
      },
      {
        id: 'T-5',
        site: 'S-1',
        level: 2,
        tier: 'A',
        skill: 'xray',
        minSkillLevel: 1,
        serviceMinutes: 30,
        due: { onsite: at('12:00') },
      },
      {
        id: 'T-6',
        site: 'S-3',
        level: 3,
        tier: 'A',
        skill: 'storage',
        minSkillLevel: 1,
        serviceMinutes: 30,
        due: { onsite: at('10:00') },
        previousEngineer: 'E-B',
      },
    ],
    travel: { mode: 'matrix', ids: RICH_IDS, minutes: RICH_MINUTES },
    courier: { handlingMinutes: 30, speedFactor: 1 },
  };
}

export function richProblem(): Problem {
  return parseProblem(richProblemInput());
}

/**
 * E-A leaves O-A at 08:00: S-1 +30 → T-1 08:30–09:30 (fan from the van); D-1 +25 → pickup
 * 09:55–10:05; S-2 +30 → T-2 10:35–11:05 (PSU-700 for a PSU-600 need, unit U-R740, both picked
 * up, so at site 10:35: onsite met by 25 min, unit due 10:30 missed by 5); S-3 +25 → arrives
 * 11:30, waits, T-3 12:00–12:45; O-A +45 → 13:30. Travel 30+25+30+25+45 = 155.
 * E-B leaves O-B at 08:10: S-4 +35 → arrives 08:45; the courier leaves D-2 at 08:30 (+30
 * handling), drives 20, so the disk is there at 08:50 and T-4 runs 08:50–09:50 (onsite met by
 * 75); S-3 +30 → T-6 10:20–10:50, due 10:00, missed by 20. No end: finishes 10:50. Travel 65.
 * Courier: one trip D-2 → S-4, 20 min.
 * Objective: missed T-2 unit (1000×2) + T-6 (1×3) + unassigned T-5 (1000×3 × (1 + 1)) = 8003;
 * late 5 + 20 = 25; travel 220 + courier 20 = 240; coverage: D-1's only U-R740 and D-2's only
 * P-DISK are emptied and nobody else holds them (2), D-2's U-R740XD is emptied but D-1 has one
 * too (0). T-4 moved from E-A to E-B.
 */
export function richPlan(): Plan {
  return {
    assignments: [
      assignment({
        ticket: 'T-1',
        engineer: 'E-A',
        arrive: at('08:30'),
        start: at('08:30'),
        end: at('09:30'),
        parts: [{ sku: 'P-FAN', qty: 1, from: 'van', via: 'van', atSite: at('08:30') }],
        spareUnit: null,
        commitments: { onsite: { due: at('09:00'), met: true, slackMinutes: 30 } },
      }),
      assignment({
        ticket: 'T-2',
        engineer: 'E-A',
        arrive: at('10:35'),
        start: at('10:35'),
        end: at('11:05'),
        parts: [{ sku: 'P-PSU-700', qty: 1, from: 'D-1', via: 'pickup', atSite: at('10:35') }],
        spareUnit: { sku: 'U-R740', from: 'D-1', via: 'pickup', atSite: at('10:35') },
        commitments: {
          onsite: { due: at('11:00'), met: true, slackMinutes: 25 },
          spareUnit: { due: at('10:30'), met: false, slackMinutes: -5 },
        },
      }),
      assignment({
        ticket: 'T-3',
        engineer: 'E-A',
        arrive: at('11:30'),
        start: at('12:00'),
        end: at('12:45'),
        parts: [],
        commitments: {},
        pinned: true,
      }),
      assignment({
        ticket: 'T-4',
        engineer: 'E-B',
        arrive: at('08:45'),
        start: at('08:50'),
        end: at('09:50'),
        parts: [{ sku: 'P-DISK', qty: 1, from: 'D-2', via: 'courier', atSite: at('08:50') }],
        spareUnit: { sku: 'U-R740XD', from: 'D-2', via: 'courier', atSite: at('08:50') },
        commitments: { onsite: { due: at('10:00'), met: true, slackMinutes: 75 } },
        pinned: true,
      }),
      assignment({
        ticket: 'T-6',
        engineer: 'E-B',
        arrive: at('10:20'),
        start: at('10:20'),
        end: at('10:50'),
        parts: [],
        commitments: { onsite: { due: at('10:00'), met: false, slackMinutes: -20 } },
      }),
    ],
    routes: [
      {
        engineer: 'E-A',
        stops: [
          { type: 'ticket', ticket: 'T-1', location: 'S-1', arrive: at('08:30'), depart: at('09:30') },
          {
            type: 'pickup',
            location: 'D-1',
            arrive: at('09:55'),
            depart: at('10:05'),
            skus: { 'P-PSU-700': 1, 'U-R740': 1 },
          },
          { type: 'ticket', ticket: 'T-2', location: 'S-2', arrive: at('10:35'), depart: at('11:05') },
          { type: 'ticket', ticket: 'T-3', location: 'S-3', arrive: at('11:30'), depart: at('12:45') },
        ],
        finish: at('13:30'),
        travelMinutes: 155,
      },
      {
        engineer: 'E-B',
        stops: [
          { type: 'ticket', ticket: 'T-4', location: 'S-4', arrive: at('08:45'), depart: at('09:50') },
          { type: 'ticket', ticket: 'T-6', location: 'S-3', arrive: at('10:20'), depart: at('10:50') },
        ],
        finish: at('10:50'),
        travelMinutes: 65,
      },
    ],
    unassigned: [{ ticket: 'T-5', reason: 'nobody has xray' }],
    summary: summary({
      commitments: { met: 3, missed: 3, byLevel: { '1': [2, 0], '2': [1, 2], '3': [0, 1] } },
      lateMinutes: 25,
      travelMinutes: 220,
      courierMinutes: 20,
      objective: [8003, 25, 240, 2],
      moved: 1,
    }),
  };
}

/**
 * Great-circle travel on the equator at 60 km/h, circuity 1: a degree of longitude is
 * 6371.0088 km × π/180 = 111.19508 km, so 111.19508 min, rounded to 111.20 (1 h 51 min 12 s).
 * The courier's depot sits half a degree out: 55.59754 km at speedFactor 2 is 27.79877 min,
 * rounded to 27.80, after 30 min handling: at the site at 08:57:48.
 */
export function greatCircleProblem(): Problem {
  return parseProblem({
    now: NOW,
    locations: [
      { id: 'O-G', kind: 'office', lat: 0, lon: 0 },
      { id: 'D-G', kind: 'depot', lat: 0, lon: 0.5 },
      { id: 'S-G', kind: 'site', lat: 0, lon: 1 },
    ],
    engineers: [
      {
        id: 'E-G',
        start: 'O-G',
        end: 'O-G',
        availableFrom: at('08:00'),
        shiftEnd: at('18:00'),
        skills: { server: 1 },
      },
    ],
    stock: [{ location: 'D-G', sku: 'P-FAN', qty: 2 }],
    skus: [{ sku: 'P-FAN', kind: 'part' }],
    tickets: [
      {
        id: 'T-G',
        site: 'S-G',
        level: 1,
        tier: 'A',
        skill: 'server',
        minSkillLevel: 1,
        serviceMinutes: 30,
        parts: [{ sku: 'P-FAN', qty: 1 }],
        due: { onsite: at('10:00') },
      },
    ],
    travel: { mode: 'greatCircle', speedKmh: 60, circuity: 1 },
    courier: { handlingMinutes: 30, speedFactor: 2 },
  });
}

/**
 * E-G arrives 08:00 + 111.20 min = 09:51:12 (due 10:00: 8.80 min to spare), works until
 * 10:21:12 and is back at O-G 111.20 min later, 12:12:24. Travel 222.40, courier 27.80.
 */
export function greatCirclePlan(): Plan {
  return {
    assignments: [
      assignment({
        ticket: 'T-G',
        engineer: 'E-G',
        arrive: at('09:51:12'),
        start: at('09:51:12'),
        end: at('10:21:12'),
        parts: [{ sku: 'P-FAN', qty: 1, from: 'D-G', via: 'courier', atSite: at('08:57:48') }],
        commitments: { onsite: { due: at('10:00'), met: true, slackMinutes: 8.8 } },
      }),
    ],
    routes: [
      {
        engineer: 'E-G',
        stops: [
          { type: 'ticket', ticket: 'T-G', location: 'S-G', arrive: at('09:51:12'), depart: at('10:21:12') },
        ],
        finish: at('12:12:24'),
        travelMinutes: 222.4,
      },
    ],
    unassigned: [],
    summary: summary({
      commitments: { met: 1, missed: 0, byLevel: { '1': [1, 0], '2': [0, 0], '3': [0, 0] } },
      lateMinutes: 0,
      travelMinutes: 222.4,
      courierMinutes: 27.8,
      objective: [0, 0, 250.2, 0],
      moved: 0,
    }),
  };
}

const CANDIDATE_IDS = ['O-A', 'O-B', 'D-1', 'S-1', 'S-2'];
const CANDIDATE_MINUTES = [
  [0, 40, 20, 30, 50],
  [40, 0, 35, 55, 30],
  [20, 35, 0, 25, 30],
  [30, 55, 25, 0, 20],
  [50, 30, 30, 20, 0],
];

/** Where can T-NEW (S-2, fan, due 10:00) go, given E-A's route to T-1 (S-1, due 09:00)? */
export function candidatesProblem(): Problem {
  return parseProblem({
    now: NOW,
    locations: [
      { id: 'O-A', kind: 'office' },
      { id: 'O-B', kind: 'office' },
      { id: 'D-1', kind: 'depot' },
      { id: 'S-1', kind: 'site' },
      { id: 'S-2', kind: 'site' },
    ],
    engineers: [
      {
        id: 'E-A',
        start: 'O-A',
        end: 'O-A',
        availableFrom: at('08:00'),
        shiftEnd: at('18:00'),
        skills: { server: 2 },
      },
      {
        id: 'E-B',
        start: 'O-B',
        availableFrom: at('08:00'),
        shiftEnd: at('18:00'),
        skills: { server: 1 },
        vanStock: { 'P-FAN': 1 },
      },
    ],
    stock: [{ location: 'D-1', sku: 'P-FAN', qty: 1 }],
    skus: [{ sku: 'P-FAN', kind: 'part' }],
    tickets: [
      {
        id: 'T-1',
        site: 'S-1',
        level: 2,
        tier: 'B',
        skill: 'server',
        minSkillLevel: 1,
        serviceMinutes: 60,
        due: { onsite: at('09:00') },
      },
      {
        id: 'T-NEW',
        site: 'S-2',
        level: 1,
        tier: 'A',
        skill: 'server',
        minSkillLevel: 1,
        serviceMinutes: 30,
        parts: [{ sku: 'P-FAN', qty: 1 }],
        due: { onsite: at('10:00') },
      },
    ],
    travel: { mode: 'matrix', ids: CANDIDATE_IDS, minutes: CANDIDATE_MINUTES },
    options: { mode: 'candidates', ticket: 'T-NEW' },
  });
}

/**
 * Today's route: E-A O-A +30 → T-1 08:30–09:30 (met by 30) → O-A +30 at 10:00, travel 60;
 * T-NEW waits in `unassigned` (1e6 × 3 × (1 + 1)). Without T-NEW the objective is [0, 0, 60, 0].
 * 1. E-B first, fan from the van: O-B +30 → 08:30 (met by 90); E-B drives 30: [0, 0, 90, 0].
 * 2. E-A first, with a pickup at D-1: O-A +20 → 08:20–08:30, S-2 +30 → T-NEW 09:00–09:30 (met by
 *    60), S-1 +20 → T-1 at 09:50, 80 min later than today and 50 min late (1000 × 2); back
 *    at O-A +30; travel 20+30+20+30 = 100; D-1's only fan taken: [2000, 50, 100, 1].
 * 3. E-A after T-1, with a pickup at D-1: S-1 +25 → 09:55–10:05, S-2 +30 → 10:35, 35 min late
 *    (1e6 × 3), back +50; travel 30+25+30+50 = 135: [3000000, 35, 135, 1].
 */
export function candidatesPlan(): Plan {
  return {
    assignments: [
      assignment({
        ticket: 'T-1',
        engineer: 'E-A',
        arrive: at('08:30'),
        start: at('08:30'),
        end: at('09:30'),
        parts: [],
        commitments: { onsite: { due: at('09:00'), met: true, slackMinutes: 30 } },
      }),
    ],
    routes: [
      {
        engineer: 'E-A',
        stops: [{ type: 'ticket', ticket: 'T-1', location: 'S-1', arrive: at('08:30'), depart: at('09:30') }],
      },
    ],
    unassigned: [{ ticket: 'T-NEW', reason: 'candidates mode: see candidates' }],
    summary: summary({
      commitments: { met: 1, missed: 1, byLevel: { '1': [0, 1], '2': [1, 0], '3': [0, 0] } },
      lateMinutes: 0,
      travelMinutes: 60,
      courierMinutes: 0,
      objective: [6_000_000, 0, 60, 0],
    }),
    candidates: [
      {
        rank: 1,
        engineer: 'E-B',
        position: 0,
        arrive: at('08:30'),
        start: at('08:30'),
        parts: [{ sku: 'P-FAN', qty: 1, from: 'van', via: 'van', atSite: at('08:30') }],
        spareUnit: null,
        commitments: { onsite: { due: at('10:00'), met: true, slackMinutes: 90 } },
        objective: [0, 0, 90, 0],
        delta: [0, 0, 30, 0],
        consequences: [],
        why: 'free engineer with the fan in the van',
      },
      {
        rank: 2,
        engineer: 'E-A',
        position: 0,
        arrive: at('09:00'),
        start: at('09:00'),
        parts: [{ sku: 'P-FAN', qty: 1, from: 'D-1', via: 'pickup', atSite: at('09:00') }],
        commitments: { onsite: { due: at('10:00'), met: true, slackMinutes: 60 } },
        objective: [2000, 50, 100, 1],
        delta: [2000, 50, 40, 1],
        consequences: [{ ticket: 'T-1', slackLostMinutes: 80, becomesLate: true }],
        why: 'before T-1',
      },
      {
        rank: 3,
        engineer: 'E-A',
        position: 1,
        arrive: at('10:35'),
        start: at('10:35'),
        parts: [{ sku: 'P-FAN', qty: 1, from: 'D-1', via: 'pickup', atSite: at('10:35') }],
        commitments: { onsite: { due: at('10:00'), met: false, slackMinutes: -35 } },
        objective: [3_000_000, 35, 135, 1],
        delta: [3_000_000, 35, 75, 1],
        consequences: [],
        why: 'after T-1',
      },
    ],
  };
}
