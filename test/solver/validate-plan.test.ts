import { describe, expect, it } from 'vitest';
import type { Plan } from '../../solver/plan.schema.ts';
import type { ProblemInput } from '../../solver/problem.schema.ts';
import { validateCandidates, validatePlan, type ViolationRule } from '../../solver/validate-plan.ts';
import {
  assignment,
  at,
  candidatesPlan,
  candidatesProblem,
  greatCirclePlan,
  greatCircleProblem,
  NOW,
  parseProblem,
  richPlan,
  richProblem,
  richProblemInput,
  summary,
} from '../support/plan-fixtures.ts';

function rulesOf(validation: { violations: { rule: ViolationRule }[] }): ViolationRule[] {
  return [...new Set(validation.violations.map((violation) => violation.rule))].sort();
}

/** Breaks one thing in a copy of the rich problem or its plan and returns the rules reported. */
function breakRich(change: (problem: ProblemInput, plan: Plan) => void): ViolationRule[] {
  const problem = richProblemInput();
  const plan = richPlan();
  change(problem, plan);
  return rulesOf(validatePlan(parseProblem(problem), plan));
}

function assignmentOf(plan: Plan, ticket: string) {
  return plan.assignments.find((a) => a.ticket === ticket)!;
}

function ticketOf(problem: ProblemInput, id: string) {
  return problem.tickets.find((t) => t.id === id)!;
}

function engineerOf(problem: ProblemInput, id: string) {
  return problem.engineers.find((e) => e.id === id)!;
}

/** One engineer, one depot, one site: O → D 20, D → S 25, O → S 30 minutes. */
function pickupProblem() {
  return parseProblem({
    now: NOW,
    locations: [
      { id: 'O', kind: 'office' },
      { id: 'D', kind: 'depot' },
      { id: 'S', kind: 'site' },
    ],
    engineers: [
      { id: 'E', start: 'O', availableFrom: at('08:00'), shiftEnd: at('18:00'), skills: { fix: 1 } },
    ],
    stock: [{ location: 'D', sku: 'P', qty: 3 }],
    skus: [{ sku: 'P', kind: 'part' }],
    tickets: [
      {
        id: 'T',
        site: 'S',
        level: 2,
        tier: 'A',
        skill: 'fix',
        minSkillLevel: 1,
        serviceMinutes: 60,
        parts: [{ sku: 'P', qty: 1 }],
        due: { onsite: at('10:00') },
      },
    ],
    travel: {
      mode: 'matrix',
      ids: ['O', 'D', 'S'],
      minutes: [
        [0, 20, 30],
        [20, 0, 25],
        [30, 25, 0],
      ],
    },
  });
}

/** E picks up at D (08:20–08:30, or twice: then 08:30–08:40 too), reaching S 25 min later. */
function pickupPlan(repeated: boolean): Plan {
  const arrive = repeated ? at('09:05') : at('08:55');
  const end = repeated ? at('10:05') : at('09:55');
  const slack = repeated ? 55 : 65;
  const again = {
    type: 'pickup' as const,
    location: 'D',
    arrive: at('08:30'),
    depart: at('08:40'),
    skus: {},
  };
  return {
    assignments: [
      assignment({
        ticket: 'T',
        engineer: 'E',
        arrive,
        start: arrive,
        end,
        parts: [{ sku: 'P', qty: 1, from: 'D', via: 'pickup', atSite: arrive }],
        commitments: { onsite: { due: at('10:00'), met: true, slackMinutes: slack } },
      }),
    ],
    routes: [
      {
        engineer: 'E',
        stops: [
          { type: 'pickup', location: 'D', arrive: at('08:20'), depart: at('08:30'), skus: { P: 1 } },
          ...(repeated ? [again] : []),
          { type: 'ticket', ticket: 'T', location: 'S', arrive, depart: end },
        ],
      },
    ],
    unassigned: [],
    summary: summary({
      commitments: { met: 1, missed: 0, byLevel: { '1': [0, 0], '2': [1, 0], '3': [0, 0] } },
      lateMinutes: 0,
      travelMinutes: 45,
      courierMinutes: 0,
      objective: [0, 0, 45, 0],
    }),
  };
}

