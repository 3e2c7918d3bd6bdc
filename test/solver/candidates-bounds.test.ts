import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankInsertions } from '../../solver/candidates/rank.ts';
import { buildToday } from '../../solver/candidates/today.ts';
import { createEngineerIndex } from '../../solver/plan/engineer-index.ts';
import type { Insertion } from '../../solver/plan/insertion.ts';
import { buildModel } from '../../solver/plan/model.ts';
import { SearchState } from '../../solver/plan/state.ts';
import type { Problem } from '../../solver/problem.schema.ts';
import { solve } from '../../solver/solve.ts';
import { benchmarkProblem } from '../support/plan-benchmark-problem.ts';

/** Half the tickets planned and pinned in route order; the rest are placed as candidates mode does. */
function busyDay(seed: number, shiftHours: number, handlingMinutes: number | null): Problem {
  const generated = benchmarkProblem(seed, {
    tickets: 60,
    engineers: 16,
    offices: 4,
    depots: 2,
    sideKm: 250,
  });
  const now = Date.parse(generated.now);
  const shiftEnd =
    new Date(now + shiftHours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
  const problem = {
    ...generated,
    engineers: generated.engineers.map((e) => ({ ...e, shiftEnd })),
    courier: handlingMinutes === null ? null : { handlingMinutes, speedFactor: 1 },
  };
  const planned = solve(
    { ...problem, tickets: problem.tickets.slice(0, 20), options: { ...problem.options, mode: 'plan' } },
    { now: () => 0, maxIterations: 0 },
  );
  const pins = new Map<string, string>();
  for (const route of planned.routes)
    for (const stop of route.stops) if (stop.type === 'ticket') pins.set(stop.ticket, route.engineer);
  return {
    ...problem,
    tickets: problem.tickets.map((ticket) => {
      const engineer = pins.get(ticket.id);
      return engineer ? { ...ticket, pin: { engineer, first: false } } : ticket;
    }),
  };
}

function ranked(problem: Problem, target: number, count: number, prune: boolean): unknown[] {
  const model = buildModel(problem);
  const state = new SearchState(model, createEngineerIndex(model));
  buildToday(state, target);
  return rankInsertions(state, target, count, prune).map((insertion: Insertion) => ({
    engineer: insertion.engineer,
    position: insertion.position,
    pickups: insertion.pickups,
    delta: insertion.delta,
    draws: insertion.supply.draws,
  }));
}

const PARTS = ['P-PSU-600', 'P-FAN-1', 'P-DISK-2T'] as const;

/** The ticket to rank, made to need a part and the spare unit, with dues from tight to loose. */
function withNeeds(
  problem: Problem,
  target: number,
  part: number,
  onsiteHours: number,
  unitHours: number,
): Problem {
  const now = Date.parse(problem.now);
  const at = (hours: number) =>
    new Date(now + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
  const tickets = problem.tickets.map((ticket, i) =>
    i !== target
      ? ticket
      : {
          ...ticket,
          skill: 'his-server',
          minSkillLevel: 1,
          parts: [{ sku: PARTS[part]!, qty: 1 }],
          spareUnit: { model: 'HIS-R740' },
          due: { onsite: at(onsiteHours), spareUnit: at(unitHours) },
          earliestStart: null,
        },
  );
  return { ...problem, tickets };
}

describe('candidates mode: bounds', () => {
  it('skip only engineers that cannot make the top k, on busy days with parts, units and short shifts', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 1_000_000 }),
          target: fc.integer({ min: 20, max: 39 }),
          shiftHours: fc.constantFrom(4, 8, 12),
          // A slow courier makes the spare unit late unless the engineer picks it up; without
          // one, everything the van lacks is picked up.
          handlingMinutes: fc.constantFrom(30, 240, 600, null),
          count: fc.constantFrom(1, 3, 5),
          needs: fc.option(
            fc.record({
              part: fc.integer({ min: 0, max: PARTS.length - 1 }),
              onsiteHours: fc.constantFrom(1, 2, 4, 48),
              unitHours: fc.constantFrom(1, 2, 3, 6, 48),
            }),
          ),
        }),
        ({ seed, target, shiftHours, handlingMinutes, count, needs }) => {
          const day = busyDay(seed, shiftHours, handlingMinutes);
          const problem = needs
            ? withNeeds(day, target, needs.part, needs.onsiteHours, needs.unitHours)
            : day;
          expect(ranked(problem, target, count, true)).toEqual(ranked(problem, target, count, false));
        },
      ),
      { numRuns: 80 },
    );
  });
});
