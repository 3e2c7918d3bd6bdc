import type { Model } from './model.ts';

/** How many nearest other tickets a ticket keeps: enough for a ruin to reach a few routes. */
const NEIGHBOURS = 64;

/**
 * Each ticket's nearest other tickets by (estimated) travel between their sites, nearest first.
 * String removal walks this list from a seed ticket to find the routes around it. Lists are
 * built on first use: a ruin touches few seeds on a large day.
 */
export interface TicketNeighbours {
  of(ticket: number): readonly number[];
}

export function createTicketNeighbours(model: Model): TicketNeighbours {
  const lists = new Array<readonly number[] | undefined>(model.ticketCount);
  return {
    of(t) {
      let list = lists[t];
      if (!list) {
        list = nearestTickets(model, t, NEIGHBOURS);
        lists[t] = list;
      }
      return list;
    },
  };
}

function nearestTickets(model: Model, t: number, count: number): number[] {
  const site = model.tSite[t]!;
  const items: number[] = [];
  const keys: number[] = [];
  for (let other = 0; other < model.ticketCount; other++) {
    if (other === t) continue;
    const key = model.approx(site, model.tSite[other]!);
    if (items.length === count && key >= keys[count - 1]!) continue;
    let at = items.length;
    while (at > 0 && keys[at - 1]! > key) at--;
    items.splice(at, 0, other);
    keys.splice(at, 0, key);
    if (items.length > count) {
      items.pop();
      keys.pop();
    }
  }
  return items;
}