describe('validatePlan on correct hand-made plans', () => {
  it('accepts the rich plan and derives its totals', () => {
    const validation = validatePlan(richProblem(), richPlan());
    expect(validation.violations).toEqual([]);
    expect(validation.valid).toBe(true);
    expect(validation.derived).toEqual({
      objective: [8003, 25, 240, 2],
      commitments: { met: 3, missed: 3, byLevel: { '1': [2, 0], '2': [1, 2], '3': [0, 1] } },
      lateMinutes: 25,
      travelMinutes: 220,
      courierMinutes: 20,
      moved: 1,
    });
  });

  it('accepts great-circle travel with a courier at speedFactor 2', () => {
    const validation = validatePlan(greatCircleProblem(), greatCirclePlan());
    expect(validation.violations).toEqual([]);
    expect(validation.derived.objective).toEqual([0, 0, 250.2, 0]);
  });

  it('accepts a pickup stop and a plan without an end location', () => {
    expect(validatePlan(pickupProblem(), pickupPlan(false)).violations).toEqual([]);
  });

  it('charges an unassigned ticket without commitments its weight once', () => {
    // Without T-3, E-A drives home from S-2 (50 min): 10:35–11:05 at S-2, home 11:55; travel
    // 30+25+30+50 = 135. T-3 (level 3, tier C: weight 1) costs 1 × (0 + 1).
    const plan = richPlan();
    plan.assignments = plan.assignments.filter((a) => a.ticket !== 'T-3');
    plan.unassigned.push({ ticket: 'T-3', reason: 'left out' });
    const route = plan.routes[0]!;
    route.stops = route.stops.filter((stop) => stop.type !== 'ticket' || stop.ticket !== 'T-3');
    route.finish = at('11:55');
    route.travelMinutes = 135;
    plan.summary = summary({ ...plan.summary, travelMinutes: 200, objective: [8004, 25, 220, 2], moved: 1 });
    const validation = validatePlan(richProblem(), plan);
    expect(validation.violations).toEqual([]);
    expect(validation.derived.objective).toEqual([8004, 25, 220, 2]);
  });

  it('accepts a part naming the need it meets with forSku, and survives a supersedes cycle', () => {
    const problem = richProblemInput();
    problem.skus!.find((sku) => sku.sku === 'P-PSU-600')!.supersedes = ['P-PSU-700'];
    const plan = richPlan();
    assignmentOf(plan, 'T-2').parts[0]!.forSku = 'P-PSU-600';
    expect(validatePlan(parseProblem(problem), plan).violations).toEqual([]);
  });

  it('rejects forSku naming a need the part does not meet', () => {
    const plan = richPlan();
    assignmentOf(plan, 'T-2').parts[0]!.forSku = 'P-FAN';
    expect(rulesOf(validatePlan(richProblem(), plan))).toEqual(['part-incompatible', 'parts-missing']);
  });

  it('counts a moved ticket only against previousEngineer', () => {
    const problem = richProblemInput();
    ticketOf(problem, 'T-4').previousEngineer = 'E-B';
    const validation = validatePlan(parseProblem(problem), richPlan());
    expect(validation.derived.moved).toBe(0);
    expect(rulesOf(validation)).toEqual(['summary-mismatch']);
  });

  it('does not count coverage when another holder is near every site', () => {
    // D-2 also holding a disk makes D-2's disk no longer any site's only source.
    const problem = richProblemInput();
    problem.stock!.push({ location: 'D-1', sku: 'P-DISK', qty: 1 });
    expect(validatePlan(parseProblem(problem), richPlan()).derived.objective[3]).toBe(1);
  });

  it('counts coverage when the other holder is beyond coverageMinutes', () => {
    // D-1 is 60 min from S-4 and D-2 20 min: with a 40-minute horizon only D-2 serves S-4, so
    // emptying D-2's disk and its R740XD unit both count, besides D-1's only R740 unit.
    const problem = richProblemInput();
    problem.stock!.push({ location: 'D-1', sku: 'P-DISK', qty: 1 });
    problem.options = { coverageMinutes: 40 };
    expect(validatePlan(parseProblem(problem), richPlan()).derived.objective[3]).toBe(3);
  });
});

