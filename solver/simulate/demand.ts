/**
 * The tickets of one replication: sampled from the demand model or replayed from a history. Each
 * ticket's attributes, its service-time factor and its courier delay come from separate streams
 * keyed by the ticket (class, day, index within the day), so a scenario that scales demand keeps
 * the baseline's tickets and adds to them, and a scenario that changes the network sees the same
 * tickets with the same durations (common random numbers).
 */
import type { Calendar } from './calendar.ts';
import {
  exponential,
  lognormalFactor,
  poissonFromUniform,
  weightedIndex,
  type StreamFactory,
} from './streams.ts';
import type { Level, SimulationInput, Tier } from './types.ts';

export interface SimTicket {
  id: string;
  /** Position in arrival order. */
  index: number;
  at: number;
  site: string;
  level: Level;
  tier: Tier;
  skill: string;
  minSkillLevel: number;
  /** What the dispatcher plans with. */
  serviceMinutes: number;
  /** What the simulated repair takes. */
  actualServiceMinutes: number;
  /** Extra minutes a courier to this ticket is late by. */
  courierDelayMinutes: number;
  parts: { sku: string; qty: number }[];
  spareUnit: { model: string } | null;
}

export function generateTickets(
  input: SimulationInput,
  calendar: Calendar,
  streams: StreamFactory,
): SimTicket[] {
  const cv = input.serviceTimeCv ?? 0.3;
  const courierMean = input.courierDelayMeanMinutes ?? 0;
  const horizon = input.days * 1440;
  const drafts: Omit<SimTicket, 'index' | 'actualServiceMinutes' | 'courierDelayMinutes'>[] = [];
  const { demand } = input;
  if (demand.kind === 'replay') {
    for (const t of demand.tickets) {
      if (t.at < 0 || t.at >= horizon) continue;
      drafts.push({ ...t, parts: t.parts ?? [], spareUnit: t.spareUnit ?? null });
    }
  } else {
    const hourWeights = demand.hourOfDay ?? Array.from({ length: 24 }, () => 1);
    for (const c of demand.classes) {
      for (let d = 0; d < input.days; d++) {
        const multiplier =
          (demand.dayOfWeek?.[calendar.dayOfWeek(d)] ?? 1) *
          (demand.byDay?.[d] ?? 1) *
          (demand.classScale?.[c.name] ?? 1);
        const count = poissonFromUniform(c.ticketsPerDay * multiplier, streams('count', c.name, d).next());
        for (let k = 0; k < count; k++) {
          const r = streams('ticket', c.name, d, k);
          const hour = weightedIndex(hourWeights, r.next());
          const at = calendar.dayStart(d) + hour * 60 + r.next() * 60;
          const site = r.pick(c.sites);
          const parts = (c.parts ?? [])
            .filter((p) => r.next() < p.probability)
            .map(({ sku, qty }) => ({ sku, qty }));
          const spareUnit =
            c.spareUnit && r.next() < c.spareUnit.probability ? { model: c.spareUnit.model } : null;
          if (at < 0 || at >= horizon) continue;
          drafts.push({
            id: `${c.name}-${d}-${k}`,
            at,
            site,
            level: c.level,
            tier: c.tier,
            skill: c.skill,
            minSkillLevel: c.minSkillLevel,
            serviceMinutes: c.serviceMinutes,
            parts,
            spareUnit,
          });
        }
      }
    }
  }
  drafts.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return drafts.map((draft, index) => ({
    ...draft,
    index,
    actualServiceMinutes: draft.serviceMinutes * lognormalFactor(cv, streams('service', draft.id)),
    courierDelayMinutes: exponential(courierMean, streams('courier', draft.id)),
  }));
}
