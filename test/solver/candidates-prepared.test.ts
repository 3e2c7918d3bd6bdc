import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solveCandidatesDirect } from '../../solver/candidates/direct.ts';
import { prepareCandidates, type CandidatesQuery } from '../../solver/candidates/prepare.ts';
import type { Plan } from '../../solver/plan.schema.ts';
import { Location, Ticket, type Problem } from '../../solver/problem.schema.ts';
import { solve } from '../../solver/solve.ts';
import { validatePlan } from '../../solver/validate-plan.ts';
import { benchmarkProblem } from '../support/plan-benchmark-problem.ts';
import { engineer, nearYibin, ticket, yibinProblem } from '../support/plan-scenarios.ts';
import { randomSmallProblem } from '../support/random-problem.ts';

/** A plan without its timing, which is all two runs of the same question may differ in. */
function untimed(plan: Plan): Plan {
  return { ...plan, summary: { ...plan.summary, solveMs: 0 } };
}

function inCandidatesMode(problem: Problem, ticket: string, coverageMinutes: number): Problem {
  return {
    ...problem,
    options: { ...problem.options, mode: 'candidates', ticket, maxCandidates: 4, coverageMinutes },
  };
}

/**
 * A day like a dispatcher's: the problem planned once, every assigned ticket pinned to its
 * engineer in route order, the rest left out (they are on nobody's route).
 */
function pinnedDay(problem: Problem): Problem {
  const plan = solve(
    { ...problem, options: { ...problem.options, mode: 'plan' } },
    { now: () => 0, maxIterations: 0 },
  );
  const byId = new Map(problem.tickets.map((ticket) => [ticket.id, ticket]));
  const tickets = plan.routes.flatMap((route) =>
    route.stops.flatMap((stop) =>
      stop.type === 'ticket'
        ? [{ ...byId.get(stop.ticket)!, pin: { engineer: route.engineer, first: false } }]
        : [],
    ),
  );
  return { ...problem, tickets };
}

/** The day without ticket `t` and, when no other ticket is there, without its site. */
function splitQuery(problem: Problem, t: number): { day: Problem; query: CandidatesQuery } {
  const ticket = problem.tickets[t]!;
  const others = problem.tickets.filter((_, i) => i !== t);
  const shared = others.some((other) => other.site === ticket.site);
  const site = problem.locations.find((location) => location.id === ticket.site)!;
  return {
    day: {
      ...problem,
      tickets: others,
      locations: shared ? problem.locations : problem.locations.filter((location) => location !== site),
    },
    query: { ticket, locations: shared ? [] : [site], maxCandidates: 3 },
  };
}