describe('validatePlan catches each rule broken once', () => {
  const cases: [ViolationRule, (problem: ProblemInput, plan: Plan) => void][] = [
    ['unknown-ticket', (_, plan) => plan.unassigned.push({ ticket: 'T-X', reason: 'x' })],
    ['ticket-twice', (_, plan) => plan.unassigned.push({ ticket: 'T-1', reason: 'x' })],
    ['ticket-missing', (_, plan) => (plan.unassigned = [])],
    ['unknown-engineer', (_, plan) => (assignmentOf(plan, 'T-1').engineer = 'E-X')],
    [
      'unknown-location',
      (_, plan) => {
        const t4 = assignmentOf(plan, 'T-4');
        t4.spareUnit = { sku: 'U-R740XD', from: 'D-9', via: 'courier', atSite: at('08:45') };
      },
    ],
    ['route-twice', (_, plan) => plan.routes.push({ engineer: 'E-A', stops: [] })],
    ['stop-location', (_, plan) => (plan.routes[0]!.stops[0]!.location = 'S-2')],
    ['skill', (problem) => (ticketOf(problem, 'T-1').minSkillLevel = 3)],
    ['shift-end', (problem) => (engineerOf(problem, 'E-A').shiftEnd = at('13:00'))],
    ['max-jobs', (problem) => (engineerOf(problem, 'E-A').maxJobs = 2)],
    ['capacity', (problem) => (engineerOf(problem, 'E-A').capacity = 2)],
    ['time-mismatch', (_, plan) => (assignmentOf(plan, 'T-1').end = at('09:35'))],
    ['earliest-start', (_, plan) => (assignmentOf(plan, 'T-3').start = at('11:30'))],
    ['parts-missing', (_, plan) => (assignmentOf(plan, 'T-1').parts = [])],
    ['parts-excess', (_, plan) => (assignmentOf(plan, 'T-1').parts[0]!.qty = 2)],
    [
      'part-incompatible',
      (_, plan) =>
        assignmentOf(plan, 'T-1').parts.push({
          sku: 'P-CABLE',
          qty: 1,
          from: 'van',
          via: 'van',
          atSite: at('08:30'),
        }),
    ],
    ['supply-source', (_, plan) => (assignmentOf(plan, 'T-1').parts[0]!.from = 'D-1')],
    ['stock-overuse', (problem) => (problem.stock![0]!.qty = 0)],
    ['van-overuse', (problem) => (engineerOf(problem, 'E-A').vanStock = { 'P-FAN': 0 })],
    [
      'pickup-missing',
      (_, plan) =>
        (assignmentOf(plan, 'T-1').parts[0] = {
          ...assignmentOf(plan, 'T-1').parts[0]!,
          from: 'D-1',
          via: 'pickup',
        }),
    ],
    [
      'pickup-mismatch',
      (_, plan) => {
        const pickup = plan.routes[0]!.stops[1]!;
        if (pickup.type === 'pickup') pickup.skus = { 'P-PSU-700': 2, 'U-R740': 1 };
      },
    ],
    ['courier-unavailable', (problem) => (problem.courier = null)],
    ['unit-missing', (_, plan) => (assignmentOf(plan, 'T-4').spareUnit = null)],
    ['unit-incompatible', (_, plan) => (assignmentOf(plan, 'T-4').spareUnit!.sku = 'U-R640')],
    ['commitment-mismatch', (_, plan) => (assignmentOf(plan, 'T-1').commitments.onsite!.slackMinutes = 31)],
    ['pin', (problem) => (ticketOf(problem, 'T-3').pin = { engineer: 'E-B' })],
    ['route-assignment-mismatch', (_, plan) => (assignmentOf(plan, 'T-6').engineer = 'E-A')],
    ['summary-mismatch', (_, plan) => (plan.summary.lateMinutes = 26)],
    ['objective-mismatch', (_, plan) => (plan.summary.objective = [8003, 25, 240, 1])],
  ];

  it.each(cases)('%s', (rule, change) => {
    expect(breakRich(change)).toEqual([rule]);
  });

  it('pin: a ticket pinned first that is not the first stop', () => {
    expect(breakRich((problem) => (ticketOf(problem, 'T-2').pin = { engineer: 'E-A', first: true }))).toEqual(
      ['pin'],
    );
  });

  it('time-mismatch: a stop, a part at site and the route finish, each off by more than a second', () => {
    expect(breakRich((_, plan) => (plan.routes[0]!.stops[1]!.depart = at('10:05:02')))).toEqual([
      'time-mismatch',
    ]);
    expect(breakRich((_, plan) => (assignmentOf(plan, 'T-4').parts[0]!.atSite = at('08:45')))).toEqual([
      'time-mismatch',
    ]);
    expect(breakRich((_, plan) => (plan.routes[1]!.finish = at('11:00')))).toEqual(['time-mismatch']);
  });

  it('tolerates a reported time within one second', () => {
    expect(breakRich((_, plan) => (assignmentOf(plan, 'T-1').end = at('09:30:01')))).toEqual([]);
  });

  it('pickup-repeated: one route picking up at the same depot twice', () => {
    expect(rulesOf(validatePlan(pickupProblem(), pickupPlan(true)))).toEqual(['pickup-repeated']);
  });

  it('unknown-engineer: a route of an engineer the problem does not have', () => {
    const rules = breakRich((_, plan) => (plan.routes[1]!.engineer = 'E-X'));
    expect(rules).toContain('unknown-engineer');
  });

  it('never throws on nonsense inside a well-typed plan', () => {
    const plan = richPlan();
    plan.routes[0]!.stops[0]!.arrive = 'not a time';
    plan.routes[0]!.stops.push({
      type: 'ticket',
      ticket: 'T-Z',
      location: 'nowhere',
      arrive: '',
      depart: '',
    });
    plan.routes[1]!.stops.unshift({
      type: 'pickup',
      location: 'nowhere',
      arrive: '',
      depart: '',
      skus: { X: 1 },
    });
    assignmentOf(plan, 'T-2').parts.push({
      sku: 'P-FAN',
      qty: 1,
      from: 'van',
      via: 'courier',
      atSite: 'never',
    });
    const validation = validatePlan(richProblem(), plan);
    expect(validation.valid).toBe(false);
    expect(rulesOf(validation)).toEqual(
      expect.arrayContaining(['time-mismatch', 'unknown-ticket', 'unknown-location', 'supply-source']),
    );
  });
});

