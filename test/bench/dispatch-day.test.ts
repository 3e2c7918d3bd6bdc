import { describe, expect, it } from 'vitest';
import { Problem } from '../../solver/problem.schema.ts';
import { solve } from '../../solver/solve.ts';
import { validatePlan } from '../../solver/validate-plan.ts';
import { candidateQuery } from '../../scripts/bench/lib/candidate-queries.ts';
import { CITIES } from '../../scripts/bench/lib/dispatch-cities.ts';
import { DISPATCH_NOW, generateDispatchDay } from '../../scripts/bench/lib/dispatch-day.ts';
import { engineerPoints, nearestQualified } from '../../scripts/bench/lib/naive-scan.ts';
import { createBenchRandom } from '../../scripts/bench/lib/random.ts';
import { pinTodaysRoutes } from '../../scripts/bench/lib/today-routes.ts';

const small = { tickets: 40, engineers: 12, stockLocations: 8, seed: 3 };

describe('generated dispatch days', () => {
  it('is a valid contract problem of the requested size', () => {
    const problem = Problem.parse(generateDispatchDay(small));
    expect(problem.tickets).toHaveLength(40);
    expect(problem.engineers).toHaveLength(12);
    expect(problem.locations.filter((l) => l.kind !== 'site')).toHaveLength(8);
    expect(problem.travel.mode).toBe('greatCircle');
  });

  it('is the same day for the same seed and another day for another seed', () => {
    expect(generateDispatchDay(small)).toEqual(generateDispatchDay(small));
    expect(generateDispatchDay({ ...small, seed: 4 })).not.toEqual(generateDispatchDay(small));
  });

  it('puts every location within 100 km of a real city of the service area', () => {
    const problem = generateDispatchDay({ ...small, tickets: 300 });
    for (const location of problem.locations) {
      const nearest = Math.min(
        ...CITIES.map((city) =>
          Math.hypot((location.lat! - city.lat) * 111, (location.lon! - city.lon) * 96),
        ),
      );
      expect(nearest).toBeLessThan(100);
    }
  });

  it('gives level-1 tickets the earliest dues (preventive windows aside) and qualifies someone for most', () => {
    const problem = Problem.parse(generateDispatchDay({ ...small, tickets: 400, engineers: 60 }));
    const hoursDue = (level: number) =>
      problem.tickets
        .filter((t) => t.level === level && t.due.onsite && !t.earliestStart)
        .map((t) => (Date.parse(t.due.onsite!) - Date.parse(DISPATCH_NOW)) / 3_600_000);
    expect(Math.max(...hoursDue(1))).toBeLessThanOrEqual(8);
    expect(Math.min(...hoursDue(3))).toBeGreaterThan(Math.max(...hoursDue(1)));
    const qualified = problem.tickets.filter((t) =>
      problem.engineers.some((e) => (e.skills[t.skill] ?? 0) >= t.minSkillLevel),
    );
    expect(qualified.length / problem.tickets.length).toBeGreaterThan(0.9);
  });
});

describe('today’s routes and candidates queries', () => {
  const day = generateDispatchDay(small);
  const problem = Problem.parse(day);
  let tick = 0;
  const plan = solve(problem, { now: () => tick++, maxIterations: 0 });
  const today = Problem.parse(pinTodaysRoutes(day, plan));

  it('pins exactly the routed tickets to their engineers, in route order', () => {
    const routed = plan.routes.flatMap((route) =>
      route.stops.flatMap((stop) => (stop.type === 'ticket' ? [[stop.ticket, route.engineer]] : [])),
    );
    expect(today.tickets.map((t) => [t.id, t.pin?.engineer])).toEqual(routed);
  });

  it('adds one new ticket at a new site, first, and asks for its candidates', () => {
    const query = candidateQuery(today, createBenchRandom(9), 0);
    expect(query.tickets).toHaveLength(today.tickets.length + 1);
    expect(query.tickets[0]!.id).toBe('T-NEW-1');
    expect(query.options).toMatchObject({ mode: 'candidates', ticket: 'T-NEW-1' });
    expect(query.locations.at(-1)).toMatchObject({ id: 'S-NEW-1', kind: 'site' });
    expect(() => Problem.parse(query)).not.toThrow();
    const answer = solve(query, { now: () => tick++ });
    expect(validatePlan(query, answer).violations).toEqual([]);
  });

  it('finds the nearest qualified engineer by looking at all of them', () => {
    const points = engineerPoints(today);
    const engineer = today.engineers[0]!;
    const [skill, level] = Object.entries(engineer.skills)[0]!;
    const start = today.locations.find((l) => l.id === engineer.start)!;
    const found = nearestQualified(
      points,
      { skill, minSkillLevel: level },
      { lon: start.lon!, lat: start.lat! },
    );
    expect(found?.km).toBe(0);
    expect(
      nearestQualified(points, { skill: 'no-such-skill', minSkillLevel: 1 }, { lon: 0, lat: 0 }),
    ).toBeNull();
  });
});
