import { Location, Ticket, type Problem } from '../../../solver/problem.schema.ts';
import { offset } from './dispatch-cities.ts';
import { dispatchTicket } from './dispatch-day.ts';
import type { BenchRandom } from './random.ts';

/**
 * Candidates-mode queries against today's routes: each a new ticket at a new site within 25 km of
 * an office, drawn like the day's own tickets, placed first in the problem and named in
 * `options.ticket`. The base problem is parsed once; a query adds one parsed location and one
 * parsed ticket, so the work measured is the solver's, not zod's.
 */
export function candidateQuery(base: Problem, random: BenchRandom, index: number): Problem {
  const offices = base.locations.filter((location) => location.kind === 'office');
  const office = random.pick(offices);
  const site = Location.parse({
    id: `S-NEW-${index + 1}`,
    kind: 'site',
    ...offset(
      { lat: office.lat ?? 0, lon: office.lon ?? 0 },
      random.next() * 25,
      random.next() * 2 * Math.PI,
    ),
  });
  const ticket = Ticket.parse(dispatchTicket(random, `T-NEW-${index + 1}`, site.id));
  return {
    ...base,
    locations: [...base.locations, site],
    tickets: [ticket, ...base.tickets],
    options: { ...base.options, mode: 'candidates', ticket: ticket.id },
  };
}
