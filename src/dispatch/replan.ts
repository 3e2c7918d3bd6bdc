import type { Problem } from '../../solver/index.ts';

/**
 * Committed work in a new problem. Every ticket that a committed plan gave to an engineer (and
 * that is still with that engineer) names them as `previousEngineer`, so the solver counts the
 * tickets it moves; with `pin`, the ticket is also held by that engineer, which is what a re-plan
 * for an urgent ticket does: the new ticket is placed around the work already promised.
 * A pin the builder set (work in progress) is kept as it is.
 */
export function withCommittedWork(
  problem: Problem,
  committed: ReadonlyMap<string, string>,
  options: { pin: boolean },
): Problem {
  const engineers = new Set(problem.engineers.map((engineer) => engineer.id));
  const tickets = problem.tickets.map((ticket) => {
    const engineer = committed.get(ticket.id);
    if (!engineer || !engineers.has(engineer)) return ticket;
    return {
      ...ticket,
      previousEngineer: ticket.previousEngineer ?? engineer,
      pin: ticket.pin ?? (options.pin ? { engineer, first: false } : ticket.pin),
    };
  });
  return { ...problem, tickets };
}

/**
 * Starts re-plans for urgent tickets one at a time: while one runs, any number of new level-1
 * tickets ask for one more, which starts when the running one ends (it then sees them all).
 */
export function createReplanTrigger(
  start: () => Promise<{ done: Promise<void> }>,
  onError: (error: unknown) => void,
) {
  let running: Promise<void> | null = null;
  let again = false;

  async function loop(): Promise<void> {
    do {
      again = false;
      const { done } = await start();
      await done;
    } while (again);
  }

  return {
    request(): void {
      if (running) {
        again = true;
        return;
      }
      running = loop()
        .catch(onError)
        .finally(() => (running = null));
    },
    /** Resolves when no re-plan is running or waiting. */
    async idle(): Promise<void> {
      while (running) await running;
    },
  };
}
