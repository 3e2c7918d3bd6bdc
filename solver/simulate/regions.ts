/**
 * Regions for the optimized dispatcher's re-plans: engineers whose homes lie within
 * `REGION_LINK_MINUTES` of driving of each other, transitively, form one region (the demo's cities
 * come out as separate regions). A re-plan solves each region on its own, so its cost grows with
 * the region and not with the network, and a region where nothing happened is not re-planned.
 * A waiting ticket belongs to the region of the nearest home of an engineer qualified for it.
 */
import type { SimTicket } from './demand.ts';
import type { EngineerState, SimState } from './state.ts';

/** Homes closer than this (minutes of driving) are in one region. */
export const REGION_LINK_MINUTES = 120;

export interface Regions {
  /** Engineers of each region, in the network's order. */
  readonly members: readonly (readonly EngineerState[])[];
  regionOfEngineer(engineerId: string): number;
  /** The region of a ticket's site for its skill, or -1 when no engineer is qualified for it. */
  regionOfTicket(t: SimTicket): number;
}

export function createRegions(state: SimState): Regions {
  const homes = [...new Set(state.engineers.map((e) => e.def.home))];
  // Single linkage by union-find over the homes (a few dozen: all pairs are cheap).
  const parent = homes.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let a = 0; a < homes.length; a++)
    for (let b = a + 1; b < homes.length; b++)
      if (
        Math.min(state.minutes(homes[a]!, homes[b]!), state.minutes(homes[b]!, homes[a]!)) <=
        REGION_LINK_MINUTES
      )
        parent[root(a)] = root(b);
  // Regions numbered in the order their first engineer appears (stable for a given network).
  const regionOfRoot = new Map<number, number>();
  const members: EngineerState[][] = [];
  const byEngineer = new Map<string, number>();
  for (const e of state.engineers) {
    const r = root(homes.indexOf(e.def.home));
    let region = regionOfRoot.get(r);
    if (region === undefined) {
      region = members.length;
      regionOfRoot.set(r, region);
      members.push([]);
    }
    members[region]!.push(e);
    byEngineer.set(e.def.id, region);
  }
  const byTicketKind = new Map<string, number>();
  return {
    members,
    regionOfEngineer: (id) => byEngineer.get(id) ?? -1,
    regionOfTicket(t) {
      const k = `${t.site}|${t.skill}|${t.minSkillLevel}`;
      let region = byTicketKind.get(k);
      if (region === undefined) {
        let best = Infinity;
        region = -1;
        for (const e of state.engineers) {
          if (!state.qualified(e, t)) continue;
          const minutes = state.minutes(e.def.home, t.site);
          if (minutes < best) {
            best = minutes;
            region = byEngineer.get(e.def.id)!;
          }
        }
        byTicketKind.set(k, region);
      }
      return region;
    },
  };
}