describe('candidates', () => {
  it('accepts hand-checked candidates, both through validatePlan and on their own', () => {
    expect(validatePlan(candidatesProblem(), candidatesPlan()).violations).toEqual([]);
    expect(validateCandidates(candidatesProblem(), candidatesPlan())).toEqual({
      valid: true,
      violations: [],
    });
  });

  it('re-derives candidates against the routes without the ticket when the plan already places it', () => {
    // The best candidate applied: E-B O-B +30 → T-NEW 08:30–09:00, no end; travel 60 + 30.
    const plan = candidatesPlan();
    plan.unassigned = [];
    plan.assignments.push(
      assignment({
        ticket: 'T-NEW',
        engineer: 'E-B',
        arrive: at('08:30'),
        start: at('08:30'),
        end: at('09:00'),
        parts: [{ sku: 'P-FAN', qty: 1, from: 'van', via: 'van', atSite: at('08:30') }],
        commitments: { onsite: { due: at('10:00'), met: true, slackMinutes: 90 } },
      }),
    );
    plan.routes.push({
      engineer: 'E-B',
      stops: [{ type: 'ticket', ticket: 'T-NEW', location: 'S-2', arrive: at('08:30'), depart: at('09:00') }],
    });
    plan.summary = summary({
      commitments: { met: 2, missed: 0, byLevel: { '1': [1, 0], '2': [1, 0], '3': [0, 0] } },
      lateMinutes: 0,
      travelMinutes: 90,
      courierMinutes: 0,
      objective: [0, 0, 90, 0],
    });
    expect(validatePlan(candidatesProblem(), plan).violations).toEqual([]);
  });

  const cases: [ViolationRule, (plan: Plan) => void][] = [
    ['time-mismatch', (plan) => (plan.candidates![0]!.arrive = at('08:40'))],
    ['commitment-mismatch', (plan) => (plan.candidates![2]!.commitments.onsite!.met = true)],
    ['objective-mismatch', (plan) => (plan.candidates![1]!.delta = [2000, 50, 100, 1])],
    ['candidate-consequences', (plan) => (plan.candidates![1]!.consequences = [])],
    ['candidate-order', (plan) => plan.candidates!.reverse()],
    ['candidate-position', (plan) => (plan.candidates![2]!.position = 2)],
    ['unknown-engineer', (plan) => (plan.candidates![0]!.engineer = 'E-X')],
    ['van-overuse', (plan) => (plan.candidates![0]!.parts[0]!.qty = 2)],
  ];

  it.each(cases)('%s', (rule, change) => {
    const plan = candidatesPlan();
    change(plan);
    const rules = rulesOf(validateCandidates(candidatesProblem(), plan));
    if (rule === 'van-overuse') expect(rules).toContain(rule);
    else expect(rules).toEqual([rule]);
  });

  it('skill: an engineer who cannot do the work is caught', () => {
    const plan = candidatesPlan();
    const problem = candidatesProblem();
    problem.tickets[1]!.minSkillLevel = 2;
    expect(rulesOf(validateCandidates(problem, plan))).toEqual(['skill']);
  });
});