describe('candidates mode: a prepared day', () => {
  it('solve answers exactly as building the whole problem from scratch does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('greatCircle' as const, 'matrix' as const),
        fc.nat(),
        fc.constantFrom(20, 60, 240),
        (seed, travel, pick, coverageMinutes) => {
          const base = randomSmallProblem(seed, { travel });
          const t = pick % base.tickets.length;
          const problem = inCandidatesMode(base, base.tickets[t]!.id, coverageMinutes);
          const plan = solve(problem, { now: () => 0 });
          expect(untimed(plan)).toEqual(untimed(solveCandidatesDirect(problem, t, () => 0)));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('ranks a new ticket at a new site as solve does on the day plus that ticket, and passes the checker', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('greatCircle' as const, 'matrix' as const),
        fc.nat(),
        fc.constantFrom(20, 60, 240),
        (seed, travel, pick, coverageMinutes) => {
          const base = randomSmallProblem(seed, { travel });
          const withCoverage = { ...base, options: { ...base.options, coverageMinutes } };
          const { day, query } = splitQuery(withCoverage, pick % base.tickets.length);
          const prepared = prepareCandidates(day);
          const problem = prepared.problemFor(query);
          const plan = prepared.rank(query);
          expect(untimed(plan)).toEqual(untimed(solveCandidatesDirect(problem, 0, () => 0)));
          expect(validatePlan(problem, plan).violations).toEqual([]);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('answers on a pinned day of 25 engineers as from scratch, whatever was asked before', () => {
    const day = pinnedDay(
      benchmarkProblem(7, { tickets: 70, engineers: 25, offices: 5, depots: 2, sideKm: 200 }),
    );
    const questions = benchmarkProblem(8, { tickets: 6, engineers: 25, offices: 5, depots: 2, sideKm: 200 });
    const prepared = prepareCandidates(day);
    const queries = questions.tickets.map((ticket, i): CandidatesQuery => {
      const site = questions.locations.find((location) => location.id === ticket.site)!;
      const id = `S-Q${i}`;
      return { ticket: { ...ticket, id: `Q-${i}`, site: id }, locations: [{ ...site, id }] };
    });
    const first = queries.map((query) => untimed(prepared.rank(query)));
    queries.forEach((query, i) => {
      const problem = prepared.problemFor(query);
      expect(first[i]).toEqual(untimed(solveCandidatesDirect(problem, 0, () => 0)));
    });
    // Asked again in reverse order: the day is not changed by the questions.
    const again = [...queries].reverse().map((query) => untimed(prepared.rank(query)));
    expect(again.reverse()).toEqual(first);
    expect(first.some((plan) => (plan.candidates ?? []).length > 0)).toBe(true);
  });

  it("counts the stock a new site relies on: taking D-YB's last fan is taking a sole cover", () => {
    // O-YB holds fans too and is nearer every site of the day, so D-YB covers no site alone;
    // the new site, 25 km north, is within 30 minutes of D-YB (5 km north) and not of O-YB.
    const day = yibinProblem({
      engineers: [engineer('E-1')],
      tickets: [ticket('T-1', 'S-2', { pin: { engineer: 'E-1' } })],
      stock: [
        { location: 'D-YB', sku: 'P-FAN-1', qty: 1 },
        { location: 'O-YB', sku: 'P-FAN-1', qty: 3 },
      ],
      options: { coverageMinutes: 30, maxCandidates: 6 },
    });
    const query: CandidatesQuery = {
      ticket: Ticket.parse(ticket('T-NEW', 'S-NORTH', { parts: [{ sku: 'P-FAN-1', qty: 1 }] })),
      locations: [Location.parse({ id: 'S-NORTH', kind: 'site', ...nearYibin(25) })],
    };
    const prepared = prepareCandidates(day);
    const plan = prepared.rank(query);
    const problem = prepared.problemFor(query);
    expect(untimed(plan)).toEqual(untimed(solveCandidatesDirect(problem, 0, () => 0)));
    expect(validatePlan(problem, plan).violations).toEqual([]);
    const fromDepot = plan.candidates!.filter((c) => c.parts[0]!.from === 'D-YB');
    expect(fromDepot.length).toBeGreaterThan(0);
    expect(fromDepot.every((c) => c.delta[3] === 1)).toBe(true);
    expect(plan.candidates![0]!.parts[0]!.from).toBe('O-YB');
  });

  it('answers a ticket asking for a SKU the day has never seen (no option: out of stock)', () => {
    const { day, query } = splitQuery(randomSmallProblem(11), 0);
    const odd = {
      ...query,
      ticket: { ...query.ticket, pin: null, parts: [{ sku: 'P-NEVER-SEEN', qty: 1 }] },
    };
    const prepared = prepareCandidates(day);
    const plan = prepared.rank(odd);
    expect(untimed(plan)).toEqual(untimed(solveCandidatesDirect(prepared.problemFor(odd), 0, () => 0)));
    expect(plan.candidates).toEqual([]);
    expect(plan.unassigned[0]!.reason).toContain('P-NEVER-SEEN');
  });

  it('refuses a query whose references are wrong, as zod refuses such a problem', () => {
    const { day, query } = splitQuery(randomSmallProblem(12), 0);
    const prepared = prepareCandidates(day);
    expect(() => prepared.rank({ ...query, ticket: day.tickets[0]! })).toThrow(/already in the day/);
    expect(() => prepared.rank({ ticket: { ...query.ticket, site: 'S-NOWHERE' } })).toThrow(
      /unknown location/,
    );
    expect(() =>
      prepared.rank({ ...query, ticket: { ...query.ticket, pin: { engineer: 'E-NOBODY', first: false } } }),
    ).toThrow(/unknown engineer/);
  });
});
